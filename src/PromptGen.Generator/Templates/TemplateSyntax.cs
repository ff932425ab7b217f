using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.Generator.Templates;

// The template syntax tree. It lives only inside one transform call (parse, then bind), so unlike the pipeline
// models it need not be equatable. Spans are offsets into the template's value, not into the source file.

internal abstract class TemplateNode
{
    protected TemplateNode(TextSpan span) => Span = span;

    /// <summary>The whole tag or text run, in template coordinates.</summary>
    public TextSpan Span { get; }
}

/// <summary>Literal text, escapes already resolved and standalone lines already removed.</summary>
internal sealed class TextNode : TemplateNode
{
    public TextNode(string text, TextSpan span)
        : base(span) => Text = text;

    public string Text { get; }
}

/// <summary>A value path, such as <c>order.Customer.Name</c>, <c>this</c> or <c>@index</c>, with its segments.</summary>
internal sealed class TemplatePath
{
    public TemplatePath(IReadOnlyList<string> segments, IReadOnlyList<TextSpan> segmentSpans, TextSpan span)
    {
        Segments = segments;
        SegmentSpans = segmentSpans;
        Span = span;
    }

    public IReadOnlyList<string> Segments { get; }

    public IReadOnlyList<TextSpan> SegmentSpans { get; }

    public TextSpan Span { get; }

    public override string ToString() => string.Join(".", Segments);
}

/// <summary><c>{{path}}</c> or <c>{{path:format}}</c>.</summary>
internal sealed class ValueNode : TemplateNode
{
    public ValueNode(TemplatePath path, string? format, TextSpan formatSpan, TextSpan span)
        : base(span)
    {
        Path = path;
        Format = format;
        FormatSpan = formatSpan;
    }

    public TemplatePath Path { get; }

    public string? Format { get; }

    public TextSpan FormatSpan { get; }
}

/// <summary><c>{{#each path}} body {{/each}}</c>.</summary>
internal sealed class EachNode : TemplateNode
{
    public EachNode(TemplatePath path, IReadOnlyList<TemplateNode> body, TextSpan span)
        : base(span)
    {
        Path = path;
        Body = body;
    }

    public TemplatePath Path { get; }

    public IReadOnlyList<TemplateNode> Body { get; }
}

/// <summary><c>{{#if path}} then {{else}} otherwise {{/if}}</c>.</summary>
internal sealed class IfNode : TemplateNode
{
    public IfNode(TemplatePath path, IReadOnlyList<TemplateNode> then, IReadOnlyList<TemplateNode> otherwise, TextSpan span)
        : base(span)
    {
        Path = path;
        Then = then;
        Otherwise = otherwise;
    }

    public TemplatePath Path { get; }

    public IReadOnlyList<TemplateNode> Then { get; }

    public IReadOnlyList<TemplateNode> Otherwise { get; }
}

/// <summary>A template error, in template coordinates; the parser's caller maps it into the source file.</summary>
internal readonly struct TemplateError
{
    public TemplateError(string message, TextSpan span)
    {
        Message = message;
        Span = span;
    }

    public string Message { get; }

    public TextSpan Span { get; }
}

/// <summary>The result of parsing a template: the nodes, or the errors that make it malformed.</summary>
internal sealed class ParsedTemplate
{
    public ParsedTemplate(IReadOnlyList<TemplateNode> nodes, IReadOnlyList<TemplateError> errors)
    {
        Nodes = nodes;
        Errors = errors;
    }

    public IReadOnlyList<TemplateNode> Nodes { get; }

    public IReadOnlyList<TemplateError> Errors { get; }
}
