using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Each diagnostic's ID, severity, exact span and message, through Roslyn's test harness: <c>{|#0:text|}</c> marks
/// where diagnostic 0 must point, and any diagnostic the test does not expect fails it.
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

    private static DiagnosticResult Error(string id, int marker, string message) =>
        new DiagnosticResult(id, DiagnosticSeverity.Error).WithLocation(marker).WithMessage(message);

    private static DiagnosticResult Warning(string id, int marker, string message) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithLocation(marker).WithMessage(message);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new GeneratorVerifier(Usings + source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task PG0001_PlaceholderNamesNoParameter_SuggestsTheClosest() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Describe the purpose of a '{{{|#0:progam|}}}' program.")]
            Task<string> DescribeAsync(string program);
        }
        """,
        Error("PG0001", 0, "The placeholder 'progam' does not name a parameter of 'DescribeAsync'; did you mean 'program'?"));

    [Fact]
    public Task PG0001_NothingClose_NoSuggestion() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Hello {{ {|#0:customer|} }}, you owe {{amount}}.")]
            Task<string> GreetAsync(decimal amount);
        }
        """,
        Error("PG0001", 0, "The placeholder 'customer' does not name a parameter of 'GreetAsync'"));

    [Fact]
    public Task PG0001_InTheSystemPrompt_AndForTheCancellationToken() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        [SystemPrompt("You help {{{|#0:usr|}}}.")]
        public partial interface IPrompts
        {
            [Prompt("{{topic}} {{{|#1:cancellationToken|}}}")]
            Task<string> AskAsync(string user, string topic, CancellationToken cancellationToken);
        }
        """,
        Error("PG0001", 0, "The placeholder 'usr' does not name a parameter of 'AskAsync'; did you mean 'user'?"),
        Error("PG0001", 1, "The placeholder 'cancellationToken' does not name a parameter of 'AskAsync'"));

    [Fact]
    public Task PG0001_InTheInterfacesSystemPrompt_ReportedOnce_NamingTheMethodsItFailsFor() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        [SystemPrompt("You help {{{|#0:usr|}}} with {{{|#1:subject|}}}.")]
        public partial interface IPrompts
        {
            [Prompt("{{topic}}")]
            Task<string> A(string user, string topic);

            [Prompt("{{topic}}")]
            Task<string> B(string user, string topic);

            [Prompt("{{topic}}")]
            Task<string> C(string user, string topic, string subject);
        }
        """,
        Error("PG0001", 0, "The placeholder 'usr' does not name a parameter of 'A', 'B' or 'C'; did you mean 'user'?"),
        Error("PG0001", 1, "The placeholder 'subject' does not name a parameter of 'A' or 'B'"));

    [Fact]
    public Task PG0002_PG0003_InTheInterfacesSystemPrompt_ReportedOnce() => VerifyAsync(
        """
        public sealed record Customer(string Name);

        [PromptClient, Model("m")]
        [SystemPrompt("You help {|#0:{{|}customer.")]
        public partial interface IMalformed
        {
            [Prompt("{{customer}}")]
            Task<string> A(Customer customer);

            [Prompt("{{customer}}")]
            Task<string> B(Customer customer);
        }

        [PromptClient, Model("m")]
        [SystemPrompt("You help {{customer.{|#1:Nmae|}}}.")]
        public partial interface IUnknownMember
        {
            [Prompt("{{customer}}")]
            Task<string> A(Customer customer);

            [Prompt("{{customer}}")]
            Task<string> B(Customer customer);
        }
        """,
        Error("PG0002", 0, "Malformed template: '{{' is not closed by '}}'"),
        Error("PG0003", 1, "'Customer' has no member 'Nmae'; did you mean 'Name'?"));

    [Fact]
    public Task PG0001_ThisAndIndexOutsideEach() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{{|#0:this|}}} {{{|#1:@index|}}} {{topic}}")]
            Task<string> AskAsync(string topic);
        }
        """,
        Error("PG0001", 0, "The placeholder 'this' does not name a parameter of 'AskAsync': 'this' exists only inside {{#each}}"),
        Error("PG0001", 1, "The placeholder '@index' does not name a parameter of 'AskAsync': '@index' exists only inside {{#each}}"));

    [Fact]
    public Task PG0001_InsideEach_AMemberOfTheItemSuggestsThis() => VerifyAsync(
        """
        public sealed record Item(string Name, decimal Price);

        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{#each items}}{{{|#0:Name|}}} at {{{|#1:price|}:N2}}{{/each}}")]
            Task<string> A(List<Item> items);

            [Prompt("{{#each names}}{{{|#2:name|}}}{{/each}} {{{|#3:Name|}}}")]
            Task<string> B(List<Item> names);
        }
        """,
        Error("PG0001", 0, "The placeholder 'Name' does not name a parameter of 'A'; did you mean 'this.Name'?"),
        Error("PG0001", 1, "The placeholder 'price' does not name a parameter of 'A'; did you mean 'this.Price'?"),
        Error("PG0001", 2, "The placeholder 'name' does not name a parameter of 'B'; did you mean 'this.Name'?"),
        Error("PG0001", 3, "The placeholder 'Name' does not name a parameter of 'B'; did you mean 'names'?"));

    [Fact]
    public Task PG0001_SpanIsExactInsideEscapesVerbatimAndRawStrings() => VerifyAsync(
        """"
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Tab\there \"quoted\" \u00e9 {{{|#0:nme|}}}")]
            Task<string> A(string name);

            [Prompt(@"He said ""hi"" to {{{|#1:nam|}}}")]
            Task<string> B(string name);

            [Prompt("""
                First line
                  Indented {{{|#2:nmae|}}}
                """)]
            Task<string> C(string name);
        }
        """",
        Error("PG0001", 0, "The placeholder 'nme' does not name a parameter of 'A'; did you mean 'name'?"),
        Error("PG0001", 1, "The placeholder 'nam' does not name a parameter of 'B'; did you mean 'name'?"),
        Error("PG0001", 2, "The placeholder 'nmae' does not name a parameter of 'C'; did you mean 'name'?"));

    [Fact]
    public Task PG0002_UnclosedAndStrayBraces() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Describe {|#0:{{|}topic in one line.")]
            Task<string> A(string topic);

            [Prompt("Describe {{topic}} in one line{|#1:}}|}")]
            Task<string> B(string topic);
        }
        """,
        Error("PG0002", 0, "Malformed template: '{{' is not closed by '}}'"),
        Error("PG0002", 1, "Malformed template: '}}' has no matching '{{' (write it inside a value, or escape the opening braces as \\{{)"));

    [Fact]
    public Task PG0002_UnknownAndUnbalancedSections() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{{|#0:#with|} topic}}x{{{|#1:/with|}}}")]
            Task<string> A(string topic);

            [Prompt("{|#2:{{#if topic}}|} unclosed")]
            Task<string> B(string topic);

            [Prompt("{{#each topics}}{{this}}{|#3:{{/if}}|}")]
            Task<string> C(List<string> topics);

            [Prompt("{{topic}}{|#4:{{else}}|}")]
            Task<string> D(string topic);

            [Prompt("{|#5:{{}}|}{{topic}}")]
            Task<string> E(string topic);
        }
        """,
        Error("PG0002", 0, "Malformed template: unknown section '#with': PromptGen supports #each and #if"),
        Error("PG0002", 1, "Malformed template: unknown section '/with': PromptGen supports #each and #if"),
        Error("PG0002", 2, "Malformed template: '{{#if topic}}' is not closed by '{{/if}}'"),
        Error("PG0002", 3, "Malformed template: '{{/if}}' does not match the open '{{#each topics}}'"),
        Error("PG0002", 4, "Malformed template: '{{else}}' is only allowed inside '{{#if}}'"),
        Error("PG0002", 5, "Malformed template: '{{}}' is empty: write a parameter name between the braces"));

    [Fact]
    public Task PG0003_MemberDoesNotExist() => VerifyAsync(
        """
        public sealed class Order { public Customer Customer { get; set; } = new(); }
        public sealed class Customer { public string Name { get; set; } = ""; private string Secret = ""; }

        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Hello {{order.Customer.{|#0:Nmae|}}}")]
            Task<string> A(Order order);

            [Prompt("Hello {{order.{|#1:Client|}.Name}}")]
            Task<string> B(Order order);

            [Prompt("{{#each orders}}{{this.Customer.{|#2:Secret|}}}{{/each}}")]
            Task<string> C(List<Order> orders);
        }
        """,
        Error("PG0003", 0, "'Customer' has no member 'Nmae'; did you mean 'Name'?"),
        Error("PG0003", 1, "'Order' has no member 'Client'"),
        Error("PG0003", 2, "'Customer' has no member 'Secret'"));

    [Fact]
    public Task PG0004_ParameterUnused() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        [SystemPrompt("You help {{user}}.")]
        public partial interface IPrompts
        {
            [Prompt("Tell me about {{topic}}.")]
            Task<string> A(string user, string topic, int {|#0:count|}, CancellationToken cancellationToken);

            [Prompt("Tell me about {{user}}.")]
            Task<string> B(string user, string {|#1:topic|});
        }
        """,
        Warning("PG0004", 0, "The parameter 'count' is not used by any template of 'A'"),
        Warning("PG0004", 1, "The parameter 'topic' is not used by any template of 'B'"));

    [Fact]
    public Task PG0005_UnsupportedReturnType() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Tell me about {{topic}}.")]
            {|#0:string|} A(string topic);

            [Prompt("Tell me about {{topic}}.")]
            {|#1:Task<int>|} B(string topic);

            [Prompt("Tell me about {{topic}}.")]
            {|#2:IEnumerable<string>|} C(string topic);

            [Prompt("Tell me about {{topic}}.")]
            {|#3:PromptStream<int>|} D(string topic);

            [Prompt("Tell me about {{topic}}.")]
            {|#4:Task<PromptResponse<int>>|} E(string topic);
        }
        """,
        Error("PG0005", 0, "'A' returns 'string', which PromptGen cannot implement: return IAsyncEnumerable<string> or PromptStream<string> to stream the answer, Task<string> or Task<PromptResponse<string>> to get it whole, or IAsyncEnumerable<ConverseStreamEvent> or Task<ConverseResponse> for the raw stream or response"),
        Error("PG0005", 1, "'B' returns 'Task<int>', which PromptGen cannot implement: return IAsyncEnumerable<string> or PromptStream<string> to stream the answer, Task<string> or Task<PromptResponse<string>> to get it whole, or IAsyncEnumerable<ConverseStreamEvent> or Task<ConverseResponse> for the raw stream or response"),
        Error("PG0005", 2, "'C' returns 'IEnumerable<string>', which PromptGen cannot implement: return IAsyncEnumerable<string> or PromptStream<string> to stream the answer, Task<string> or Task<PromptResponse<string>> to get it whole, or IAsyncEnumerable<ConverseStreamEvent> or Task<ConverseResponse> for the raw stream or response"),
        Error("PG0005", 3, "'D' returns 'PromptStream<int>', which PromptGen cannot implement: return IAsyncEnumerable<string> or PromptStream<string> to stream the answer, Task<string> or Task<PromptResponse<string>> to get it whole, or IAsyncEnumerable<ConverseStreamEvent> or Task<ConverseResponse> for the raw stream or response"),
        Error("PG0005", 4, "'E' returns 'Task<PromptResponse<int>>', which PromptGen cannot implement: return IAsyncEnumerable<string> or PromptStream<string> to stream the answer, Task<string> or Task<PromptResponse<string>> to get it whole, or IAsyncEnumerable<ConverseStreamEvent> or Task<ConverseResponse> for the raw stream or response"));

    [Fact]
    public Task PG0006_InterfaceNotPartial() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        public interface {|#0:IPrompts|}
        {
            [Prompt("Tell me about {{topic}}.")]
            Task<string> A(string topic);
        }
        """,
        Error("PG0006", 0, "'IPrompts' must be declared partial so that PromptGen can add its Create factory"));

    [Fact]
    public Task PG0006_ContainingTypeNotPartial() => VerifyAsync(
        """
        public static class {|#0:Outer|}
        {
            [PromptClient, Model("m")]
            public partial interface IPrompts
            {
                [Prompt("Tell me about {{topic}}.")]
                Task<string> A(string topic);
            }
        }
        """,
        Error("PG0006", 0, "'Outer' must be declared partial so that PromptGen can add its Create factory"));

    [Fact]
    public Task PG0007_MethodWithoutPrompt() => VerifyAsync(
        """
        public partial interface IBase
        {
            Task<string> {|#1:Inherited|}(string topic);
        }

        [PromptClient, Model("m")]
        public partial interface IPrompts : IBase
        {
            [SystemPrompt("Be brief.")]
            Task<string> {|#0:A|}(string topic);
        }
        """,
        Error("PG0007", 0, "'A' has no [Prompt] attribute: every method of a [PromptClient] interface needs a prompt template"),
        Error("PG0007", 1, "'Inherited' has no [Prompt] attribute: every method of a [PromptClient] interface needs a prompt template"));

    [Fact]
    public Task PG0008_UnsupportedShapes() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{topic}}")]
            Task<string> A{|#0:<T>|}(string topic);

            [Prompt("{{topic}}")]
            Task<string> B(ref string {|#1:topic|});

            [Prompt("{{#each topics}}{{this}}{{/each}}")]
            Task<string> C(params string[] {|#2:topics|});

            [Prompt("{{topic}}")]
            Task<string> D(out string {|#3:topic|});

            string {|#4:Name|} { get; }

            event EventHandler {|#5:Changed|};
        }
        """,
        Error("PG0008", 0, "'A' cannot be implemented by PromptGen: generic methods are not supported"),
        Error("PG0008", 1, "'B' cannot be implemented by PromptGen: the ref parameter 'topic' is not supported"),
        Error("PG0008", 2, "'C' cannot be implemented by PromptGen: the params parameter 'topics' is not supported"),
        Error("PG0008", 3, "'D' cannot be implemented by PromptGen: the out parameter 'topic' is not supported"),
        Error("PG0008", 4, "'Name' cannot be implemented by PromptGen: properties are not supported in a [PromptClient] interface"),
        Error("PG0008", 5, "'Changed' cannot be implemented by PromptGen: events are not supported in a [PromptClient] interface"));

    [Fact]
    public Task PG0009_InvalidInferenceSettings() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        [Inference({|#0:Temperature = 1.5f|})]
        public partial interface IPrompts
        {
            [Prompt("{{topic}}")]
            [Inference({|#1:MaxTokens = 0|}, {|#2:TopP = -0.1f|})]
            Task<string> A(string topic);

            [Prompt("{{topic}}")]
            [Inference(Temperature = 0.5f, {|#3:StopSequences = new[] { "END", "" }|})]
            Task<string> B(string topic);
        }
        """,
        Error("PG0009", 0, "Invalid inference setting: Temperature is 1.5; it must be between 0 and 1"),
        Error("PG0009", 1, "Invalid inference setting: MaxTokens is 0; it must be at least 1"),
        Error("PG0009", 2, "Invalid inference setting: TopP is -0.1; it must be between 0 and 1"),
        Error("PG0009", 3, "Invalid inference setting: StopSequences holds an empty stop sequence"));

    [Fact]
    public Task PG0010_NoModelId() => VerifyAsync(
        """
        [PromptClient]
        public partial interface IPrompts
        {
            [Prompt("{{topic}}")]
            Task<string> {|#0:A|}(string topic);

            [Prompt("{{topic}}"), Model("m")]
            Task<string> B(string topic);

            [Prompt("{{topic}}")]
            IAsyncEnumerable<string> {|#1:C|}(string topic);
        }
        """,
        Warning("PG0010", 0, "'A' has no model id: add [Model(\"...\")] to the method or the interface, or set PromptClientOptions.ModelId at run time"),
        Warning("PG0010", 1, "'C' has no model id: add [Model(\"...\")] to the method or the interface, or set PromptClientOptions.ModelId at run time"));

    [Fact]
    public Task PG0011_CollectionMisuse() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("Topics: {{{|#0:topics|}}}")]
            Task<string> A(List<string> topics);

            [Prompt("{{#each {|#1:count|}}}{{this}}{{/each}}")]
            Task<string> B(int count);
        }
        """,
        Error("PG0011", 0, "'topics' is a collection (List<string>): render its items with {{#each topics}}...{{/each}}"),
        Error("PG0011", 1, "'count' (int) is not a collection: {{#each}} needs an IEnumerable"));

    [Fact]
    public Task PG0011_EachOverAString() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{#each {|#0:text|}}}{{this}}{{/each}}")]
            Task<string> A(string text);

            [Prompt("{{#each names}}{{#each {|#1:this|}}}{{this}}{{/each}}{{/each}}")]
            Task<string> B(List<string> names);

            [Prompt("{{#each {|#2:note|}}}{{this}}{{/each}}")]
            Task<string> C(string? note);
        }
        """,
        Error("PG0011", 0, "'text' (string) is a value, not a collection: insert it with {{text}}"),
        Error("PG0011", 1, "'this' (string) is a value, not a collection: insert it with {{this}}"),
        Error("PG0011", 2, "'note' (string?) is a value, not a collection: insert it with {{note}}"));

    [Fact]
    public Task PG0012_MoreThanOneCancellationToken() => VerifyAsync(
        """
        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{topic}}")]
            Task<string> A(string topic, CancellationToken first, CancellationToken {|#0:second|});

            [Prompt("{{topic}}")]
            IAsyncEnumerable<string> B(CancellationToken first, string topic, CancellationToken {|#1:second|}, CancellationToken {|#2:third|});
        }
        """,
        Error("PG0012", 0, "'A' has more than one CancellationToken parameter; PromptGen passes exactly one to the call"),
        Error("PG0012", 1, "'B' has more than one CancellationToken parameter; PromptGen passes exactly one to the call"),
        Error("PG0012", 2, "'B' has more than one CancellationToken parameter; PromptGen passes exactly one to the call"));

    [Fact]
    public Task PG0013_FormatOnNonFormattable() => VerifyAsync(
        """
        public sealed class Customer { public string Name { get; set; } = ""; }

        [PromptClient, Model("m")]
        public partial interface IPrompts
        {
            [Prompt("{{customer:{|#0:N2|}}}")]
            Task<string> A(Customer customer);

            [Prompt("{{name:{|#1:yyyy-MM-dd|}}}")]
            Task<string> B(string name);
        }
        """,
        Error("PG0013", 0, "The format 'N2' cannot apply to 'customer': its type 'Customer' does not implement IFormattable"),
        Error("PG0013", 1, "The format 'yyyy-MM-dd' cannot apply to 'name': its type 'string' does not implement IFormattable"));

    [Fact]
    public Task IfThenMemberPath_OnANonNullableParameter_NoCompilerWarning()
    {
        // An #if makes the compiler consider the value maybe-null afterwards; the path after it must not warn (CS8602)
        // in the generated code, where the user can neither see nor suppress it.
        var test = new GeneratorVerifier(Usings + """
            internal sealed record Home(string City, int Floor);
            internal sealed record Customer(string Name, Home Home, List<Home> Previous);

            [PromptClient, Model("m")]
            internal partial interface IPrompts
            {
                [Prompt("{{#if customer}}Hello {{customer.Name}}. {{/if}}{{customer.Home.City}} {{customer.Home.Floor}}")]
                Task<string> A(Customer customer);

                [Prompt("{{#if customer.Home}}{{/if}}{{#each customer.Previous}}{{#if this}}{{this.City}}{{/if}}{{this.Floor}}{{/each}}{{customer.Home.City}}")]
                Task<string> B(Customer customer);
            }
            """)
        {
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task PragmaWarningDisable_SilencesAWarning() => VerifyAsync(
        """
        [PromptClient]
        public partial interface IPrompts
        {
        #pragma warning disable PG0010
            [Prompt("{{topic}}")]
            Task<string> A(string topic);
        #pragma warning restore PG0010
        }
        """);

    [Fact]
    public Task CorrectProgram_ProducesNoDiagnostic() => VerifyAsync(
        """"
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

    [Fact]
    public void EveryDescriptor_HasAHelpPageWithAWrongAndARightExample()
    {
        var descriptors = typeof(DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        var root = Path.GetDirectoryName(typeof(DiagnosticTests).Assembly.Location)!;
        while (!File.Exists(Path.Combine(root, "PromptGen.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        Assert.Equal(13, descriptors.Count);
        foreach (var descriptor in descriptors)
        {
            Assert.EndsWith($"/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            var page = File.ReadAllText(Path.Combine(root, "docs", "diagnostics", descriptor.Id + ".md"));
            Assert.StartsWith($"# {descriptor.Id}: {descriptor.Title}", page, StringComparison.Ordinal);
            Assert.Contains("## Wrong", page, StringComparison.Ordinal);
            Assert.Contains("## Right", page, StringComparison.Ordinal);
        }
    }
}
