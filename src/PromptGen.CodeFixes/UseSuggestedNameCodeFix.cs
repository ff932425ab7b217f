using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.CodeFixes;

/// <summary>
/// Replaces a misspelled placeholder (PG0001) or member (PG0003) with the name the generator suggested:
/// <c>{{progam}}</c> becomes <c>{{program}}</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseSuggestedNameCodeFix)), Shared]
public sealed class UseSuggestedNameCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.UnknownPlaceholder, DiagnosticIds.UnknownMember);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticIds.SuggestionProperty, out var suggestion) || suggestion is null)
            {
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            if (span.End > text.Length)
            {
                continue;
            }

            // The span covers the name as written in the literal; if escapes spell it there, leave it to the user.
            var written = text.ToString(span);
            if (written.IndexOf('\\') >= 0)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use '{suggestion}'",
                    cancellationToken => Task.FromResult(context.Document.WithText(text.WithChanges(new TextChange(span, suggestion)))),
                    equivalenceKey: nameof(UseSuggestedNameCodeFix) + ":" + suggestion),
                diagnostic);
        }
    }
}
