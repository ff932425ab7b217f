using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptGen.Generator;

namespace PromptGen.Generator.Tests;

/// <summary>Runs the generator over source text the way the compiler does, and compiles the result.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static ImmutableArray<MetadataReference> References { get; } =
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(PromptClientAttribute).Assembly.Location)];

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Tests",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new PromptGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static readonly string[] s_trackedSteps = [TrackingNames.PromptClients, TrackingNames.Diagnostics, TrackingNames.Sources];

    /// <summary>
    /// Runs the generator; returns the generated sources, the generator's diagnostics and the output compilation. Every
    /// run is also a caching check: the driver runs a second time after an unrelated file is added, and every tracked
    /// step must then be Cached or Unchanged, whatever the input (warnings and errors included).
    /// </summary>
    public static GeneratorOutput Run(params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver(trackSteps: true).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator threw.", result.Exception);
        }

        AssertCachedAfterAnUnrelatedEdit(driver, compilation);

        return new GeneratorOutput(
            result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()),
            generatorDiagnostics,
            output);
    }

    /// <summary>Runs <paramref name="driver"/> again with one unrelated file added and asserts that no tracked step re-ran.</summary>
    public static void AssertCachedAfterAnUnrelatedEdit(GeneratorDriver driver, Compilation compilation)
    {
        var unrelated = CSharpSyntaxTree.ParseText(
            "namespace Unrelated { internal static class AddedLater { public static int Answer => 42; } }",
            ParseOptions,
            path: "AddedLater.cs");
        var rerun = driver.RunGenerators(compilation.AddSyntaxTrees(unrelated)).GetRunResult().Results.Single();
        Assert.Null(rerun.Exception);
        foreach (var name in s_trackedSteps)
        {
            if (!rerun.TrackedSteps.TryGetValue(name, out var steps))
            {
                continue;
            }

            foreach (var (value, reason) in steps.SelectMany(step => step.Outputs))
            {
                Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"After an unrelated edit, step {name} was {reason} for {value}.");
            }
        }
    }

    /// <summary>
    /// Compares generated text with a committed <c>*.verified.cs</c> snapshot, byte for byte. On mismatch it writes
    /// <c>*.received.cs</c> beside it and fails with the first differing line.
    /// </summary>
    public static void VerifySnapshot(string actual, string snapshotName, [CallerFilePath] string callerPath = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        var verifiedPath = Path.Combine(directory, snapshotName + ".verified.cs");
        var receivedPath = Path.Combine(directory, snapshotName + ".received.cs");
        actual = ScrubVersion(actual);
        var expected = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verifiedPath}; the output was written to {receivedPath}. Review it and rename it to .verified.cs."
            : $"The generated source differs from {verifiedPath} (written to {receivedPath}).\n{FirstDifference(expected, actual)}");
    }

    // The generator's version appears in [GeneratedCode]; snapshots must not change on every version bump.
    private static string ScrubVersion(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "GeneratedCode\\(\"PromptGen\", \"[^\"]*\"\\)", "GeneratedCode(\"PromptGen\", \"{version}\")");

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"Line {i + 1}:\n  expected: {e}\n  actual:   {a}";
            }
        }

        return "The texts differ only in line endings.";
    }
}

internal sealed record GeneratorOutput(
    IReadOnlyDictionary<string, string> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    Compilation OutputCompilation)
{
    /// <summary>Errors and warnings of the compiled result, generator diagnostics included.</summary>
    public IEnumerable<Diagnostic> AllDiagnostics =>
        GeneratorDiagnostics.Concat(OutputCompilation.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning);
}
