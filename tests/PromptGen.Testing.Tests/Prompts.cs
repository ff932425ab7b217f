namespace PromptGen.Testing.Tests;

// Prompt interfaces implemented by the generator when this project builds; the tests check what they send.

[PromptClient]
[Model("anthropic.claude-3-haiku-20240307-v1:0")]
public partial interface IHelloPrompts
{
    [Prompt("Describe the purpose of a '{{program}}' program in one line.")]
    [Inference(MaxTokens = 512, Temperature = 0.5f, TopP = 0.9f)]
    IAsyncEnumerable<string> DescribeAsync(string program, CancellationToken cancellationToken = default);

    [Prompt("Name three uses of {{topic}}.")]
    Task<string> ListUsesAsync(string topic, CancellationToken cancellationToken = default);
}

public sealed record Order(string Customer, IReadOnlyList<string> Items);

[PromptClient]
[Model("us.anthropic.claude-3-5-haiku-20241022-v1:0")]
[SystemPrompt("You are a support agent for {{shop}}.")]
[Inference(MaxTokens = 200, Temperature = 0.2f)]
public partial interface IOrderPrompts
{
    [Prompt("""
        Summarize the order of {{order.Customer}}:
        {{#each order.Items}}
        - {{this}}
        {{/each}}
        """)]
    [Inference(StopSequences = new[] { "END" })]
    IAsyncEnumerable<string> SummarizeAsync(string shop, Order order, CancellationToken cancellationToken = default);
}

[PromptClient]
[Model("anthropic.claude-3-haiku-20240307-v1:0")]
public partial interface IDetailedPrompts
{
    [Prompt("Describe the purpose of a '{{program}}' program in one line.")]
    [Inference(MaxTokens = 512, Temperature = 0.5f, TopP = 0.9f)]
    PromptStream<string> DescribeAsync(string program, CancellationToken cancellationToken = default);

    [Prompt("Describe the purpose of a '{{program}}' program in one line.")]
    [Inference(MaxTokens = 512, Temperature = 0.5f, TopP = 0.9f)]
    Task<PromptResponse<string>> DescribeWholeAsync(string program, CancellationToken cancellationToken = default);
}
