using System.Diagnostics;
using System.Globalization;
using PromptGen.Bedrock;
using Xunit.Abstractions;

namespace PromptGen.Testing.Tests;

/// <summary>
/// Many concurrent streams through one BedrockConverseClient against the emulator: each gets its own exact text, and
/// streams abandoned at random points close their connections and leave memory flat.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BedrockEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await BedrockEmulator.StartAsync(new BedrockEmulatorOptions
    {
        // Each call is answered from its own prompt, so that a stream given another's text, or text twice, is caught.
        Responder = request => ConverseScript.Text(AnswerTo(request.Messages[0].Content[0].Text!)).WithDeltaSize(3).WithDeltaDelay(TimeSpan.FromMilliseconds(1)),
    });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Two_hundred_concurrent_streams_through_one_client_each_receive_their_own_exact_text()
    {
        const int Streams = 200;
        using var client = CreateClient();
        var stopwatch = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, Streams).Select(async index =>
        {
            await Task.Yield();
            var prompt = PromptFor(index);
            return (prompt, text: await TestSupport.CollectTextAsync(client.ConverseStreamAsync(RequestFor(prompt))));
        }));

        stopwatch.Stop();
        foreach (var (prompt, text) in results)
        {
            Assert.Equal(AnswerTo(prompt), text);
        }

        // One request per stream: none lost, none retried or sent twice.
        Assert.Equal(Streams, _emulator.Requests.Count);
        Assert.Equal(
            results.Select(result => result.prompt).Order(StringComparer.Ordinal),
            _emulator.Requests.Select(request => request.ConverseRequest!.Messages[0].Content[0].Text!).Order(StringComparer.Ordinal));
        output.WriteLine($"{Streams} concurrent streams of {AnswerTo(PromptFor(0)).Length / 3} deltas each: {stopwatch.ElapsedMilliseconds} ms.");
    }

    [Fact]
    public async Task A_thousand_streams_cancelled_at_random_points_close_their_connections_and_leave_memory_flat()
    {
        const int Streams = 1000;
        const int Concurrency = 50;
        using var client = CreateClient();
        var random = new Random(20261201);

        // A first round warms the pools (HTTP connections, buffers, the thread pool) so growth after it is a leak.
        await RunCancelledStreamsAsync(client, new Random(1), 100, Concurrency);
        await WaitForAsync(() => _emulator.ActiveRequests == 0 && _emulator.OpenConnections == 0);
        var memoryBefore = MeasureMemory();

        var stopwatch = Stopwatch.StartNew();
        var (tokenCancelled, brokenOut) = await RunCancelledStreamsAsync(client, random, Streams, Concurrency);
        stopwatch.Stop();

        // Every stream was abandoned before its end, so none may keep a connection: the pool holds only connections
        // of completed responses, and there are none.
        var settled = await WaitForAsync(() => _emulator.ActiveRequests == 0 && _emulator.OpenConnections == 0);
        Assert.True(settled, $"{_emulator.ActiveRequests} requests still answered, {_emulator.OpenConnections} connections still open.");
        var memoryAfter = MeasureMemory();

        output.WriteLine(
            $"{Streams} streams ({tokenCancelled} by their token, {brokenOut} by leaving the loop), {Concurrency} at a time: " +
            $"{stopwatch.ElapsedMilliseconds} ms; managed heap {memoryBefore / 1024} KiB before, {memoryAfter / 1024} KiB after.");
        Assert.Equal(Streams, tokenCancelled + brokenOut);
        Assert.True(memoryAfter - memoryBefore < 8 * 1024 * 1024, $"The managed heap grew by {(memoryAfter - memoryBefore) / 1024} KiB.");

        // The client is still healthy.
        Assert.Equal(AnswerTo("after"), await TestSupport.CollectTextAsync(client.ConverseStreamAsync(RequestFor("after"))));
    }

    private async Task<(int TokenCancelled, int BrokenOut)> RunCancelledStreamsAsync(BedrockConverseClient client, Random random, int streams, int concurrency)
    {
        var plans = Enumerable.Range(0, streams)
            .Select(index => (prompt: PromptFor(index), byToken: random.Next(2) == 0, afterDeltas: random.Next(0, 20), delayMs: random.Next(0, 15)))
            .ToArray();
        var tokenCancelled = 0;
        var brokenOut = 0;
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(plans.Select(async plan =>
        {
            await gate.WaitAsync();
            try
            {
                var ended = plan.byToken
                    ? await CancelByTokenAsync(client, plan.prompt, plan.afterDeltas, plan.delayMs)
                    : await BreakOutAsync(client, plan.prompt, plan.afterDeltas);
                Interlocked.Increment(ref plan.byToken ? ref tokenCancelled : ref brokenOut);
                Assert.True(ended, $"The stream for '{plan.prompt}' ran to its end although it was abandoned.");
            }
            finally
            {
                gate.Release();
            }
        }));
        return (tokenCancelled, brokenOut);
    }

    // Cancels the token after some deltas and a random pause, wherever the stream then is (reading, or between events).
    private static async Task<bool> CancelByTokenAsync(BedrockConverseClient client, string prompt, int afterDeltas, int delayMs)
    {
        using var cancellation = new CancellationTokenSource();
        var expected = AnswerTo(prompt);
        var text = "";
        try
        {
            var deltas = 0;
            await foreach (var streamEvent in client.ConverseStreamAsync(RequestFor(prompt), cancellation.Token))
            {
                if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { } delta })
                {
                    text += delta;
                    if (++deltas == afterDeltas + 1)
                    {
                        cancellation.CancelAfter(delayMs);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.StartsWith(text, expected, StringComparison.Ordinal);
            return true;
        }

        return false;
    }

    private static async Task<bool> BreakOutAsync(BedrockConverseClient client, string prompt, int afterDeltas)
    {
        var deltas = 0;
        await foreach (var streamEvent in client.ConverseStreamAsync(RequestFor(prompt)))
        {
            if (streamEvent is ContentBlockDeltaEvent && deltas++ == afterDeltas)
            {
                return true;
            }
        }

        return false;
    }

    private long MeasureMemory()
    {
        // The emulator keeps every request it received; those are the test's memory, not the client's.
        _emulator.ClearRequests();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    private BedrockConverseClient CreateClient()
    {
        var options = _emulator.CreateClientOptions();

        // Any retry would hide a lost or duplicated stream.
        options.Retry.MaxAttempts = 1;
        return new BedrockConverseClient(options);
    }

    private static string PromptFor(int index) => string.Create(CultureInfo.InvariantCulture, $"Stream {index:D4}");

    // Long enough (100 deltas of 3 characters, 1 ms apart) that every abandoned stream is abandoned before its end.
    private static string AnswerTo(string prompt) =>
        string.Concat(Enumerable.Range(0, 20).Select(part => string.Create(CultureInfo.InvariantCulture, $"{prompt}#{part:D2};")));

    private static ConverseRequest RequestFor(string prompt) => new()
    {
        ModelId = TestSupport.HaikuModelId,
        Messages = { Message.FromUserText(prompt) },
    };
}
