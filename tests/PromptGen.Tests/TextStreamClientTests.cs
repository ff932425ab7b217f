using System.Runtime.CompilerServices;

namespace PromptGen.Tests;

/// <summary>Generated streaming methods read a client's text-only stream when it offers one, with the same request and token.</summary>
public class TextStreamClientTests
{
    [Fact]
    public async Task A_generated_streaming_method_uses_the_text_stream_of_a_client_that_has_one()
    {
        var client = new TextStreamingClient("Hel", "lo");
        using var cancellation = new CancellationTokenSource();
        var texts = new List<string>();

        await foreach (var text in IHelloPrompts.Create(client).DescribeAsync("hello world", cancellation.Token))
        {
            texts.Add(text);
        }

        Assert.Equal(["Hel", "lo"], texts);
        Assert.Equal(0, client.EventStreams);
        Assert.Equal("Describe the purpose of a 'hello world' program in one line.", client.LastRequest!.Messages[0].Content[0].Text);
        Assert.Equal(cancellation.Token, client.LastToken);
    }

    [Fact]
    public async Task A_generated_Task_method_still_uses_Converse()
    {
        var client = new TextStreamingClient();

        Assert.Equal("whole answer", await ISupportPrompts.Create(client).ReleaseNotesAsync("PromptGen", new Version(1, 0), new DateTime(2026, 12, 1), 10, 4.5, default));
        Assert.Equal(0, client.EventStreams);
    }

    private sealed class TextStreamingClient(params string[] texts) : IConverseTextStreamClient
    {
        public int EventStreams { get; private set; }

        public ConverseRequest? LastRequest { get; private set; }

        public CancellationToken LastToken { get; private set; }

        public Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ConverseResponse
            {
                Output = new ConverseOutput { Message = new Message { Role = ConversationRole.Assistant, Content = { new ContentBlock { Text = "whole answer" } } } },
            });

        public IAsyncEnumerable<ConverseStreamEvent> ConverseStreamAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        {
            EventStreams++;
            throw new InvalidOperationException("The event stream must not be used when a text stream is offered.");
        }

        public async IAsyncEnumerable<string> ConverseStreamTextAsync(ConverseRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            LastRequest = request;
            LastToken = cancellationToken;
            foreach (var text in texts)
            {
                await Task.Yield();
                yield return text;
            }
        }
    }
}
