using System.Diagnostics;
using PromptGen.Bedrock;

namespace PromptGen.Testing.Tests;

/// <summary>First-byte and idle timeouts of BedrockConverseClient against streams the emulator stalls.</summary>
public sealed class TimeoutTests : IAsyncLifetime
{
    private static readonly TimeSpan s_shortTimeout = TimeSpan.FromMilliseconds(500);

    // The first-byte timer covers connecting and sending too, so it gets more room than the idle one: the attempt that
    // must succeed in time runs while the other test assemblies load both cores.
    private static readonly TimeSpan s_firstByteTimeout = TimeSpan.FromSeconds(2);

    private BedrockEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await BedrockEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task A_stream_that_stalls_after_text_fails_with_the_idle_timeout_after_that_text()
    {
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2).StallAfterDeltas(2, Timeout.InfiniteTimeSpan));
        using var client = CreateClient(idleTimeout: s_shortTimeout);
        var stopwatch = Stopwatch.StartNew();

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal("abcd", text);
        var timeout = Assert.IsType<BedrockTimeoutException>(error);
        Assert.Equal(BedrockTimeoutKind.Idle, timeout.Kind);
        Assert.Equal(s_shortTimeout, timeout.Timeout);
        Assert.NotNull(timeout.RequestId);
        Assert.Equal("The Amazon Bedrock response stalled: no bytes arrived for 0.5 s (BedrockClientOptions.IdleTimeout).", timeout.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Took {stopwatch.Elapsed}.");

        // After text, a stall is never retried.
        Assert.Single(_emulator.Requests);
    }

    [Fact]
    public async Task A_stream_that_stalls_after_messageStart_fails_with_the_idle_timeout_and_is_not_retried()
    {
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2).StallAfterDeltas(0, Timeout.InfiniteTimeSpan), ConverseScript.Text("abcdef"));
        using var client = CreateClient(idleTimeout: s_shortTimeout, maxAttempts: 2);

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal("", text);
        Assert.Equal(BedrockTimeoutKind.Idle, Assert.IsType<BedrockTimeoutException>(error).Kind);
        Assert.Single(_emulator.Requests);
    }

    [Fact]
    public async Task Pauses_shorter_than_the_idle_timeout_are_fine()
    {
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2).WithDeltaDelay(TimeSpan.FromMilliseconds(100)));
        using var client = CreateClient(idleTimeout: TimeSpan.FromSeconds(5));

        Assert.Equal("abcdef", await TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));
    }

    [Fact]
    public async Task Time_the_caller_spends_on_an_event_does_not_count_as_idle()
    {
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2));
        using var client = CreateClient(idleTimeout: s_shortTimeout);
        var text = "";

        await foreach (var streamEvent in client.ConverseStreamAsync(TestSupport.HelloWorldRequest()))
        {
            if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { } delta })
            {
                text += delta;
                await Task.Delay(s_shortTimeout * 2);
            }
        }

        Assert.Equal("abcdef", text);
    }

    [Fact]
    public async Task A_Converse_answer_that_never_comes_fails_with_the_first_byte_timeout_on_every_attempt()
    {
        _emulator.Enqueue(
            ConverseScript.Text("late").StallAfterDeltas(0, Timeout.InfiniteTimeSpan),
            ConverseScript.Text("late").StallAfterDeltas(0, Timeout.InfiniteTimeSpan));
        using var attempts = new CountingHandler();
        using var client = CreateClient(firstByteTimeout: s_firstByteTimeout, maxAttempts: 2, handler: attempts);

        var timeout = await Assert.ThrowsAsync<BedrockTimeoutException>(() => client.ConverseAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal(BedrockTimeoutKind.FirstByte, timeout.Kind);
        Assert.Equal("Amazon Bedrock sent no response within 2 s (BedrockClientOptions.FirstByteTimeout).", timeout.Message);

        // Counted as the client sends them: the emulator records a request only once it has read it, which a loaded
        // machine may not have done before the client gives up on the last attempt.
        Assert.Equal(2, attempts.Sent);
    }

    [Fact]
    public async Task A_first_byte_timeout_is_retried_and_the_next_attempt_succeeds()
    {
        _emulator.Enqueue(ConverseScript.Text("late").StallAfterDeltas(0, Timeout.InfiniteTimeSpan), ConverseScript.Text("on time"));
        using var attempts = new CountingHandler();
        using var client = CreateClient(firstByteTimeout: s_firstByteTimeout, maxAttempts: 2, handler: attempts);

        Assert.Equal("on time", (await client.ConverseAsync(TestSupport.HelloWorldRequest())).GetText());
        Assert.Equal(2, attempts.Sent);
    }

    [Fact]
    public async Task The_callers_cancellation_is_an_OperationCanceledException_not_a_timeout()
    {
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2).StallAfterDeltas(1, Timeout.InfiniteTimeSpan));
        using var client = CreateClient(idleTimeout: TimeSpan.FromMinutes(5));
        using var cancellation = new CancellationTokenSource();
        var text = "";

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var streamEvent in client.ConverseStreamAsync(TestSupport.HelloWorldRequest(), cancellation.Token))
            {
                if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { } delta })
                {
                    text += delta;

                    // The stall starts after this delta: give up on it while the client waits for the next.
                    cancellation.CancelAfter(s_shortTimeout);
                }
            }
        });

        Assert.Equal("ab", text);
        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact]
    public void Timeouts_must_be_positive_or_infinite()
    {
        var options = _emulator.CreateClientOptions();
        options.IdleTimeout = TimeSpan.Zero;
        Assert.Equal("IdleTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => new BedrockConverseClient(options)).ParamName);

        options.IdleTimeout = Timeout.InfiniteTimeSpan;
        options.FirstByteTimeout = TimeSpan.FromSeconds(-5);
        Assert.Equal("FirstByteTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => new BedrockConverseClient(options)).ParamName);
    }

    private BedrockConverseClient CreateClient(TimeSpan? firstByteTimeout = null, TimeSpan? idleTimeout = null, int maxAttempts = 1, HttpMessageHandler? handler = null)
    {
        var options = _emulator.CreateClientOptions();
        options.HttpMessageHandler = handler;
        options.FirstByteTimeout = firstByteTimeout ?? options.FirstByteTimeout;
        options.IdleTimeout = idleTimeout ?? options.IdleTimeout;
        options.Retry = new BedrockRetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(5) };
        return new BedrockConverseClient(options);
    }
}

/// <summary>Counts the requests the client sends, whether or not the server ever reads them.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _sent;

    public int Sent => Volatile.Read(ref _sent);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        return base.SendAsync(request, cancellationToken);
    }
}
