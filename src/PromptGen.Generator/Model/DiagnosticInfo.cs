using Microsoft.CodeAnalysis;

namespace PromptGen.Generator.Model;

/// <summary>A diagnostic found while parsing, before it becomes a <see cref="Diagnostic"/> at the end of the parse step.</summary>
internal readonly struct DiagnosticInfo
{
    private DiagnosticInfo(DiagnosticDescriptor descriptor, LocationInfo? location, object?[] messageArgs)
    {
        Descriptor = descriptor;
        Location = location;
        MessageArgs = messageArgs;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public LocationInfo? Location { get; }

    public object?[] MessageArgs { get; }

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs) =>
        new(descriptor, location, messageArgs);

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, MessageArgs);
}
