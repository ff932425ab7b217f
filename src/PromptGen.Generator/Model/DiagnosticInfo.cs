using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptGen.Generator.Model;

/// <summary>A diagnostic found while parsing, before it becomes a <see cref="Diagnostic"/> at the end of the parse step.</summary>
/// <remarks>
/// Compared by value (descriptor, location, suggestion, message arguments), so that the parse step's result stays
/// equal, and every later step cached, when an edit elsewhere leaves an interface's warnings as they were. Roslyn's
/// own <see cref="Diagnostic"/> compares its message arguments by reference, which fresh strings never are.
/// </remarks>
internal readonly struct DiagnosticInfo : IEquatable<DiagnosticInfo>
{
    /// <summary>The property a code fix reads to replace the diagnostic's span ("did you mean" fixes).</summary>
    public const string SuggestionProperty = "Suggestion";

    private DiagnosticInfo(DiagnosticDescriptor descriptor, LocationInfo? location, string? suggestion, string[] messageArgs)
    {
        Descriptor = descriptor;
        Location = location;
        Suggestion = suggestion;
        MessageArgs = messageArgs;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public LocationInfo? Location { get; }

    public string? Suggestion { get; }

    public string[] MessageArgs { get; }

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

    public bool Equals(DiagnosticInfo other) =>
        Equals(Descriptor, other.Descriptor)
        && Nullable.Equals(Location, other.Location)
        && Suggestion == other.Suggestion
        && (MessageArgs ?? []).SequenceEqual(other.MessageArgs ?? []);

    public override bool Equals(object? obj) => obj is DiagnosticInfo other && Equals(other);

    public override int GetHashCode()
    {
        var hash = (Descriptor?.Id.GetHashCode() ?? 0) ^ (Location?.GetHashCode() ?? 0);
        foreach (var argument in MessageArgs ?? [])
        {
            hash = unchecked((hash * 31) + (argument?.GetHashCode() ?? 0));
        }

        return hash;
    }
}
