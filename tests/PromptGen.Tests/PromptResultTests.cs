using System.Runtime.CompilerServices;
using System.Text;

namespace PromptGen.Tests;

/// <summary>PromptStream&lt;string&gt; and PromptResponse&lt;string&gt;: the answer with what Bedrock said about it.</summary>
public class PromptResultTests
{
    [Fact]
    public async Task A_PromptStream_streams_the_deltas_then_has_the_stop_reason_usage_metrics_and_reasoning()
    {
        var client = new ScriptedEventsClient(
            new MessageStartEvent { Role = ConversationRole.Assistant },
            new ContentBlockDeltaEvent { ContentBlockIndex = 0, Delta = new ContentBlockDelta { ReasoningContent = new ReasoningContentBlockDelta { Text = "Think, " } } },
            new ContentBlockDeltaEvent { ContentBlockIndex = 0, Delta = new ContentBlockDelta { ReasoningContent = new ReasoningContentBlockDelta { Text = "then answer." } } },
            new ContentBlockStopEvent { ContentBlockIndex = 0 },
            new ContentBlockDeltaEvent { ContentBlockIndex = 1, Delta = new ContentBlockDelta { Text = "Hello" } },
            new ContentBlockDeltaEvent { ContentBlockIndex = 1, Delta = new ContentBlockDelta { Text = "" } },
            new ContentBlockDeltaEvent { ContentBlockIndex = 1, Delta = new ContentBlockDelta { Text = " world" } },
            new ContentBlockStopEvent { ContentBlockIndex = 1 },
            new MessageStopEvent { StopReason = StopReason.MaxTokens },
            new MetadataEvent { Usage = new TokenUsage { InputTokens = 7, OutputTokens = 4, TotalTokens = 11 }, Metrics = new ConverseStreamMetrics { LatencyMs = 42 } });
        var prompts = IResponsePrompts.Create(client);

        var stream = prompts.DescribeAsync("hello world");
        Assert.Empty(client.Requests);
        Assert.False(stream.IsCompleted);
        Assert.Null(stream.StopReason);

        var deltas = new List<string>();
        await foreach (var delta in stream)
        {
            deltas.Add(delta);
        }

        Assert.Equal(["Hello", " world"], deltas);
        Assert.True(stream.IsCompleted);
        Assert.Equal(StopReason.MaxTokens, stream.StopReason);
        Assert.Equal((7, 4, 11), (stream.Usage!.InputTokens, stream.Usage.OutputTokens, stream.Usage.TotalTokens));
        Assert.Equal(42, stream.Metrics!.LatencyMs);
        Assert.Equal("Think, then answer.", stream.ReasoningText);
        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"Describe hello world."}]}]}""",
            Encoding.UTF8.GetString(ConverseJson.SerializeRequest(Assert.Single(client.Requests))));
    }

    [Fact]
    public async Task A_PromptStream_can_be_enumerated_once()
    {
        var client = new RecordingConverseClient("once");
        var stream = IResponsePrompts.Create(client).DescribeAsync("x");

        Assert.Equal(["once"], await stream.ToListAsync());
        var error = Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
        Assert.StartsWith("This PromptStream has already been enumerated", error.Message, StringComparison.Ordinal);
        Assert.Single(client.Requests);
        Assert.Null(stream.ReasoningText);
    }

    [Fact]
    public async Task A_PromptStream_left_early_is_not_completed_and_the_tokens_both_reach_the_call()
    {
        var client = new RecordingConverseClient("a", "b", "c");
        using var methodToken = new CancellationTokenSource();
        using var enumeratorToken = new CancellationTokenSource();
        var stream = IResponsePrompts.Create(client).DescribeAsync("x", methodToken.Token);

        await foreach (var delta in stream.WithCancellation(enumeratorToken.Token))
        {
            Assert.Equal("a", delta);

            // The call runs under a token linked to both: cancelling the enumerator's reaches it.
            Assert.False(client.LastToken.IsCancellationRequested);
            await enumeratorToken.CancelAsync();
            Assert.True(client.LastToken.IsCancellationRequested);
            break;
        }

        Assert.False(stream.IsCompleted);
        Assert.Null(stream.StopReason);
        Assert.False(methodToken.IsCancellationRequested);
    }

    [Fact]
    public async Task A_PromptResponse_has_the_text_and_everything_Bedrock_said_about_it()
    {
        var response = new ConverseResponse
        {
            Output = new ConverseOutput
            {
                Message = new Message
                {
                    Role = ConversationRole.Assistant,
                    Content =
                    [
                        new ContentBlock { ReasoningContent = new ReasoningContentBlock { ReasoningText = new ReasoningTextBlock { Text = "Because." } } },
                        new ContentBlock { Text = "Logging, " },
                        new ContentBlock { Text = "testing." },
                    ],
                },
            },
            StopReason = StopReason.EndTurn,
            Usage = new TokenUsage { InputTokens = 5, OutputTokens = 3, TotalTokens = 8 },
            Metrics = new ConverseMetrics { LatencyMs = 120 },
        };
        var client = new ScriptedEventsClient { Response = response };
        using var cancellation = new CancellationTokenSource();

        var result = await IResponsePrompts.Create(client).ListUsesAsync("templates", cancellation.Token);

        Assert.Equal("Logging, testing.", result.Value);
        Assert.Equal("Logging, testing.", result.Text);
        Assert.Equal(StopReason.EndTurn, result.StopReason);
        Assert.Equal(8, result.Usage!.TotalTokens);
        Assert.Equal(120, result.Metrics!.LatencyMs);
        Assert.Equal("Because.", result.ReasoningText);
        Assert.Same(response, result.Response);
        Assert.Equal(cancellation.Token, client.LastToken);
    }

    /// <summary>Plays fixed events for ConverseStream and a fixed response for Converse.</summary>
    private sealed class ScriptedEventsClient(params ConverseStreamEvent[] events) : IConverseClient
    {
        public List<ConverseRequest> Requests { get; } = [];

        public ConverseResponse? Response { get; init; }

        public CancellationToken LastToken { get; private set; }

        public Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            LastToken = cancellationToken;
            return Task.FromResult(Response ?? throw new InvalidOperationException("No response scripted."));
        }

        public async IAsyncEnumerable<ConverseStreamEvent> ConverseStreamAsync(ConverseRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            LastToken = cancellationToken;
            foreach (var streamEvent in events)
            {
                await Task.Yield();
                yield return streamEvent;
            }
        }
    }
}
