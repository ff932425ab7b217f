using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.Generator.Templates;

/// <summary>
/// Maps offsets in a template's value to positions in the source file, through escapes, verbatim quotes and the
/// indentation a multi-line raw string strips, so diagnostics point at the exact characters. When the template is
/// not a single literal (a constant, a concatenation), every span maps to the whole argument expression.
/// </summary>
internal sealed class TemplateSourceMap
{
    private readonly SyntaxTree? _tree;
    private readonly CharacterMap? _map;
    private readonly TextSpan _fallback;

    private TemplateSourceMap(SyntaxTree? tree, CharacterMap? map, TextSpan fallback)
    {
        _tree = tree;
        _map = map;
        _fallback = fallback;
    }

    public static TemplateSourceMap Create(ExpressionSyntax? expression, string value)
    {
        if (expression is null)
        {
            return new TemplateSourceMap(null, null, default);
        }

        CharacterMap? map = null;
        if (expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            map = Build(literal.Token, value);
        }

        return new TemplateSourceMap(expression.SyntaxTree, map, expression.Span);
    }

    public Model.LocationInfo? Map(TextSpan templateSpan)
    {
        if (_tree is null)
        {
            return null;
        }

        if (_map is null)
        {
            return Model.LocationInfo.From(_tree, _fallback);
        }

        var count = _map.Starts.Count;
        int start;
        int end;
        if (count == 0 || templateSpan.Start >= count)
        {
            start = end = _map.End;
        }
        else
        {
            start = _map.Starts[templateSpan.Start];
            end = templateSpan.IsEmpty ? start : _map.Ends[System.Math.Min(templateSpan.End, count) - 1];
        }

        return Model.LocationInfo.From(_tree, TextSpan.FromBounds(start, System.Math.Max(start, end)));
    }

    /// <summary>For each character of the value, where it starts and ends in the source; plus the value's end.</summary>
    private sealed class CharacterMap
    {
        public List<int> Starts { get; } = new();

        public List<int> Ends { get; } = new();

        public int End { get; set; }

        public void Add(int start, int end)
        {
            Starts.Add(start);
            Ends.Add(end);
        }
    }

    private static CharacterMap? Build(SyntaxToken token, string value)
    {
        var text = token.Text;
        var basePosition = token.SpanStart;
        var map = new CharacterMap();
        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken when text.StartsWith("@", System.StringComparison.Ordinal):
                for (var i = 2; i < text.Length - 1; i++)
                {
                    var width = text[i] == '"' ? 2 : 1;
                    map.Add(basePosition + i, basePosition + i + width);
                    i += width - 1;
                }

                map.End = basePosition + text.Length - 1;
                break;
            case SyntaxKind.StringLiteralToken:
                if (!MapRegular(text, basePosition, map))
                {
                    return null;
                }

                break;
            case SyntaxKind.SingleLineRawStringLiteralToken:
            {
                var quotes = CountQuotes(text, 0);
                for (var i = quotes; i < text.Length - quotes; i++)
                {
                    map.Add(basePosition + i, basePosition + i + 1);
                }

                map.End = basePosition + text.Length - quotes;
                break;
            }

            case SyntaxKind.MultiLineRawStringLiteralToken:
                if (!MapMultiLineRaw(text, basePosition, map))
                {
                    return null;
                }

                break;
            default:
                return null;
        }

        // Trust the map only if it accounts for exactly the characters of the value.
        return map.Starts.Count == value.Length ? map : null;
    }

    private static bool MapRegular(string text, int basePosition, CharacterMap map)
    {
        var i = 1;
        var end = text.Length - 1;
        while (i < end)
        {
            var start = i;
            if (text[i] != '\\')
            {
                map.Add(basePosition + i, basePosition + i + 1);
                i++;
                continue;
            }

            if (i + 1 >= end)
            {
                return false;
            }

            var characters = 1;
            switch (text[i + 1])
            {
                case 'u':
                    i += 6;
                    break;
                case 'U':
                    if (i + 10 > end || !uint.TryParse(text.Substring(i + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint))
                    {
                        return false;
                    }

                    i += 10;
                    characters = codePoint > 0xFFFF ? 2 : 1;
                    break;
                case 'x':
                    i += 2;
                    for (var digits = 0; digits < 4 && i < end && System.Uri.IsHexDigit(text[i]); digits++)
                    {
                        i++;
                    }

                    break;
                default:
                    i += 2;
                    break;
            }

            // A surrogate pair written as one \U escape is two characters of the value sharing one source span.
            for (var c = 0; c < characters; c++)
            {
                map.Add(basePosition + start, basePosition + i);
            }
        }

        map.End = basePosition + end;
        return true;
    }

    private static bool MapMultiLineRaw(string text, int basePosition, CharacterMap map)
    {
        var quotes = CountQuotes(text, 0);
        var closingStart = text.Length - quotes;
        var lastLineBreak = text.LastIndexOf('\n', closingStart - 1);
        var firstLineBreak = text.IndexOf('\n', quotes);
        if (lastLineBreak < 0 || firstLineBreak < 0)
        {
            return false;
        }

        var indentation = closingStart - (lastLineBreak + 1);

        // Content runs from the line after the opening quotes to the line break before the closing quotes,
        // which (with its \r, if any) is not part of the value.
        var contentEnd = lastLineBreak > 0 && text[lastLineBreak - 1] == '\r' ? lastLineBreak - 1 : lastLineBreak;
        var position = firstLineBreak + 1;
        while (position <= contentEnd)
        {
            var lineEnd = text.IndexOf('\n', position);
            var isLastLine = lineEnd < 0 || lineEnd >= contentEnd;
            if (isLastLine)
            {
                lineEnd = contentEnd;
            }

            // Whitespace-only lines may be shorter than the indentation; strip what there is of it.
            var contentStart = position;
            for (var stripped = 0; stripped < indentation && contentStart < lineEnd && text[contentStart] is ' ' or '\t'; stripped++)
            {
                contentStart++;
            }

            for (var i = contentStart; i < lineEnd; i++)
            {
                map.Add(basePosition + i, basePosition + i + 1);
            }

            if (isLastLine)
            {
                break;
            }

            map.Add(basePosition + lineEnd, basePosition + lineEnd + 1);
            position = lineEnd + 1;
        }

        map.End = basePosition + contentEnd;
        return true;
    }

    private static int CountQuotes(string text, int start)
    {
        var count = 0;
        while (start + count < text.Length && text[start + count] == '"')
        {
            count++;
        }

        return count;
    }
}
