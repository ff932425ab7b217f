using PromptGen;

namespace HelloBedrock;

/// <summary>The AWS hello-world ConverseStream example as a typed prompt: the generator writes the implementation.</summary>
[PromptClient]
[Model(ModelId)]
public partial interface IHelloPrompts
{
    /// <summary>The model the AWS example calls.</summary>
    public const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";

    /// <summary>Streams a one-line description of what a program of the given kind is for.</summary>
    [Prompt("Describe the purpose of a '{{program}}' program in one line.")]
    [Inference(MaxTokens = 512, Temperature = 0.5f, TopP = 0.9f)]
    IAsyncEnumerable<string> DescribeAsync(string program, CancellationToken cancellationToken = default);
}
