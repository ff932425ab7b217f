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
}
