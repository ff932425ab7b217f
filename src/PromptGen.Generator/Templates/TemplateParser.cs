using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.Generator.Templates;

/// <summary>
/// Parses the template language (a Mustache/Handlebars subset) into a syntax tree. Pure text processing with
/// no Roslyn symbols, so it is cheap to test and fuzz; <see cref="TemplateBinder"/> gives the tree its meaning.
/// It never throws: every problem becomes a <see cref="TemplateError"/> with the exact span.
/// </summary>
internal static class TemplateParser
{
    private enum TokenKind
    {
        Text,
        Escape,
        Value,
        Comment,
        OpenEach,
        OpenIf,
        Else,
        CloseEach,
        CloseIf,
        Invalid,
    }

    private readonly struct Token
    {
        public Token(TokenKind kind, int start, int end, TemplatePath? path = null, string? format = null, TextSpan formatSpan = default)
        {
            Kind = kind;
            Start = start;
            End = end;
            Path = path;
            Format = format;
            FormatSpan = formatSpan;
        }

        public TokenKind Kind { get; }

        public int Start { get; }

        public int End { get; }

        public TemplatePath? Path { get; }

        public string? Format { get; }

        public TextSpan FormatSpan { get; }

        public TextSpan Span => TextSpan.FromBounds(Start, End);

        public bool IsStandaloneCandidate => Kind is TokenKind.Comment or TokenKind.OpenEach or TokenKind.OpenIf
            or TokenKind.Else or TokenKind.CloseEach or TokenKind.CloseIf;
    }

    public static ParsedTemplate Parse(string template)
    {
        var errors = new List<TemplateError>();
        var tokens = Tokenize(template, errors);
        var removed = FindStandaloneLines(template, tokens);
        var nodes = BuildTree(template, tokens, removed, errors);
        return errors.Count == 0
            ? new ParsedTemplate(nodes, errors)
            : new ParsedTemplate(new List<TemplateNode>(), errors);
    }

    private static List<Token> Tokenize(string template, List<TemplateError> errors)
    {
        var tokens = new List<Token>();
        var textStart = 0;
        var i = 0;
        while (i < template.Length)
        {
            if (template[i] == '\\' && IsAt(template, i + 1, "{{"))
            {
                // As in Handlebars, \{{name}} renders "{{name}}": the escape covers the whole tag, closing braces
                // included, so that they are not taken for stray ones.
                AddText(tokens, textStart, i);
                var close = template.IndexOf("}}", i + 3, System.StringComparison.Ordinal);
                var nextOpen = template.IndexOf("{{", i + 3, System.StringComparison.Ordinal);
                var end = close >= 0 && (nextOpen < 0 || close < nextOpen) ? close + 2 : i + 3;
                tokens.Add(new Token(TokenKind.Escape, i, end));
                i = end;
                textStart = i;
            }
            else if (IsAt(template, i, "{{!--"))
            {
                // A long comment, as in Handlebars, may hold braces; it ends only at "--}}".
                AddText(tokens, textStart, i);
                var close = template.IndexOf("--}}", i + 5, System.StringComparison.Ordinal);
                if (close < 0)
                {
                    errors.Add(new TemplateError("'{{!--' is not closed by '--}}'", new TextSpan(i, 5)));
                    i = template.Length;
                    textStart = i;
                    continue;
                }

                tokens.Add(new Token(TokenKind.Comment, i, close + 4));
                i = close + 4;
                textStart = i;
            }
            else if (IsAt(template, i, "{{"))
            {
                AddText(tokens, textStart, i);
                var close = template.IndexOf("}}", i + 2, System.StringComparison.Ordinal);
                var nextOpen = template.IndexOf("{{", i + 2, System.StringComparison.Ordinal);
                if (close < 0 || (nextOpen >= 0 && nextOpen < close))
                {
                    // Report the opening braces only: the rest of the text is not part of the mistake.
                    errors.Add(new TemplateError("'{{' is not closed by '}}'", new TextSpan(i, 2)));
                    i = close < 0 ? template.Length : nextOpen;
                    textStart = i;
                    continue;
                }

                tokens.Add(ClassifyTag(template, i, close + 2, errors));
                i = close + 2;
                textStart = i;
            }
            else if (IsAt(template, i, "}}"))
            {
                errors.Add(new TemplateError("'}}' has no matching '{{' (write it inside a value, or escape the opening braces as \\{{)", new TextSpan(i, 2)));
                i += 2;
            }
            else
            {
                i++;
            }
        }

        AddText(tokens, textStart, template.Length);
        return tokens;
    }

    private static void AddText(List<Token> tokens, int start, int end)
    {
        if (end > start)
        {
            tokens.Add(new Token(TokenKind.Text, start, end));
        }
    }

    private static bool IsAt(string text, int index, string value) =>
        index >= 0 && index + value.Length <= text.Length && string.CompareOrdinal(text, index, value, 0, value.Length) == 0;

    private static Token ClassifyTag(string template, int start, int end, List<TemplateError> errors)
    {
        var contentStart = start + 2;
        var contentEnd = end - 2;
        while (contentStart < contentEnd && char.IsWhiteSpace(template[contentStart]))
        {
            contentStart++;
        }

        while (contentEnd > contentStart && char.IsWhiteSpace(template[contentEnd - 1]))
        {
            contentEnd--;
        }

        var tagSpan = TextSpan.FromBounds(start, end);
        if (contentStart == contentEnd)
        {
            errors.Add(new TemplateError("'{{}}' is empty: write a parameter name between the braces", tagSpan));
            return new Token(TokenKind.Invalid, start, end);
        }

        var first = template[contentStart];
        switch (first)
        {
            case '!':
                return new Token(TokenKind.Comment, start, end);
            case '#':
            case '/':
                return ClassifySection(template, start, end, contentStart, contentEnd, errors);
            case '^':
            case '>':
            case '&':
            case '{':
            case '=':
                errors.Add(new TemplateError($"'{{{{{first}' is not supported: PromptGen templates have values, #each, #if, else and comments", tagSpan));
                return new Token(TokenKind.Invalid, start, end);
        }

        if (contentEnd - contentStart == 4 && IsAt(template, contentStart, "else"))
        {
            return new Token(TokenKind.Else, start, end);
        }

        var colon = template.IndexOf(':', contentStart, contentEnd - contentStart);
        var pathEnd = colon < 0 ? contentEnd : colon;
        var path = ParsePath(template, contentStart, pathEnd, tagSpan, errors);
        if (path is null)
        {
            return new Token(TokenKind.Invalid, start, end);
        }

        if (colon < 0)
        {
            return new Token(TokenKind.Value, start, end, path);
        }

        var formatSpan = TextSpan.FromBounds(colon + 1, contentEnd);
        if (formatSpan.IsEmpty)
        {
            errors.Add(new TemplateError($"the format after '{path}:' is empty", new TextSpan(colon, 1)));
            return new Token(TokenKind.Invalid, start, end);
        }

        return new Token(TokenKind.Value, start, end, path, template.Substring(formatSpan.Start, formatSpan.Length), formatSpan);
    }

    private static Token ClassifySection(string template, int start, int end, int contentStart, int contentEnd, List<TemplateError> errors)
    {
        var isOpen = template[contentStart] == '#';
        var keywordStart = contentStart + 1;
        var keywordEnd = keywordStart;
        while (keywordEnd < contentEnd && !char.IsWhiteSpace(template[keywordEnd]))
        {
            keywordEnd++;
        }

        var keyword = template.Substring(keywordStart, keywordEnd - keywordStart);
        var keywordSpan = TextSpan.FromBounds(contentStart, keywordEnd);
        var argumentStart = keywordEnd;
        while (argumentStart < contentEnd && char.IsWhiteSpace(template[argumentStart]))
        {
            argumentStart++;
        }

        var tagSpan = TextSpan.FromBounds(start, end);
        if (keyword != "each" && keyword != "if")
        {
            var shown = template.Substring(keywordSpan.Start, keywordSpan.Length);
            errors.Add(new TemplateError($"unknown section '{shown}': PromptGen supports #each and #if", keywordSpan));
            return new Token(TokenKind.Invalid, start, end);
        }

        if (!isOpen)
        {
            if (argumentStart < contentEnd)
            {
                errors.Add(new TemplateError($"'{{{{/{keyword}}}}}' takes no argument", TextSpan.FromBounds(argumentStart, contentEnd)));
                return new Token(TokenKind.Invalid, start, end);
            }

            return new Token(keyword == "each" ? TokenKind.CloseEach : TokenKind.CloseIf, start, end);
        }

        if (argumentStart == contentEnd)
        {
            var what = keyword == "each" ? "a collection to iterate" : "a value to test";
            errors.Add(new TemplateError($"'{{{{#{keyword}}}}}' needs {what}", tagSpan));
            return new Token(TokenKind.Invalid, start, end);
        }

        var path = ParsePath(template, argumentStart, contentEnd, tagSpan, errors);
        return path is null
            ? new Token(TokenKind.Invalid, start, end)
            : new Token(keyword == "each" ? TokenKind.OpenEach : TokenKind.OpenIf, start, end, path);
    }

    private static TemplatePath? ParsePath(string template, int start, int end, TextSpan tagSpan, List<TemplateError> errors)
    {
        while (start < end && char.IsWhiteSpace(template[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(template[end - 1]))
        {
            end--;
        }

        var span = TextSpan.FromBounds(start, end);
        if (span.IsEmpty)
        {
            errors.Add(new TemplateError("a value name is missing before ':'", tagSpan));
            return null;
        }

        var text = template.Substring(start, end - start);
        if (text == "@index")
        {
            return new TemplatePath(new[] { text }, new[] { span }, span);
        }

        var segments = new List<string>();
        var spans = new List<TextSpan>();
        var segmentStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i < end && template[i] != '.')
            {
                continue;
            }

            var segmentSpan = TextSpan.FromBounds(segmentStart, i);
            var segment = template.Substring(segmentStart, i - segmentStart);
            if (!IsIdentifier(segment) || (segment == "this" && segments.Count > 0))
            {
                errors.Add(new TemplateError($"'{text}' is not a valid value: use a parameter name, a member path such as 'order.Customer.Name', 'this' or '@index'", span));
                return null;
            }

            segments.Add(segment);
            spans.Add(segmentSpan);
            segmentStart = i + 1;
        }

        return new TemplatePath(segments, spans, span);
    }

    private static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }

        for (var i = 1; i < text.Length; i++)
        {
            if (!(char.IsLetterOrDigit(text[i]) || text[i] == '_'))
            {
                return false;
            }
        }

        return true;
    }

    // Mustache's standalone rule: a line holding only whitespace and one section, else or comment tag renders
    // nothing at all, so multi-line templates can put their tags on lines of their own.
    private static List<TextSpan> FindStandaloneLines(string template, List<Token> tokens)
    {
        var removed = new List<TextSpan>();
        foreach (var token in tokens)
        {
            if (!token.IsStandaloneCandidate)
            {
                continue;
            }

            var lineStart = token.Start;
            while (lineStart > 0 && template[lineStart - 1] is ' ' or '\t')
            {
                lineStart--;
            }

            if (lineStart > 0 && template[lineStart - 1] != '\n')
            {
                continue;
            }

            var lineEnd = token.End;
            while (lineEnd < template.Length && template[lineEnd] is ' ' or '\t')
            {
                lineEnd++;
            }

            if (lineEnd < template.Length && template[lineEnd] == '\r' && IsAt(template, lineEnd + 1, "\n"))
            {
                lineEnd += 2;
            }
            else if (lineEnd < template.Length && template[lineEnd] == '\n')
            {
                lineEnd++;
            }
            else if (lineEnd < template.Length)
            {
                continue;
            }

            removed.Add(TextSpan.FromBounds(lineStart, lineEnd));
        }

        return removed;
    }

    private sealed class Frame
    {
        public Frame(TokenKind kind, Token open)
        {
            Kind = kind;
            Open = open;
        }

        public TokenKind Kind { get; }

        public Token Open { get; }

        public List<TemplateNode> Then { get; } = new();

        public List<TemplateNode> Otherwise { get; } = new();

        public bool InElse { get; set; }

        public List<TemplateNode> Current => InElse ? Otherwise : Then;
    }

    private static List<TemplateNode> BuildTree(string template, List<Token> tokens, List<TextSpan> removed, List<TemplateError> errors)
    {
        var root = new Frame(TokenKind.Text, default);
        var stack = new Stack<Frame>();
        stack.Push(root);
        foreach (var token in tokens)
        {
            var frame = stack.Peek();
            switch (token.Kind)
            {
                case TokenKind.Text:
                    var text = TextWithout(template, token.Span, removed);
                    if (text.Length > 0)
                    {
                        frame.Current.Add(new TextNode(text, token.Span));
                    }

                    break;
                case TokenKind.Escape:
                    frame.Current.Add(new TextNode(template.Substring(token.Start + 1, token.End - token.Start - 1), token.Span));
                    break;
                case TokenKind.Value:
                    frame.Current.Add(new ValueNode(token.Path!, token.Format, token.FormatSpan, token.Span));
                    break;
                case TokenKind.OpenEach:
                case TokenKind.OpenIf:
                    stack.Push(new Frame(token.Kind, token));
                    break;
                case TokenKind.Else:
                    if (frame.Kind != TokenKind.OpenIf)
                    {
                        errors.Add(new TemplateError("'{{else}}' is only allowed inside '{{#if}}'", token.Span));
                    }
                    else if (frame.InElse)
                    {
                        errors.Add(new TemplateError("this '{{#if}}' already has an '{{else}}'", token.Span));
                    }
                    else
                    {
                        frame.InElse = true;
                    }

                    break;
                case TokenKind.CloseEach:
                case TokenKind.CloseIf:
                    var expected = token.Kind == TokenKind.CloseEach ? TokenKind.OpenEach : TokenKind.OpenIf;
                    var closeName = token.Kind == TokenKind.CloseEach ? "each" : "if";
                    if (frame == root)
                    {
                        errors.Add(new TemplateError($"'{{{{/{closeName}}}}}' closes no open section", token.Span));
                        break;
                    }

                    if (frame.Kind != expected)
                    {
                        errors.Add(new TemplateError(
                            $"'{{{{/{closeName}}}}}' does not match the open '{Describe(template, frame.Open)}'",
                            token.Span));
                    }

                    stack.Pop();
                    var parent = stack.Peek().Current;
                    var sectionSpan = TextSpan.FromBounds(frame.Open.Start, token.End);
                    parent.Add(frame.Kind == TokenKind.OpenEach
                        ? new EachNode(frame.Open.Path!, frame.Then, sectionSpan)
                        : new IfNode(frame.Open.Path!, frame.Then, frame.Otherwise, sectionSpan));
                    break;
            }
        }

        while (stack.Count > 1)
        {
            var open = stack.Pop();
            var closeName = open.Kind == TokenKind.OpenEach ? "each" : "if";
            errors.Add(new TemplateError($"'{Describe(template, open.Open)}' is not closed by '{{{{/{closeName}}}}}'", open.Open.Span));
        }

        return root.Then;
    }

    private static string Describe(string template, Token token) => template.Substring(token.Start, token.End - token.Start);

    private static string TextWithout(string template, TextSpan span, List<TextSpan> removed)
    {
        var overlapping = false;
        foreach (var range in removed)
        {
            if (range.OverlapsWith(span))
            {
                overlapping = true;
                break;
            }
        }

        if (!overlapping)
        {
            return template.Substring(span.Start, span.Length);
        }

        var builder = new StringBuilder(span.Length);
        for (var i = span.Start; i < span.End; i++)
        {
            var keep = true;
            foreach (var range in removed)
            {
                if (range.Contains(i))
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                builder.Append(template[i]);
            }
        }

        return builder.ToString();
    }
}
