using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using PromptGen.Bedrock;

namespace PromptGen.Testing.Tests;

/// <summary>
/// AWS standard retries in BedrockConverseClient against faults the emulator injects: what is retried, how often,
/// and that no text is ever delivered twice.
/// </summary>
public sealed class RetryTests : IAsyncLifetime
{
    private BedrockEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await BedrockEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public static TheoryData<string, int> TransientServiceErrors => new()
    {
        { "ThrottlingException", 429 },
        { "ModelNotReadyException", 429 },
        { "InternalServerException", 500 },
        { "ServiceUnavailableException", 503 },
    };

    [Theory]
    [MemberData(nameof(TransientServiceErrors))]
    public async Task A_transient_error_before_the_stream_is_retried_and_the_text_arrives_once(string errorType, int status)
    {
        _emulator.Enqueue(ConverseScript.Error(errorType, "Try again."), ConverseScript.Text("abcdef").WithDeltaSize(2));
        using var client = CreateClient();

        Assert.Equal("abcdef", await TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));

        Assert.Equal([status, 200], _emulator.Requests.Select(request => request.StatusCode));
    }

    [Fact]
    public async Task An_unmodelled_5xx_is_retried_too()
    {
        _emulator.Enqueue(ConverseScript.Error("BadGatewayException", "Bad gateway.", 502), ConverseScript.Text("ok"));
        using var client = CreateClient();

        Assert.Equal("ok", await TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));
        Assert.Equal(2, _emulator.Requests.Count);
    }

    [Fact]
    public async Task Converse_is_retried_after_throttling()
    {
        _emulator.Enqueue(ConverseScript.Throttling(), ConverseScript.Throttling(), ConverseScript.Text("third time"));
        using var client = CreateClient();

        Assert.Equal("third time", (await client.ConverseAsync(TestSupport.HelloWorldRequest())).GetText());
        Assert.Equal(3, _emulator.Requests.Count);
    }

    [Fact]
    public async Task Three_attempts_by_default_then_the_last_error_is_thrown()
    {
        _emulator.Enqueue(Enumerable.Range(0, 4).Select(_ => ConverseScript.Throttling()).ToArray());
        using var client = CreateClient(maxAttempts: null);

        var error = await Assert.ThrowsAsync<ThrottlingException>(() => TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(3, _emulator.Requests.Count);
    }

    [Fact]
    public async Task MaxAttempts_is_honoured()
    {
        _emulator.Enqueue(Enumerable.Range(0, 6).Select(_ => ConverseScript.Throttling()).ToArray());
        using var client = CreateClient(maxAttempts: 5);

        await Assert.ThrowsAsync<ThrottlingException>(() => client.ConverseAsync(TestSupport.HelloWorldRequest()));
        Assert.Equal(5, _emulator.Requests.Count);
    }

    [Theory]
    [InlineData("ValidationException")]
    [InlineData("AccessDeniedException")]
    [InlineData("ResourceNotFoundException")]
    [InlineData("ServiceQuotaExceededException")]
    [InlineData("ModelTimeoutException")]
    [InlineData("ModelErrorException")]
    public async Task An_error_a_retry_cannot_fix_is_thrown_at_once(string errorType)
    {
        _emulator.Enqueue(ConverseScript.Error(errorType, "No."), ConverseScript.Text("never sent"));
        using var client = CreateClient();

        var error = await Assert.ThrowsAnyAsync<BedrockException>(() => TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));

        Assert.Equal(errorType, error.ErrorCode);
        Assert.Single(_emulator.Requests);
    }

    [Theory]
    [InlineData("throttlingException")]
    [InlineData("serviceUnavailableException")]
    [InlineData("internalServerException")]
    public async Task A_transient_exception_frame_after_the_stream_started_is_thrown_and_not_retried(string exceptionType)
    {
        // The emulator sends messageStart, then the exception: the stream had started, so it is the caller's.
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2).FailAfterDeltas(0, exceptionType, "Try again."), ConverseScript.Text("abcdef"));
        using var client = CreateClient();
        var events = new List<ConverseStreamEvent>();

        var error = await Record.ExceptionAsync(() => TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()), events));

        Assert.Equal("Try again.", Assert.IsAssignableFrom<BedrockException>(error).Message);
        Assert.IsType<MessageStartEvent>(Assert.Single(events));
        Assert.Single(_emulator.Requests);
    }

    [Fact]
    public async Task A_transient_exception_after_text_is_thrown_and_never_retried()
    {
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2).FailAfterDeltas(2, "throttlingException", "Slow down."), ConverseScript.Text("abcdef"));
        using var client = CreateClient();

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal("abcd", text);
        Assert.Equal("Slow down.", Assert.IsType<ThrottlingException>(error).Message);
        Assert.Single(_emulator.Requests);
    }

    [Fact]
    public async Task A_connection_dropped_after_messageStart_is_thrown_and_not_retried()
    {
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2).DropConnectionAfterDeltas(0), ConverseScript.Text("abcdef"));
        using var client = CreateClient();

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal("", text);
        Assert.IsType<HttpIOException>(Assert.IsType<BedrockConnectionException>(error).InnerException);
        Assert.Single(_emulator.Requests);
    }

    [Fact]
    public async Task A_connection_dropped_after_text_is_thrown_and_never_retried()
    {
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2).DropConnectionAfterDeltas(2), ConverseScript.Text("abcdef"));
        using var client = CreateClient();

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal("abcd", text);
        Assert.IsType<HttpIOException>(Assert.IsType<BedrockConnectionException>(error).InnerException);
        Assert.Single(_emulator.Requests);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported_as_a_BedrockConnectionException_with_one_log_entry_per_retry()
    {
        // A port nothing listens on: every attempt is refused at once. The handler counts what the client sends.
        var port = TestSupport.GetUnusedPort();
        using var counting = new CountingHandler();
        var logs = new RecordingLoggerFactory();
        var options = _emulator.CreateClientOptions();
        options.Endpoint = new Uri($"http://127.0.0.1:{port}");
        options.HttpMessageHandler = counting;
        options.LoggerFactory = logs;
        options.Retry = new BedrockRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) };
        using var client = new BedrockConverseClient(options);

        var error = await Assert.ThrowsAsync<BedrockConnectionException>(() => client.ConverseAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal(3, counting.Sent);
        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        var inner = Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal($"The request to Amazon Bedrock at http://127.0.0.1:{port} failed before a response arrived: {inner.Message}", error.Message);
        Assert.Null(error.ErrorCode);
        Assert.Null(error.StatusCode);

        // One warning per retry (two for three attempts), naming the attempt, the error and the delay; none for the last.
        Assert.Collection(
            logs.Entries,
            entry => AssertRetryEntry(entry, attempt: 1),
            entry => AssertRetryEntry(entry, attempt: 2));

        void AssertRetryEntry(RecordingLoggerFactory.Entry entry, int attempt)
        {
            Assert.Equal("PromptGen.Bedrock.BedrockConverseClient", entry.Category);
            Assert.Equal(LogLevel.Warning, entry.Level);
            Assert.Equal(new EventId(1, "BedrockRetry"), entry.EventId);
            Assert.IsType<BedrockConnectionException>(entry.Exception);
            Assert.Equal("Converse", entry.State["Operation"]);
            Assert.Equal(TestSupport.HaikuModelId, entry.State["ModelId"]);
            Assert.Equal(attempt, entry.State["Attempt"]);
            Assert.Equal(3, entry.State["MaxAttempts"]);
            Assert.Equal(nameof(BedrockConnectionException), entry.State["Error"]);
            var delay = Assert.IsType<long>(entry.State["DelayMilliseconds"]);
            Assert.InRange(delay, 0, 1L << attempt);
            Assert.Equal(
                $"Bedrock Converse call to model {TestSupport.HaikuModelId} failed on attempt {attempt} of 3 with BedrockConnectionException: " +
                $"{entry.Exception!.Message} Retrying in {delay} ms.",
                entry.Message);
        }
    }

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError, 3)]
    [InlineData(HttpRequestError.ConnectionError, 3)]
    [InlineData(HttpRequestError.SecureConnectionError, 1)]
    [InlineData(HttpRequestError.ProxyTunnelError, 1)]
    public async Task Network_failures_are_BedrockConnectionExceptions_retried_only_where_another_attempt_can_help(HttpRequestError kind, int attempts)
    {
        var handler = new FailingHandler(kind);
        var options = _emulator.CreateClientOptions();
        options.HttpMessageHandler = handler;
        options.Retry = new BedrockRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) };
        using var client = new BedrockConverseClient(options);

        var error = await Assert.ThrowsAsync<BedrockConnectionException>(
            async () => await TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));

        Assert.Equal(attempts, handler.Sent);
        Assert.Equal(kind, error.HttpRequestError);
        Assert.Same(handler.Thrown, error.InnerException);
        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public async Task A_throttled_stream_that_succeeds_on_retry_logs_the_retry_with_the_error_code()
    {
        _emulator.Enqueue(ConverseScript.Throttling(), ConverseScript.Text("after the retry"));
        var logs = new RecordingLoggerFactory();
        var options = _emulator.CreateClientOptions();
        options.LoggerFactory = logs;
        options.Retry = new BedrockRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) };
        using var client = new BedrockConverseClient(options);

        Assert.Equal("after the retry", await TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));

        var entry = Assert.Single(logs.Entries);
        Assert.Equal("ConverseStream", entry.State["Operation"]);
        Assert.Equal("ThrottlingException", entry.State["Error"]);
        Assert.Equal(1, entry.State["Attempt"]);
        Assert.IsType<ThrottlingException>(entry.Exception);
    }

    [Fact]
    public async Task Nothing_is_logged_when_no_retry_happens()
    {
        var logs = new RecordingLoggerFactory();
        var options = _emulator.CreateClientOptions();
        options.LoggerFactory = logs;
        using var client = new BedrockConverseClient(options);

        Assert.Equal(ConverseScript.HelloWorldAnswer, (await client.ConverseAsync(TestSupport.HelloWorldRequest())).GetText());
        Assert.Empty(logs.Entries);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_backoff_at_once_and_is_not_retried()
    {
        _emulator.Enqueue(ConverseScript.Throttling(), ConverseScript.Text("too late"));
        var options = _emulator.CreateClientOptions();
        options.Retry = new BedrockRetryOptions { BaseDelay = TimeSpan.FromMinutes(10), MaxDelay = TimeSpan.FromMinutes(10) };
        using var client = new BedrockConverseClient(options);
        using var cancellation = new CancellationTokenSource();

        var call = client.ConverseAsync(TestSupport.HelloWorldRequest(), cancellation.Token);

        // The first attempt was throttled; the client now backs off for a random time of up to ten minutes.
        while (_emulator.Requests.Count == 0)
        {
            await Task.Delay(10);
        }

        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Took {stopwatch.Elapsed}.");
        Assert.Single(_emulator.Requests);
    }

    [Fact]
    public async Task The_retry_quota_stops_retrying_when_the_service_keeps_failing()
    {
        // AWS standard mode: a 500-token bucket, 5 tokens a retry. With every call throttled and two attempts a call,
        // the first 100 calls retry once each; after that the bucket is empty and calls fail at their first attempt.
        await using var emulator = await BedrockEmulator.StartAsync(new BedrockEmulatorOptions { DefaultScript = ConverseScript.Throttling() });
        var options = emulator.CreateClientOptions();
        options.Retry = new BedrockRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.Zero };
        using var client = new BedrockConverseClient(options);

        for (var call = 0; call < 100; call++)
        {
            await Assert.ThrowsAsync<ThrottlingException>(() => client.ConverseAsync(TestSupport.HelloWorldRequest()));
        }

        Assert.Equal(200, emulator.Requests.Count);
        await Assert.ThrowsAsync<ThrottlingException>(() => client.ConverseAsync(TestSupport.HelloWorldRequest()));
        Assert.Equal(201, emulator.Requests.Count);
    }

    [Fact]
    public async Task Successes_refill_the_retry_quota()
    {
        var throttling = true;
        await using var emulator = await BedrockEmulator.StartAsync(new BedrockEmulatorOptions
        {
            Responder = _ => Volatile.Read(ref throttling) ? ConverseScript.Throttling() : ConverseScript.Text("ok"),
        });
        var options = emulator.CreateClientOptions();
        options.Retry = new BedrockRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.Zero };
        using var client = new BedrockConverseClient(options);
        for (var call = 0; call < 100; call++)
        {
            await Assert.ThrowsAsync<ThrottlingException>(() => client.ConverseAsync(TestSupport.HelloWorldRequest()));
        }

        // Five first-try successes return five tokens: enough for exactly one more retry.
        Volatile.Write(ref throttling, false);
        for (var call = 0; call < 5; call++)
        {
            Assert.Equal("ok", (await client.ConverseAsync(TestSupport.HelloWorldRequest())).GetText());
        }

        Volatile.Write(ref throttling, true);
        emulator.ClearRequests();
        await Assert.ThrowsAsync<ThrottlingException>(() => client.ConverseAsync(TestSupport.HelloWorldRequest()));
        await Assert.ThrowsAsync<ThrottlingException>(() => client.ConverseAsync(TestSupport.HelloWorldRequest()));
        Assert.Equal(3, emulator.Requests.Count);
    }

    [Fact]
    public async Task In_adaptive_mode_a_throttled_stream_is_retried_under_the_send_rate_limiter()
    {
        _emulator.Enqueue(ConverseScript.Throttling(), ConverseScript.Throttling(), ConverseScript.Text("paced"));
        var options = _emulator.CreateClientOptions();
        options.Retry = new BedrockRetryOptions { Mode = BedrockRetryMode.Adaptive, MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) };
        using var client = new BedrockConverseClient(options);
        Assert.False(client.Retry.SendRate!.IsLimiting);

        Assert.Equal("paced", await TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));

        // The throttles turned the limiter on, and it stays on for the client's later calls. How long each attempt waits
        // for a token is the bucket's arithmetic on the client's clock, asserted on a fake clock in AdaptiveSendRateTests
        // (a wall-clock bound here failed whenever the measured send rate let a token refill early).
        Assert.True(client.Retry.SendRate.IsLimiting);
        Assert.Equal([429, 429, 200], _emulator.Requests.Select(request => request.StatusCode));
    }

    private BedrockConverseClient CreateClient(int? maxAttempts = 3)
    {
        var options = _emulator.CreateClientOptions();

        // Backoff is jittered between zero and this; tests keep it short.
        options.Retry = new BedrockRetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(5) };
        return new BedrockConverseClient(options);
    }
}

/// <summary>Fails every request the way SocketsHttpHandler reports a network failure of the given kind.</summary>
internal sealed class FailingHandler(HttpRequestError kind) : HttpMessageHandler
{
    private int _sent;

    public int Sent => Volatile.Read(ref _sent);

    public HttpRequestException? Thrown { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        Thrown = new HttpRequestException(kind, $"Simulated {kind} ({request.RequestUri!.Authority})");
        return Task.FromException<HttpResponseMessage>(Thrown);
    }
}
