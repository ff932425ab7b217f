using Microsoft.CodeAnalysis;

namespace PromptGen.Generator.Model;

/// <summary>
/// A diagnostic as data, reported through its own pipeline output so that caching holds and
/// <c>#pragma warning disable</c> works. Descriptors are static singletons, so reference equality is enough.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs) =>
        new(descriptor, location, messageArgs.ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, MessageArgs.ToArray<object>());
}

internal static class EquatableArrayExtensions
{
    public static object?[] ToArray<TTarget>(this EquatableArray<string> items)
    {
        var result = new object?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = items[i];
        }

        return result;
    }
}
