using Microsoft.CodeAnalysis;

namespace PromptGen.Generator;

/// <summary>Every diagnostic PromptGen reports. The IDs are a public contract; each has a help page.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "PromptGen";
    private const string HelpLinkBase = "https://github.com/promptgen/promptgen/blob/main/docs/diagnostics/";

    // {1} is the method quoted, or the methods ('A', 'B' or 'C'): an interface's [SystemPrompt] is bound to every
    // method's parameters, and a placeholder that fails for several is reported once.
    public static readonly DiagnosticDescriptor UnknownPlaceholder = Create(
        "PG0001",
        "Placeholder names no parameter",
        "The placeholder '{0}' does not name a parameter of {1}{2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MalformedTemplate = Create(
        "PG0002",
        "Malformed template",
        "Malformed template: {0}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownMember = Create(
        "PG0003",
        "Member does not exist",
        "'{0}' has no member '{1}'{2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnusedParameter = Create(
        "PG0004",
        "Parameter is not used by any template",
        "The parameter '{0}' is not used by any template of '{1}'",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
        "PG0005",
        "Unsupported return type",
        "'{0}' returns '{1}', which PromptGen cannot implement: return IAsyncEnumerable<string> or PromptStream<string> to stream the answer, Task<string> or Task<PromptResponse<string>> to get it whole, or IAsyncEnumerable<ConverseStreamEvent> or Task<ConverseResponse> for the raw stream or response",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InterfaceNotPartial = Create(
        "PG0006",
        "Prompt client interface must be partial",
        "'{0}' must be declared partial so that PromptGen can add its Create factory",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingPrompt = Create(
        "PG0007",
        "Method has no [Prompt]",
        "'{0}' has no [Prompt] attribute: every method of a [PromptClient] interface needs a prompt template",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedMember = Create(
        "PG0008",
        "Unsupported method shape",
        "'{0}' cannot be implemented by PromptGen: {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidInference = Create(
        "PG0009",
        "Invalid inference setting",
        "Invalid inference setting: {0}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingModel = Create(
        "PG0010",
        "No model id",
        "'{0}' has no model id: add [Model(\"...\")] to the method or the interface, or set PromptClientOptions.ModelId at run time",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor CollectionMisuse = Create(
        "PG0011",
        "Collection used incorrectly",
        "{0}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MultipleCancellationTokens = Create(
        "PG0012",
        "More than one CancellationToken parameter",
        "'{0}' has more than one CancellationToken parameter; PromptGen passes exactly one to the call",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor FormatOnNonFormattable = Create(
        "PG0013",
        "Format string on a value that is not IFormattable",
        "The format '{0}' cannot apply to '{1}': its type '{2}' does not implement IFormattable",
        DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, DiagnosticSeverity severity) =>
        new(id, title, messageFormat, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
