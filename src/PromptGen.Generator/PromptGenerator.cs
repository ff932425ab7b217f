using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PromptGen.Generator.Model;

namespace PromptGen.Generator;

/// <summary>
/// Implements every <c>[PromptClient]</c> partial interface at compile time. The pipeline: find the interfaces,
/// parse each into an equatable model plus diagnostics, report the diagnostics, emit one file per interface.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PromptGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.PromptClientAttribute,
                static (node, _) => node is InterfaceDeclarationSyntax,
                static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.PromptClients);

        // Diagnostics are reported from their own output so that emission never waits on them, and they carry source
        // locations so that #pragma warning disable applies to them.
        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (context, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        // The client model holds no location, so an edit that only moves an interface leaves it equal and the
        // emission cached.
        var sources = parsed
            .Select(static (result, _) => result.Client)
            .Where(static client => client is not null)
            .Select(static (client, _) => Emitter.Emit(client!))
            .WithTrackingName(TrackingNames.Sources);
        context.RegisterSourceOutput(sources, static (context, source) => context.AddSource(source.HintName, source.Text));
    }
}
