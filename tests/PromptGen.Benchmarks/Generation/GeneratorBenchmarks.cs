using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptGen.Generator;

namespace PromptGen.Benchmarks.Generation;

/// <summary>
/// PromptGen's generator on 1,000 prompt methods against the [LoggerMessage] generator on 1,000 equivalent log
/// methods, in one process: a full run on a fresh compilation, and a re-run after an edit outside every prompt
/// interface and logger class.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int Types = 10;
    private const int MethodsPerType = 100;

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _prompts = null!;
    private CSharpCompilation _loggers = null!;
    private CSharpCompilation _promptsEdited = null!;
    private CSharpCompilation _loggersEdited = null!;
    private IIncrementalGenerator _loggerMessageGenerator = null!;
    private GeneratorDriver _warmPromptDriver = null!;
    private GeneratorDriver _warmLoggerDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        var generatorPath = typeof(GeneratorBenchmarks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "LoggingGeneratorPath").Value!;
        _loggerMessageGenerator = (IIncrementalGenerator)Activator.CreateInstance(
            Assembly.LoadFrom(generatorPath).GetTypes().Single(t => t.Name == "LoggerMessageGenerator"))!;

        MetadataReference[] references =
        [
            .. Basic.Reference.Assemblies.Net100.References.All,
            MetadataReference.CreateFromFile(typeof(PromptClientAttribute).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
        ];
        _prompts = Compile(references, PromptSources());
        _loggers = Compile(references, LoggerSources());
        _promptsEdited = EditUnrelated(_prompts);
        _loggersEdited = EditUnrelated(_loggers);

        _warmPromptDriver = CreateDriver(new PromptGenerator()).RunGenerators(_prompts);
        _warmLoggerDriver = CreateDriver(_loggerMessageGenerator).RunGenerators(_loggers);
        Check(_warmPromptDriver, "PromptGen");
        Check(_warmLoggerDriver, "LoggerMessage");
    }

    [Benchmark(Baseline = true, Description = "LoggerMessage, full run, 1,000 methods")]
    public GeneratorDriver LoggerMessageFullRun() => CreateDriver(_loggerMessageGenerator).RunGenerators(_loggers.Clone());

    [Benchmark(Description = "PromptGen, full run, 1,000 methods")]
    public GeneratorDriver PromptGenFullRun() => CreateDriver(new PromptGenerator()).RunGenerators(_prompts.Clone());

    [Benchmark(Description = "LoggerMessage, re-run after unrelated edit")]
    public GeneratorDriver LoggerMessageRerun() => _warmLoggerDriver.RunGenerators(_loggersEdited);

    [Benchmark(Description = "PromptGen, re-run after unrelated edit")]
    public GeneratorDriver PromptGenRerun() => _warmPromptDriver.RunGenerators(_promptsEdited);

    private static GeneratorDriver CreateDriver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: s_parseOptions);

    private static CSharpCompilation Compile(MetadataReference[] references, IEnumerable<string> sources) =>
        CSharpCompilation.Create(
            "Bench",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, s_parseOptions, path: $"File{i}.cs"))
                .Append(CSharpSyntaxTree.ParseText(UnrelatedSource(1), s_parseOptions, path: "Unrelated.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static CSharpCompilation EditUnrelated(CSharpCompilation compilation)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs");
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(UnrelatedSource(2), s_parseOptions, path: "Unrelated.cs"));
    }

    private static string UnrelatedSource(int factor) =>
        $"namespace Bench; public static class Unrelated {{ public static int Scale(int value) => value * {factor}; }}";

    private static IEnumerable<string> PromptSources()
    {
        for (var t = 0; t < Types; t++)
        {
            var source = new StringBuilder($$"""
                using System.Threading.Tasks;
                using PromptGen;
                namespace Bench;
                [PromptClient, Model("anthropic.claude-3-haiku-20240307-v1:0")]
                public partial interface IPrompts{{t}}
                {
                """);
            for (var m = 0; m < MethodsPerType; m++)
            {
                source.AppendLine($$$"""
                        [Prompt("Processing {{name}} with {{count}} items at {{price:N2}} (step {{{m}}})")]
                        Task<string> Process{{{m}}}Async(string name, int count, decimal price);
                    """);
            }

            yield return source.Append('}').ToString();
        }
    }

    private static IEnumerable<string> LoggerSources()
    {
        for (var t = 0; t < Types; t++)
        {
            var source = new StringBuilder($$"""
                using Microsoft.Extensions.Logging;
                namespace Bench;
                public static partial class Log{{t}}
                {
                """);
            for (var m = 0; m < MethodsPerType; m++)
            {
                source.AppendLine($$"""
                        [LoggerMessage(EventId = {{(t * MethodsPerType) + m}}, Level = LogLevel.Information, Message = "Processing {Name} with {Count} items at {Price} (step {{m}})")]
                        public static partial void Process{{m}}(ILogger logger, string name, int count, decimal price);
                    """);
            }

            yield return source.Append('}').ToString();
        }
    }

    private static void Check(GeneratorDriver driver, string name)
    {
        var result = driver.GetRunResult();
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || result.GeneratedTrees.IsEmpty)
        {
            throw new InvalidOperationException($"{name} did not generate cleanly: {string.Join("; ", result.Diagnostics)}");
        }
    }
}
