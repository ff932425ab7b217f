using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.Generator.Model;

/// <summary>
/// Where a diagnostic points, while the parser works. It becomes a real <see cref="Location"/> in the tree before the
/// parse step returns: only a source location (tree + span) is checked against <c>#pragma warning disable</c>, which a
/// file-path location would silently bypass (dotnet/roslyn#68291).
/// </summary>
internal readonly struct LocationInfo : System.IEquatable<LocationInfo>
{
    public LocationInfo(SyntaxTree tree, TextSpan span)
    {
        Tree = tree;
        Span = span;
    }

    public SyntaxTree Tree { get; }

    public TextSpan Span { get; }

    public Location ToLocation() => Location.Create(Tree, Span);

    // The same tree object and span: an edit to another file leaves both as they were.
    public bool Equals(LocationInfo other) => ReferenceEquals(Tree, other.Tree) && Span.Equals(other.Span);

    public override bool Equals(object? obj) => obj is LocationInfo other && Equals(other);

    public override int GetHashCode() => Span.GetHashCode();

    public static LocationInfo? From(Location? location) =>
        location is { SourceTree: { } tree } ? new LocationInfo(tree, location.SourceSpan) : null;

    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : new LocationInfo(node.SyntaxTree, node.Span);

    public static LocationInfo From(SyntaxTree tree, TextSpan span) => new(tree, span);
}
