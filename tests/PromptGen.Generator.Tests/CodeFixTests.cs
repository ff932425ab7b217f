using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using PromptGen.CodeFixes;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Each code fix applied to a failing program yields the expected source, which then compiles without diagnostics.
/// The diagnostics come from the generator itself, run the way the compiler runs it.
/// </summary>
public class CodeFixTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using PromptGen;

        """;

    [Fact]
    public async Task PG0001_ReplacesTheMisspelledPlaceholder()
    {
        var fixedSource = await ApplyFixAsync(
            Usings + """
            [PromptClient, Model("m")]
            public partial interface IPrompts
            {
                [Prompt("Describe the purpose of a '{{ progam }}' program.")]
                Task<string> DescribeAsync(string program);
            }
            """,
            "PG0001",
            new UseSuggestedNameCodeFix());

        Assert.Equal(
            Usings + """
            [PromptClient, Model("m")]
            public partial interface IPrompts
            {
                [Prompt("Describe the purpose of a '{{ program }}' program.")]
                Task<string> DescribeAsync(string program);
            }
            """,
            fixedSource);
        Assert.Empty(GeneratorHarness.Run(fixedSource).AllDiagnostics);
    }

    [Fact]
    public async Task PG0001_InsideEach_PrefixesTheItemsMemberWithThis()
    {
        var fixedSource = await ApplyFixAsync(
            Usings + """
            public sealed record Item(string Name);

            [PromptClient, Model("m")]
            public partial interface IPrompts
            {
                [Prompt("{{#each items}}{{ Name }};{{/each}}")]
                Task<string> ListAsync(System.Collections.Generic.List<Item> items);
            }
            """,
            "PG0001",
            new UseSuggestedNameCodeFix());

        Assert.Equal(
            Usings + """
            public sealed record Item(string Name);

            [PromptClient, Model("m")]
            public partial interface IPrompts
            {
                [Prompt("{{#each items}}{{ this.Name }};{{/each}}")]
                Task<string> ListAsync(System.Collections.Generic.List<Item> items);
            }
            """,
            fixedSource);
        Assert.Empty(GeneratorHarness.Run(fixedSource).AllDiagnostics);
    }

    [Fact]
    public async Task PG0003_ReplacesTheMisspelledMember_InARawString()
    {
        var fixedSource = await ApplyFixAsync(
            Usings + """"
            public sealed record Customer(string Name, int Age);

            [PromptClient, Model("m")]
            public partial interface IPrompts
            {
                [Prompt("""
                    Greet {{customer.Nmae}}, aged {{customer.Age}}.
                    """)]
                Task<string> GreetAsync(Customer customer);
            }
            """",
            "PG0003",
            new UseSuggestedNameCodeFix());

        Assert.Equal(
            Usings + """"
            public sealed record Customer(string Name, int Age);

            [PromptClient, Model("m")]
            public partial interface IPrompts
            {
                [Prompt("""
                    Greet {{customer.Name}}, aged {{customer.Age}}.
                    """)]
                Task<string> GreetAsync(Customer customer);
            }
            """",
            fixedSource);
        Assert.Empty(GeneratorHarness.Run(fixedSource).AllDiagnostics);
    }

    [Fact]
    public async Task PG0006_AddsPartial_WithoutOtherModifiers()
    {
        var fixedSource = await ApplyFixAsync(
            Usings + """
            [PromptClient, Model("m")]
            interface IPrompts
            {
                [Prompt("{{topic}}")]
                Task<string> AskAsync(string topic);
            }
            """,
            "PG0006",
            new MakePartialCodeFix());

        Assert.Equal(
            Usings + """
            [PromptClient, Model("m")]
            partial interface IPrompts
            {
                [Prompt("{{topic}}")]
                Task<string> AskAsync(string topic);
            }
            """,
            fixedSource);
        Assert.Empty(GeneratorHarness.Run(fixedSource).AllDiagnostics);
    }

    [Fact]
    public async Task PG0006_AddsPartial_AfterTheOtherModifiers()
    {
        var fixedSource = await ApplyFixAsync(
            Usings + """
            namespace Samples
            {
                [PromptClient, Model("m")]
                public interface IPrompts
                {
                    [Prompt("{{topic}}")]
                    Task<string> AskAsync(string topic);
                }
            }
            """,
            "PG0006",
            new MakePartialCodeFix());

        Assert.Equal(
            Usings + """
            namespace Samples
            {
                [PromptClient, Model("m")]
                public partial interface IPrompts
                {
                    [Prompt("{{topic}}")]
                    Task<string> AskAsync(string topic);
                }
            }
            """,
            fixedSource);
        Assert.Empty(GeneratorHarness.Run(fixedSource).AllDiagnostics);
    }

    [Fact]
    public async Task NoSuggestion_NoFix()
    {
        var actions = await GetActionsAsync(
            Usings + """
            [PromptClient, Model("m")]
            public partial interface IPrompts
            {
                [Prompt("{{somethingElseEntirely}} {{topic}}")]
                Task<string> AskAsync(string topic);
            }
            """,
            "PG0001",
            new UseSuggestedNameCodeFix());

        Assert.Empty(actions.Actions);
    }

    private static async Task<string> ApplyFixAsync(string source, string diagnosticId, CodeFixProvider fix)
    {
        var (document, actions) = await GetActionsAsync(source, diagnosticId, fix);
        var action = Assert.Single(actions);
        var operation = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
        var text = await operation.ChangedSolution.GetDocument(document.Id)!.GetTextAsync();
        return text.ToString();
    }

    private static async Task<(Document Document, List<CodeAction> Actions)> GetActionsAsync(string source, string diagnosticId, CodeFixProvider fix)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Create(),
            "Tests",
            "Tests",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.References));
        var document = workspace.AddDocument(project.Id, "Source0.cs", SourceText.From(source));
        var compilation = (await document.Project.GetCompilationAsync())!;
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == diagnosticId);

        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return (document, actions);
    }
}
