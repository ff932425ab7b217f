using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptGen.Generator.Model;

namespace PromptGen.Generator.Tests;

/// <summary>The generator's pipeline stays cached across edits that do not change what a prompt interface means.</summary>
public class IncrementalityTests
{
    private const string Prompts = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        namespace Samples;

        [PromptClient, Model("m")]
        public partial interface IHelloPrompts
        {
            [Prompt("Describe the purpose of a '{{program}}' program in one line.")]
            IAsyncEnumerable<string> DescribeAsync(string program, CancellationToken cancellationToken = default);
        }

        public static class Helpers
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    private const string Other = """
        using System.Threading.Tasks;
        using PromptGen;

        namespace Samples;

        public sealed class Unrelated
        {
            public int Value { get; set; }
        }

        [PromptClient, Model("m")]
        public partial interface IOtherPrompts
        {
            [Prompt("Name three uses of {{topic}}.")]
            Task<string> ListUsesAsync(string topic);
        }
        """;

    private static readonly string[] s_trackedSteps = [TrackingNames.PromptClients, TrackingNames.Diagnostics, TrackingNames.Sources];

    [Fact]
    public void EditToAnUnrelatedFile_LeavesEveryStepCachedOrUnchanged() =>
        AssertCachedAfter(compilation => Replace(compilation, "Source1.cs", Other.Replace("int Value", "long Value")));

    [Fact]
    public void NewUnrelatedFile_LeavesEveryStepCachedOrUnchanged() =>
        AssertCachedAfter(compilation => compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Samples; public sealed class Added { }", GeneratorHarness.ParseOptions, path: "Added.cs")));

    [Fact]
    public void EditToAMethodBodyOutsideThePromptInterface_LeavesEveryStepCachedOrUnchanged() =>
        AssertCachedAfter(compilation => Replace(compilation, "Source0.cs", Prompts.Replace("value * 2", "value + value")));

    [Fact]
    public void AnInterfaceWithWarningsAndOneWithErrors_StayCachedAfterAnEditElsewhere()
    {
        // PG0010 (no model) and PG0004 (an unused parameter) on one interface, PG0001 (an unknown placeholder) on another:
        // their diagnostics are rebuilt on every run and must compare equal by value.
        const string withDiagnostics = """
            using System.Threading.Tasks;
            using PromptGen;

            namespace Samples;

            [PromptClient]
            public partial interface IWarnedPrompts
            {
                [Prompt("Name three uses of {{topic}}.")]
                Task<string> ListUsesAsync(string topic, string unused);
            }

            [PromptClient, Model("m")]
            public partial interface IBrokenPrompts
            {
                [Prompt("Name three uses of {{topik}}.")]
                Task<string> ListUsesAsync(string topic);
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(withDiagnostics, Other);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult();
        Assert.Equal(["PG0001", "PG0004", "PG0010"], first.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));

        driver = driver.RunGenerators(Replace(compilation, "Source1.cs", Other.Replace("int Value", "long Value")));

        var result = driver.GetRunResult().Results.Single();
        foreach (var name in s_trackedSteps)
        {
            Assert.All(result.TrackedSteps[name].SelectMany(step => step.Outputs), output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {name} was {output.Reason}."));
        }

        Assert.Equal(["PG0001", "PG0004", "PG0010"], driver.GetRunResult().Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EditToATemplate_RegeneratesThatInterface()
    {
        var compilation = GeneratorHarness.CreateCompilation(Prompts, Other);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        driver = driver.RunGenerators(Replace(compilation, "Source0.cs", Prompts.Replace("in one line", "in one sentence")));

        var result = driver.GetRunResult().Results.Single();
        var reasons = result.TrackedSteps[TrackingNames.Sources]
            .SelectMany(step => step.Outputs)
            .ToDictionary(output => ((GeneratedSource)output.Value).HintName, output => output.Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["Samples.IHelloPrompts.g.cs"]);
        Assert.True(
            reasons["Samples.IOtherPrompts.g.cs"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"The other interface's output was {reasons["Samples.IOtherPrompts.g.cs"]}.");
        Assert.Contains("in one sentence.", result.GeneratedSources.Single(s => s.HintName == "Samples.IHelloPrompts.g.cs").SourceText.ToString());
    }

    [Fact]
    public void StepOutputs_HoldNoSymbolSyntaxNodeOrCompilation()
    {
        var compilation = GeneratorHarness.CreateCompilation(Prompts, Other);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var result = driver.GetRunResult().Results.Single();
        foreach (var step in s_trackedSteps.SelectMany(name => result.TrackedSteps[name]))
        {
            foreach (var (value, _) in step.Outputs)
            {
                AssertHoldsNoRoslynObject(value, step.Name ?? "?", new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertCachedAfter(Func<Compilation, Compilation> edit)
    {
        var compilation = GeneratorHarness.CreateCompilation(Prompts, Other);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        driver = driver.RunGenerators(edit(compilation));

        var result = driver.GetRunResult().Results.Single();
        foreach (var name in s_trackedSteps)
        {
            var outputs = result.TrackedSteps[name].SelectMany(step => step.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {name} was {output.Reason}."));
        }
    }

    private static Compilation Replace(Compilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(tree => tree.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: path));
    }

    // Diagnostics' locations are allowed: they carry their syntax tree on purpose, so that #pragma applies to them once
    // reported. The emitted model holds none.
    private static void AssertHoldsNoRoslynObject(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value is Diagnostic or LocationInfo || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or SyntaxTree,
            $"Step {step} holds a {value.GetType().Name}.");

        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertHoldsNoRoslynObject(item, step, seen);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoRoslynObject(field.GetValue(value), step, seen);
        }
    }
}
