using System.Text;

namespace PromptGen.Tests;

/// <summary>The raw return types: every stream event unfiltered, and the whole Converse response.</summary>
public class RawResultTests
{
    [Fact]
    public async Task A_stream_of_ConverseStreamEvent_yields_every_event_in_order()
    {
        var client = new RecordingConverseClient("Hello", " world");
        var prompts = IRawPrompts.Create(client);

        var events = new List<ConverseStreamEvent>();
        await foreach (var streamEvent in prompts.DescribeEventsAsync("hello world"))
        {
            events.Add(streamEvent);
        }

        Assert.Collection(
            events,
            e => Assert.Equal(ConversationRole.Assistant, Assert.IsType<MessageStartEvent>(e).Role),
            e => Assert.Equal("Hello", Assert.IsType<ContentBlockDeltaEvent>(e).Delta!.Text),
            e => Assert.Equal(" world", Assert.IsType<ContentBlockDeltaEvent>(e).Delta!.Text),
            e => Assert.Equal(0, Assert.IsType<ContentBlockStopEvent>(e).ContentBlockIndex),
            e => Assert.Equal(StopReason.EndTurn, Assert.IsType<MessageStopEvent>(e).StopReason),
            e => Assert.Equal(5, Assert.IsType<MetadataEvent>(e).Usage!.TotalTokens));
        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"Describe hello world."}]}],"system":[{"text":"You are terse."}]}""",
            Encoding.UTF8.GetString(ConverseJson.SerializeRequest(Assert.Single(client.Requests))));
    }

    [Fact]
    public async Task Both_the_method_token_and_WithCancellation_cancel_an_event_stream()
    {
        var client = new RecordingConverseClient("a", "b") { Gate = new TaskCompletionSource() };
        var prompts = IRawPrompts.Create(client);
        using var methodToken = new CancellationTokenSource();
        using var enumeratorToken = new CancellationTokenSource();

        // What WithCancellation does: the token reaches GetAsyncEnumerator.
        var enumerator = prompts.DescribeEventsAsync("x", methodToken.Token).GetAsyncEnumerator(enumeratorToken.Token);
        Assert.True(await enumerator.MoveNextAsync());
        Assert.True(await enumerator.MoveNextAsync());
        var next = enumerator.MoveNextAsync().AsTask();
        await enumeratorToken.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        Assert.True(client.LastToken.IsCancellationRequested);
        Assert.False(methodToken.IsCancellationRequested);
        await enumerator.DisposeAsync();
    }

    [Fact]
    public async Task A_Task_of_ConverseResponse_returns_the_whole_response_and_passes_the_token()
    {
        var client = new RecordingConverseClient("Logging, ", "testing.");
        var prompts = IRawPrompts.Create(client);
        using var cancellation = new CancellationTokenSource();

        var response = await prompts.ListUsesResponseAsync("templates", cancellation.Token);

        Assert.Equal(StopReason.EndTurn, response.StopReason);
        Assert.Equal(["Logging, ", "testing."], response.Output!.Message!.Content.Select(block => block.Text));
        Assert.Equal(cancellation.Token, client.LastToken);
        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"Name three uses of templates."}]}],"system":[{"text":"You are terse."}]}""",
            Encoding.UTF8.GetString(ConverseJson.SerializeRequest(Assert.Single(client.Requests))));
    }
}
