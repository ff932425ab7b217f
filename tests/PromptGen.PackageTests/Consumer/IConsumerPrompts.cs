using PromptGen;

namespace Consumer;

/// <summary>Implemented by the generator that the PromptGen package carries: the package must bring it to the compiler.</summary>
[PromptClient]
[Model("anthropic.claude-3-haiku-20240307-v1:0")]
[SystemPrompt("You are a concise assistant.")]
public partial interface IConsumerPrompts
{
    [Prompt("Describe the purpose of a '{{program}}' program in one line.")]
    [Inference(MaxTokens = 512, Temperature = 0.5f, TopP = 0.9f)]
    IAsyncEnumerable<string> DescribeAsync(string program, CancellationToken cancellationToken = default);

    [Prompt("Name {{count}} uses of {{topic}}.")]
    Task<string> ListUsesAsync(string topic, int count, CancellationToken cancellationToken = default);
}
