using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptGen.Generator.Templates;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Property-style robustness: generated and mutated templates and interface declarations never make the generator
/// throw, every problem it reports is a PG diagnostic with a span inside the source, and whatever it generates
/// compiles. Inputs come from a fixed seed, so a failure names an input that reproduces it.
/// </summary>
public class RobustnessTests
{
    private const int Seed = 20261125;

    private static readonly string[] s_seedTemplates =
    [
        "Describe the purpose of a '{{program}}' program in one line.",
        "Hello {{customer.Name}}, you owe {{amount:N2}} since {{since:yyyy-MM-dd}}.",
        "{{#each items}}{{@index}}. {{this.Name}}{{#if this.Tags}} [{{#each this.Tags}}{{this}} {{/each}}]{{/if}}\n{{/each}}",
        "{{#if note}}Note: {{note}}{{else}}No note.{{/if}} \\{{literal}} {{! comment }}",
        "Start\n  {{#if flag}}\n  inside\n  {{/if}}\nEnd",
        "{{ program }} {{customer.Address.City}} {{amount}}",
        "{{#if customer}}Hello {{customer.Name}}. {{/if}}{{customer.Home.City}} {{customer.Home.Floor}}",
    ];

    private static readonly string[] s_fragments =
    [
        "{{", "}}", "{", "}", "#each", "#if", "/each", "/if", "else", "this", "@index", ".", ":", "!", "\\", "\\{{",
        "program", "customer", "Name", "items", "amount", "note", "flag", " ", "\n", "\r\n", "\t", "\"", "'", "é", "😀",
        "\ud800", "\u200f", "\u0301", "\0", "N2", "{{#each items}}", "{{/each}}", "{{#if flag}}", "{{/if}}", "{{else}}",
    ];

    private const string Types = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        public sealed record Address(string City);
        public sealed record Home(string City, int Floor);
        public sealed record Customer(string Name, Address? Address, Home Home);
        public sealed record Item(string Name, IReadOnlyList<string> Tags);
        """;

    [Fact]
    public void TemplateParser_NeverThrows_AndKeepsErrorSpansInsideTheTemplate()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 50_000; i++)
        {
            var template = NextTemplate(random);
            ParsedTemplate parsed;
            try
            {
                parsed = TemplateParser.Parse(template);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"The parser threw on case {i}: {Quote(template)}", e);
            }

            foreach (var error in parsed.Errors)
            {
                Assert.True(error.Span.End <= template.Length, $"Error span {error.Span} outside case {i}: {Quote(template)}");
                Assert.False(string.IsNullOrEmpty(error.Message));
            }
        }
    }

    [Fact]
    public void Generator_OnTenThousandMutatedInterfaces_NeverThrows_AndReportsOnlyPGDiagnostics()
    {
        var random = new Random(Seed);
        var implemented = 0;
        var reported = 0;
        const int batches = 200;
        const int perBatch = 50;
        for (var batch = 0; batch < batches; batch++)
        {
            var sources = new List<string> { Types };
            for (var i = 0; i < perBatch; i++)
            {
                sources.Add(NextDeclaration(random, batch * perBatch + i));
            }

            var compilation = GeneratorHarness.CreateCompilation([.. sources]);
            var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            var result = driver.GetRunResult().Results.Single();

            Assert.True(result.Exception is null, $"Batch {batch}: the generator threw {result.Exception}");
            foreach (var diagnostic in diagnostics)
            {
                Assert.True(diagnostic.Id.StartsWith("PG", StringComparison.Ordinal), $"Batch {batch}: {diagnostic}");
                if (diagnostic.Location.SourceTree is { } tree)
                {
                    Assert.True(diagnostic.Location.SourceSpan.End <= tree.Length, $"Batch {batch}: span outside its file: {diagnostic}");
                }
            }

            implemented += result.GeneratedSources.Count(s => s.SourceText.ToString().Contains("class GeneratedClient", StringComparison.Ordinal));
            reported += diagnostics.Length;

            // Whatever the generator emits must compile, without a warning (users build with warnings as errors): an
            // error or a warning inside generated code is a generator bug.
            var generatedTrees = result.GeneratedSources.Select(s => s.SyntaxTree.FilePath).ToHashSet();
            var generatedErrors = output.GetDiagnostics()
                .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree.FilePath))
                .ToList();
            Assert.True(generatedErrors.Count == 0, $"Batch {batch}: generated code does not compile cleanly: {string.Join("\n", generatedErrors)}\n{Sources(result, generatedErrors)}");
        }

        // The inputs must exercise both paths, or the test proves little: some interfaces are implemented, most
        // carry mistakes that become diagnostics.
        Assert.InRange(implemented, batches * perBatch / 20, batches * perBatch);
        Assert.True(reported > batches * perBatch, $"Only {reported} diagnostics over {batches * perBatch} interfaces.");
    }

    [Fact]
    public void Generator_OnVeryLongTemplates_StaysCorrect()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("line ").Append(i).Append(": {{program}} ");
        }

        var source = Types + $$"""

            [PromptClient, Model("m")]
            public partial interface ILong
            {
                [Prompt({{SymbolDisplay.FormatLiteral(text.ToString() + "{{progam}}", quote: true)}})]
                Task<string> A(string program);
            }
            """;

        var output = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal("PG0001", diagnostic.Id);
        Assert.Equal("progam", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    private static string NextDeclaration(Random random, int index)
    {
        // A third of the interfaces start from correct templates and settings, so that the emitter's output is
        // exercised too; the rest carry random and mutated templates.
        var clean = random.Next(3) == 0;
        var template = clean ? s_seedTemplates[random.Next(s_seedTemplates.Length)] : NextTemplate(random);
        var systemTemplate = clean ? "Be brief about {{program}}." : NextTemplate(random);
        var streamTemplate = clean ? "{{program}}: {{#each items}}{{this.Name}} {{/each}}" : NextTemplate(random);
        var maxTokens = clean ? random.Next(1, 5) : random.Next(-2, 5);
        var temperature = clean ? random.NextDouble() : (random.NextDouble() * 1.4) - 0.2;
        var literal = random.Next(3) switch
        {
            0 => SymbolDisplay.FormatLiteral(template, quote: true),
            1 => "@\"" + template.Replace("\"", "\"\"") + "\"",
            _ => RawLiteral(template),
        };
        var declaration = $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using PromptGen;

            [PromptClient]
            [Model("m{{index}}")]
            [SystemPrompt({{SymbolDisplay.FormatLiteral(systemTemplate, quote: true)}})]
            public partial interface IFuzz{{index}}
            {
                [Prompt({{literal}})]
                [Inference(MaxTokens = {{maxTokens}}, Temperature = {{temperature.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}}f)]
                Task<string> AskAsync(string program, Customer customer, decimal amount, DateTime since, List<Item> items, string? note, bool flag, CancellationToken cancellationToken);

                [Prompt({{SymbolDisplay.FormatLiteral(streamTemplate, quote: true)}})]
                IAsyncEnumerable<string> StreamAsync(string program, List<Item> items);
            }
            """;

        // A quarter of the other declarations are themselves mutated: truncated, or with C# syntax broken at random.
        return !clean && random.Next(4) == 0 ? Mutate(random, declaration) : declaration;
    }

    private static string RawLiteral(string value)
    {
        // A multi-line raw literal can hold anything but a run of quotes as long as its delimiter.
        var quotes = new string('"', Math.Max(3, LongestQuoteRun(value) + 1));
        var indented = string.Join("\n", value.Replace("\r", "").Split('\n').Select(line => "        " + line));
        return quotes + "\n" + indented + "\n        " + quotes;
    }

    private static int LongestQuoteRun(string value)
    {
        int longest = 0, current = 0;
        foreach (var c in value)
        {
            current = c == '"' ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    private static string NextTemplate(Random random)
    {
        return random.Next(5) switch
        {
            0 => RandomText(random, random.Next(0, 60)),
            1 => string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => s_fragments[random.Next(s_fragments.Length)])),
            _ => Mutate(random, s_seedTemplates[random.Next(s_seedTemplates.Length)]),
        };
    }

    private static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations; m++)
        {
            var position = builder.Length == 0 ? 0 : random.Next(builder.Length);
            switch (random.Next(5))
            {
                case 0:
                    builder.Insert(position, s_fragments[random.Next(s_fragments.Length)]);
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(position, Math.Min(builder.Length - position, random.Next(1, 4)));
                    break;
                case 2 when builder.Length > 0:
                    builder.Length = position; // truncation
                    break;
                case 3:
                    builder.Insert(position, RandomText(random, random.Next(1, 5)));
                    break;
                default:
                    var start = builder.Length == 0 ? 0 : random.Next(builder.Length);
                    var length = Math.Min(builder.Length - start, random.Next(0, 20));
                    builder.Insert(position, builder.ToString(start, length)); // duplication
                    break;
            }
        }

        return builder.ToString();
    }

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "abcXYZ_09 {}#/.:!@\\\"'\n\t-éß中";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private static string Quote(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    private static string Sources(GeneratorRunResult result, List<Diagnostic> errors) =>
        string.Join("\n", result.GeneratedSources
            .Where(s => errors.Any(e => e.Location.SourceTree?.FilePath == s.SyntaxTree.FilePath))
            .Select(s => s.SourceText.ToString()));
}
