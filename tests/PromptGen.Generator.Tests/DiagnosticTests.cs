using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Each diagnostic's ID and exact span, through Roslyn's test harness: <c>{|PGxxxx:text|}</c> marks where the
/// diagnostic must point, and any diagnostic not marked fails the test.
/// </summary>
public class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        """;

    [Fact]
    public Task PG0001_PlaceholderNamesNoParameter_SuggestsClosest()
    {
        var test = new GeneratorVerifier(Usings + """
            [PromptClient, Model("m")]
            public partial interface IPrompts
            {
                [Prompt("Describe the purpose of a '{{{|#0:progam|}}}' program.")]
                Task<string> DescribeAsync(string program);
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PG0001", DiagnosticSeverity.Error)
            .WithLocation(0)
            .WithMessage("The placeholder 'progam' does not name a parameter of 'DescribeAsync'; did you mean 'program'?"));
        return test.RunAsync();
    }

    [Fact]
    public Task PG0001_NoCloseName_NoSuggestion()
    {
        var test = new GeneratorVerifier(Usings + """
            [PromptClient, Model("m")]
            public partial interface IPrompts
            {
                [Prompt("Hello {{ {|#0:customer|} }}, you owe {{amount}}.")]
                Task<string> GreetAsync(decimal amount);
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PG0001", DiagnosticSeverity.Error)
            .WithLocation(0)
            .WithMessage("The placeholder 'customer' does not name a parameter of 'GreetAsync'"));
        return test.RunAsync();
    }

    [Fact]
    public Task PG0001_CancellationTokenIsNotPromptData() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{topic}} {{{|PG0001:cancellationToken|}}}")]
            Task<string> AskAsync(string topic, CancellationToken cancellationToken);
        }
        """);

    [Fact]
    public Task PG0001_SpanIsExactInsideEscapesAndVerbatimAndRawStrings() => GeneratorVerifier.VerifyAsync(Usings + """"
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Tab\there \"quoted\" \u00e9 {{{|PG0001:nme|}}}")]
            Task<string> A(string name);

            [Prompt(@"He said ""hi"" to {{{|PG0001:nam|}}}")]
            Task<string> B(string name);

            [Prompt("""
                First line
                  Indented {{{|PG0001:nmae|}}}
                """)]
            Task<string> C(string name);
        }
        """");

    [Fact]
    public Task PG0002_UnclosedBraces() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Describe {|PG0002:{{|}topic in one line.")]
            Task<string> DescribeAsync(string topic);
        }
        """);

    [Fact]
    public Task PG0002_StrayClosingBraces() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Describe {{topic}} in one line{|PG0002:}}|}")]
            Task<string> DescribeAsync(string topic);
        }
        """);

    [Fact]
    public Task PG0002_UnknownAndUnbalancedSections() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{{|PG0002:#with|} topic}}x{{{|PG0002:/with|}}}")]
            Task<string> A(string topic);

            [Prompt("{|PG0002:{{#if topic}}|} unclosed")]
            Task<string> B(string topic);

            [Prompt("{{#each topics}}{{this}}{|PG0002:{{/if}}|}")]
            Task<string> C(List<string> topics);
        }
        """);

    [Fact]
    public Task PG0003_MemberDoesNotExist() => GeneratorVerifier.VerifyAsync(Usings + """
        public sealed class Order { public Customer Customer { get; set; } = new(); }
        public sealed class Customer { public string Name { get; set; } = ""; }

        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Hello {{order.Customer.{|PG0003:Nmae|}}}")]
            Task<string> A(Order order);

            [Prompt("Hello {{order.{|PG0003:Client|}.Name}}")]
            Task<string> B(Order order);
        }
        """);

    [Fact]
    public Task PG0004_ParameterUnused() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Tell me about {{topic}}.")]
            Task<string> A(string topic, int {|PG0004:count|}, CancellationToken cancellationToken);
        }
        """);

    [Fact]
    public Task PG0005_UnsupportedReturnType() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Tell me about {{topic}}.")]
            {|PG0005:string|} A(string topic);

            [Prompt("Tell me about {{topic}}.")]
            {|PG0005:Task<int>|} B(string topic);

            [Prompt("Tell me about {{topic}}.")]
            {|PG0005:IEnumerable<string>|} C(string topic);
        }
        """);

    [Fact]
    public Task PG0006_InterfaceNotPartial() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        public interface {|PG0006:IPrompts|}
        {
            [Prompt("Tell me about {{topic}}.")]
            Task<string> A(string topic);
        }
        """);

    [Fact]
    public Task PG0006_ContainingTypeNotPartial() => GeneratorVerifier.VerifyAsync(Usings + """
        public static class {|PG0006:Outer|}
        {
            [PromptClient, Model("m")]
            public partial interface IPrompts
            {
                [Prompt("Tell me about {{topic}}.")]
                Task<string> A(string topic);
            }
        }
        """);

    [Fact]
    public Task PG0007_MethodWithoutPrompt() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            Task<string> {|PG0007:A|}(string topic);
        }
        """);

    [Fact]
    public Task PG0008_UnsupportedShapes() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{topic}}")]
            Task<string> A{|PG0008:<T>|}(string topic);

            [Prompt("{{topic}}")]
            Task<string> B(ref string {|PG0008:topic|});

            [Prompt("{{#each topics}}{{this}}{{/each}}")]
            Task<string> C(params string[] {|PG0008:topics|});

            string {|PG0008:Name|} { get; }
        }
        """);

    [Fact]
    public Task PG0009_InvalidInferenceSettings() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        [Inference({|PG0009:Temperature = 1.5f|})]
        public partial interface IPrompts
        {
            [Prompt("{{topic}}")]
            [Inference({|PG0009:MaxTokens = 0|}, {|PG0009:TopP = -0.1f|})]
            Task<string> A(string topic);

            [Prompt("{{topic}}")]
            [Inference(Temperature = 0.5f, {|PG0009:StopSequences = new[] { "END", "" }|})]
            Task<string> B(string topic);
        }
        """);

    [Fact]
    public Task PG0010_NoModelId() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient]
        public partial interface IPrompts
        {
            [Prompt("{{topic}}")]
            Task<string> {|PG0010:A|}(string topic);

            [Prompt("{{topic}}"), Model("m")]
            Task<string> B(string topic);
        }
        """);

    [Fact]
    public Task PG0011_CollectionMisuse() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Topics: {{{|PG0011:topics|}}}")]
            Task<string> A(List<string> topics);

            [Prompt("{{#each {|PG0011:count|}}}{{this}}{{/each}}")]
            Task<string> B(int count);
        }
        """);

    [Fact]
    public Task PG0012_MoreThanOneCancellationToken() => GeneratorVerifier.VerifyAsync(Usings + """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{topic}}")]
            Task<string> A(string topic, CancellationToken first, CancellationToken {|PG0012:second|});
        }
        """);

    [Fact]
    public Task PG0013_FormatOnNonFormattable() => GeneratorVerifier.VerifyAsync(Usings + """
        public sealed class Customer { public string Name { get; set; } = ""; }

        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{customer:{|PG0013:N2|}}}")]
            Task<string> A(Customer customer);

            [Prompt("{{name:{|PG0013:yyyy-MM-dd|}}}")]
            Task<string> B(string name);
        }
        """);

    [Fact]
    public Task CorrectProgram_ProducesNoDiagnostic() => GeneratorVerifier.VerifyAsync(Usings + """"
        public sealed record Item(string Name, decimal Price);

        [PromptClient]
        [Model("anthropic.claude-3-haiku-20240307-v1:0")]
        [SystemPrompt("You are a concise assistant for {{customer}}.")]
        [Inference(MaxTokens = 512)]
        public partial interface IPrompts
        {
            [Prompt("Describe the purpose of a '{{program}}' program in one line, {{customer}}.")]
            [Inference(Temperature = 0.5f, TopP = 0.9f, StopSequences = new[] { "END" })]
            IAsyncEnumerable<string> DescribeAsync(string program, string customer, CancellationToken cancellationToken = default);

            [Prompt("""
                {{! the order lines }}
                {{#each items}}
                {{@index}}. {{this.Name}} at {{this.Price:N2}}
                {{/each}}
                {{#if note}}Note: {{note}}{{else}}No note.{{/if}} \{{literal}}
                """)]
            Task<string> SummarizeAsync(string customer, IReadOnlyList<Item> items, string? note);
        }
        """");
}
