using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.Generator.Model;

/// <summary>
/// A source location as plain data. A live <see cref="Location"/> holds the syntax tree, which would keep old
/// compilations alive and break caching, so only the path and spans cross pipeline stages.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

    public static LocationInfo From(SyntaxTree tree, TextSpan span) =>
        new(tree.FilePath, span, tree.GetLineSpan(span).Span);
}
