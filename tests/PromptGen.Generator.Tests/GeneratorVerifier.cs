using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Roslyn's generator test harness set up for PromptGen: markup such as <c>{|PG0001:progam|}</c> in the source
/// asserts a diagnostic's ID and exact span. References come from Basic.Reference.Assemblies, so nothing is
/// downloaded.
/// </summary>
internal sealed class GeneratorVerifier : CSharpSourceGeneratorTest<PromptGenerator, DefaultVerifier>
{
    public GeneratorVerifier(string source)
    {
        TestCode = source;
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        // These tests are about diagnostics; generated text is covered by the snapshot tests.
        TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck;
    }

    protected override ParseOptions CreateParseOptions() => GeneratorHarness.ParseOptions;

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

    public static Task VerifyAsync(string source) => new GeneratorVerifier(source).RunAsync();
}
