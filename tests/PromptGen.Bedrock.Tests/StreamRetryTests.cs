using PromptGen.Bedrock.Tests.Loopback;
using static PromptGen.Bedrock.Tests.Loopback.LoopbackTestSupport;

namespace PromptGen.Bedrock.Tests;

/// <summary>
/// Failures of a ConverseStream response after its headers but before its first event are retried; the caller sees
/// the answer of the attempt that worked, exactly once. Failures after the first event are the caller's.
/// </summary>
public sealed class StreamRetryTests
{
    [Fact]
    public async Task A_connection_that_ends_before_the_first_frame_is_retried()
    {
        await using var server = StartFailingFirst(exchange => exchange.WriteStreamHeadAsync());
        using var client = CreateClient(server, maxAttempts: 3);
        var events = new List<ConverseStreamEvent>();

        Assert.Equal(BasicAnswer, await CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest()), events));

        Assert.Equal(2, server.Requests.Count);
        Assert.Single(events.OfType<MessageStartEvent>());
    }

    [Fact]
    public async Task An_exception_frame_sent_as_the_first_frame_is_retried()
    {
        await using var server = StartFailingFirst(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteChunkAsync(EventStreamFrameEncoder.Exception("throttlingException", """{"message":"Too many tokens, please wait before trying again."}"""));
            await exchange.EndChunkedBodyAsync();
        });
        using var client = CreateClient(server, maxAttempts: 3);

        Assert.Equal(BasicAnswer, await CollectTextOnlyAsync(client.ConverseStreamTextAsync(HelloWorldRequest())));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_stream_that_stalls_before_the_first_frame_is_retried_after_the_idle_timeout()
    {
        await using var server = StartFailingFirst(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WaitForClientCloseAsync(TimeSpan.FromSeconds(30));
        });
        using var client = CreateClient(server, maxAttempts: 3, idleTimeout: TimeSpan.FromSeconds(1));

        Assert.Equal(BasicAnswer, await CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest())));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_non_transient_exception_frame_sent_first_is_thrown_at_once()
    {
        await using var server = StartFailingFirst(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteChunkAsync(EventStreamFrameEncoder.Exception("validationException", """{"message":"Malformed input request."}"""));
            await exchange.EndChunkedBodyAsync();
        });
        using var client = CreateClient(server, maxAttempts: 3);

        var exception = await Assert.ThrowsAsync<ValidationException>(() => CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest())));

        Assert.Equal("Malformed input request.", exception.Message);
        Assert.Single(server.Requests);
    }

    // The first request fails as scripted; every later one streams the basic recording.
    private static LoopbackBedrockServer StartFailingFirst(Func<LoopbackExchange, Task> failFirst)
    {
        var requests = 0;
        var recording = BasicRecording;
        return LoopbackBedrockServer.Start(async exchange =>
        {
            if (Interlocked.Increment(ref requests) == 1)
            {
                await failFirst(exchange);
                return;
            }

            await exchange.WriteStreamHeadAsync();
            await exchange.WriteInSlicesAsync(recording, 7, 64);
            await exchange.EndChunkedBodyAsync();
        });
    }

    private static async Task<string> CollectTextOnlyAsync(IAsyncEnumerable<string> texts)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var delta in texts)
        {
            text.Append(delta);
        }

        return text.ToString();
    }
}
