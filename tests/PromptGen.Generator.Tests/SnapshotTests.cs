namespace PromptGen.Generator.Tests;

public class SnapshotTests
{
    [Fact]
    public void HelloWorldStreamingMethod()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using PromptGen;

            namespace Samples;

            [PromptClient]
            [Model("anthropic.claude-3-haiku-20240307-v1:0")]
            public partial interface IHelloPrompts
            {
                [Prompt("Describe the purpose of a '{{program}}' program in one line.")]
                [Inference(MaxTokens = 512, Temperature = 0.5f, TopP = 0.9f)]
                IAsyncEnumerable<string> DescribeAsync(string program, CancellationToken cancellationToken = default);
            }
            """;

        var output = GeneratorHarness.Run(source);

        Assert.Empty(output.AllDiagnostics);
        GeneratorHarness.VerifySnapshot(output.Sources["Samples.IHelloPrompts.g.cs"], "HelloWorldStreamingMethod");
    }

    [Fact]
    public void TaskMethodWithoutCancellationToken()
    {
        const string source = """
            using System.Threading.Tasks;
            using PromptGen;

            namespace Samples;

            [PromptClient]
            public partial interface IUses
            {
                [Model("amazon.nova-lite-v1:0")]
                [Prompt("Name three uses of {{topic}}.")]
                Task<string> ListUsesAsync(string topic);
            }
            """;

        var output = GeneratorHarness.Run(source);

        Assert.Empty(output.AllDiagnostics);
        GeneratorHarness.VerifySnapshot(output.Sources["Samples.IUses.g.cs"], "TaskMethodWithoutCancellationToken");
    }

    [Fact]
    public void RawEventStreamAndResponseMethods()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using PromptGen;

            namespace Samples;

            [PromptClient]
            [Model("anthropic.claude-3-haiku-20240307-v1:0")]
            public partial interface IRawPrompts
            {
                [Prompt("Describe {{program}}.")]
                IAsyncEnumerable<ConverseStreamEvent> DescribeEventsAsync(string program, CancellationToken cancellationToken = default);

                [Prompt("Name three uses of {{topic}}.")]
                Task<ConverseResponse> ListUsesResponseAsync(string topic);
            }
            """;

        var output = GeneratorHarness.Run(source);

        Assert.Empty(output.AllDiagnostics);
        GeneratorHarness.VerifySnapshot(output.Sources["Samples.IRawPrompts.g.cs"], "RawEventStreamAndResponseMethods");
    }

    [Fact]
    public void PromptStreamAndPromptResponseOfString()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using PromptGen;

            namespace Samples;

            [PromptClient]
            [Model("anthropic.claude-3-haiku-20240307-v1:0")]
            public partial interface IResponsePrompts
            {
                [Prompt("Describe {{program}}.")]
                PromptStream<string> DescribeAsync(string program, CancellationToken cancellationToken = default);

                [Prompt("Name three uses of {{topic}}.")]
                Task<PromptResponse<string>> ListUsesAsync(string topic);
            }
            """;

        var output = GeneratorHarness.Run(source);

        Assert.Empty(output.AllDiagnostics);
        GeneratorHarness.VerifySnapshot(output.Sources["Samples.IResponsePrompts.g.cs"], "PromptStreamAndPromptResponseOfString");
    }

    [Fact]
    public void InterfaceAndMethodLevelAttributes()
    {
        // Interface-level model, system prompt and inference apply to every method; a method-level attribute wins,
        // property by property for [Inference].
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using PromptGen;

            namespace Samples.Support;

            [PromptClient]
            [Model("anthropic.claude-3-haiku-20240307-v1:0")]
            [SystemPrompt("You are a concise assistant for {{product}}.")]
            [Inference(MaxTokens = 256, Temperature = 0.2f)]
            internal partial interface ISupportPrompts
            {
                [Prompt("Answer the question: {{question}}")]
                IAsyncEnumerable<string> AnswerAsync(string product, string question, CancellationToken cancellationToken = default);

                [Model("amazon.nova-pro-v1:0")]
                [SystemPrompt("You write release notes.")]
                [Inference(Temperature = 0.7f, StopSequences = new[] { "END", "\n\n" })]
                [Prompt("Summarize version {{version}} of {{product}}.")]
                Task<string> ReleaseNotesAsync(string product, System.Version version, CancellationToken cancellationToken);
            }
            """;

        var output = GeneratorHarness.Run(source);

        Assert.Empty(output.AllDiagnostics);
        GeneratorHarness.VerifySnapshot(output.Sources["Samples.Support.ISupportPrompts.g.cs"], "InterfaceAndMethodLevelAttributes");
    }

    [Fact]
    public void SectionsFormatsAndMemberPaths()
    {
        const string source = """"
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using PromptGen;

            public sealed record Customer(string Name, string? Tier);
            public sealed record Line(string Product, int Quantity, decimal Price);
            public sealed record Order(Customer Customer, IReadOnlyList<Line> Lines, DateTime PlacedAt);

            [PromptClient, Model("m")]
            public partial interface IOrderPrompts
            {
                [Prompt("""
                    Order for {{order.Customer.Name}} placed {{order.PlacedAt:yyyy-MM-dd}}:
                    {{#each order.Lines}}
                    {{@index}}. {{this.Quantity}} x {{this.Product}} at {{this.Price:N2}}
                    {{/each}}
                    {{#if order.Customer.Tier}}
                    Tier: {{order.Customer.Tier}}
                    {{else}}
                    No tier.
                    {{/if}}
                    {{! comments render nothing }}
                    Reply in \{{json}}.
                    """)]
                Task<string> SummarizeAsync(Order order);
            }
            """";

        var output = GeneratorHarness.Run(source);

        Assert.Empty(output.AllDiagnostics);
        GeneratorHarness.VerifySnapshot(output.Sources["IOrderPrompts.g.cs"], "SectionsFormatsAndMemberPaths");
    }

    // Users build with warnings as errors: whatever the nullable annotations say, a null anywhere in a path renders as
    // empty, and the generated code compiles without a warning. An #if on a value makes the compiler consider it
    // maybe-null afterwards, so no later member access may rely on the annotation.
    private const string NullSafeSource = """"
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using PromptGen;

        namespace Samples;

        public interface INamed { string Name { get; } int Rank { get; } }
        public sealed record Home(string City, int Floor, DateTime Since);
        public sealed record Shipment(Home Home, Home? Alternative, bool Insured);
        public sealed record Customer(string Name, Home Home, IReadOnlyList<Shipment> Shipments, int Visits, TimeSpan? Wait);
        public readonly record struct Point(int X, Home Home);

        [PromptClient, Model("m")]
        public partial interface INullSafePrompts<TItem> where TItem : INamed
        {
            [Prompt("{{#if customer}}Hello {{customer.Name}}. {{/if}}{{customer.Home.City}}")]
            Task<string> IfThenPathAsync(Customer customer);

            [Prompt("""
                {{customer.Home.City}}, floor {{customer.Home.Floor}} since {{customer.Home.Since:yyyy}} ({{customer.Home.Since.Month}})
                {{#if customer.Home}}has a home{{/if}}{{#if customer.Visits}}, {{customer.Visits}} visits{{/if}}{{#if customer.Wait}}, waits {{customer.Wait.Minutes}} min{{/if}}
                {{#each customer.Shipments}}
                {{@index}}. {{this.Home.City}} {{this.Home.Floor}} or {{this.Alternative.City}} {{this.Alternative.Floor}}{{#if this.Insured}} insured{{/if}}{{#if this.Alternative}}!{{/if}}
                {{/each}}
                """)]
            Task<string> MemberPathsAsync(Customer customer);

            [Prompt("{{#each items}}{{this.Name}} {{this.Rank}}{{#if this.Rank}}+{{/if}} {{/each}}{{#each points}}{{this.X}} {{this.Home.Floor}} {{/each}}")]
            Task<string> ItemsAsync(IReadOnlyList<TItem> items, List<Point> points);
        }
        """";

    [Fact]
    public void NullSafeMemberPaths_CompileWithoutAWarning()
    {
        var output = GeneratorHarness.Run(NullSafeSource);

        Assert.Empty(output.AllDiagnostics);
        GeneratorHarness.VerifySnapshot(output.Sources["Samples.INullSafePrompts{TItem}.g.cs"], "NullSafeMemberPaths");
    }

    [Fact]
    public void InterfaceWithErrorsGetsOnlyAFactory()
    {
        const string source = """
            using System.Threading.Tasks;
            using PromptGen;

            namespace Samples;

            [PromptClient, Model("m")]
            public partial interface IBroken
            {
                [Prompt("{{missing}}")]
                Task<string> AskAsync(string topic);
            }
            """;

        var output = GeneratorHarness.Run(source);

        Assert.Equal(["PG0001"], output.GeneratorDiagnostics.Select(d => d.Id));
        GeneratorHarness.VerifySnapshot(output.Sources["Samples.IBroken.g.cs"], "InterfaceWithErrorsGetsOnlyAFactory");
    }

    [Fact]
    public void NestedGenericAndInheritedInterfaces_CompileClean()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using PromptGen;

            namespace Samples;

            public partial interface IBasePrompts
            {
                [Prompt("Base {{topic}}")]
                Task<string> BaseAsync(string topic);
            }

            public static partial class Outer
            {
                public partial record struct Holder
                {
                    [PromptClient, Model("m")]
                    internal partial interface IPrompts<TItem> : IBasePrompts
                        where TItem : notnull
                    {
                        [Prompt("{{#each items}}{{this}} {{/each}}{{@event}}")]
                        Task<string> ListAsync(IReadOnlyList<TItem> items, string @event, CancellationToken @class);
                    }
                }
            }
            """;

        var output = GeneratorHarness.Run(source.Replace("{{@event}}", "{{event}}"));

        Assert.Empty(output.AllDiagnostics);
        var generated = Assert.Single(output.Sources).Value;
        Assert.Contains("partial record struct Holder", generated);
        Assert.Contains("global::System.Threading.Tasks.Task<string> global::Samples.IBasePrompts.BaseAsync(string topic)", generated);
        Assert.Contains("userText.AppendFormatted(@event);", generated);
    }
}
