namespace PromptGen.Tests;

// Real prompt interfaces, implemented by the generator when this project builds.

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

[PromptClient]
[Model("amazon.nova-lite-v1:0")]
[SystemPrompt("You are a concise assistant for {{product}}.")]
[Inference(MaxTokens = 256, Temperature = 0.2f)]
public partial interface ISupportPrompts
{
    [Prompt("Answer: {{question}}")]
    IAsyncEnumerable<string> AnswerAsync(string product, string question);

    [Model("amazon.nova-pro-v1:0")]
    [SystemPrompt("You write release notes.")]
    [Inference(Temperature = 0.7f, StopSequences = new[] { "END" })]
    [Prompt("Summarize {{product}} {{version}}, released {{released:yyyy-MM-dd}}, {{downloads:N0}} downloads, rated {{rating}}.")]
    Task<string> ReleaseNotesAsync(string product, Version version, DateTime released, long downloads, double rating, CancellationToken cancellationToken);
}

[PromptClient]
public partial interface IUnboundModelPrompts
{
#pragma warning disable PG0010 // The model comes from PromptClientOptions in these tests, on purpose.
    [Prompt("Hi {{name}}")]
    Task<string> GreetAsync(string name);
#pragma warning restore PG0010
}

[PromptClient]
[Model("anthropic.claude-3-haiku-20240307-v1:0")]
[SystemPrompt("You are terse.")]
public partial interface IRawPrompts
{
    [Prompt("Describe {{program}}.")]
    IAsyncEnumerable<ConverseStreamEvent> DescribeEventsAsync(string program, CancellationToken cancellationToken = default);

    [Prompt("Name three uses of {{topic}}.")]
    Task<ConverseResponse> ListUsesResponseAsync(string topic, CancellationToken cancellationToken = default);
}

[PromptClient]
[Model("anthropic.claude-3-haiku-20240307-v1:0")]
public partial interface IResponsePrompts
{
    [Prompt("Describe {{program}}.")]
    PromptStream<string> DescribeAsync(string program, CancellationToken cancellationToken = default);

    [Prompt("Name three uses of {{topic}}.")]
    Task<PromptResponse<string>> ListUsesAsync(string topic, CancellationToken cancellationToken = default);
}
