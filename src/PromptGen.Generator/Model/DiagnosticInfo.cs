using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PromptGen.Generator.Model;

/// <summary>A diagnostic found while parsing, before it becomes a <see cref="Diagnostic"/> at the end of the parse step.</summary>
internal readonly struct DiagnosticInfo
{
    /// <summary>The property a code fix reads to replace the diagnostic's span ("did you mean" fixes).</summary>
    public const string SuggestionProperty = "Suggestion";

    private DiagnosticInfo(DiagnosticDescriptor descriptor, LocationInfo? location, string? suggestion, object?[] messageArgs)
    {
        Descriptor = descriptor;
        Location = location;
        Suggestion = suggestion;
        MessageArgs = messageArgs;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public LocationInfo? Location { get; }

    public string? Suggestion { get; }

    public object?[] MessageArgs { get; }

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs) =>
        new(descriptor, location, null, messageArgs);

    public static DiagnosticInfo WithSuggestion(DiagnosticDescriptor descriptor, LocationInfo? location, string? suggestion, params string[] messageArgs) =>
        new(descriptor, location, suggestion, messageArgs);

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            Descriptor,
            Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
            Suggestion is null ? null : ImmutableDictionary<string, string?>.Empty.Add(SuggestionProperty, Suggestion),
            MessageArgs);
}
