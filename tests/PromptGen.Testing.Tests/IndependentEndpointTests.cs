using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptGen.Bedrock;
using PromptGen.Bedrock.EventStream;

namespace PromptGen.Testing.Tests;

/// <summary>
/// <see cref="BedrockConverseClient"/> against a Bedrock endpoint that shares no code with PromptGen: AwsSdkJs/bedrock-endpoint.mjs
/// verifies every request by re-signing it with AWS's own SigV4 signer (@smithy/signature-v4) and encodes every frame
/// with AWS's own event-stream codec (@smithy/core). It replays the recorded Bedrock streams, written in random
/// slices, and injects faults.
/// </summary>
public sealed class IndependentEndpointTests(IndependentBedrockEndpoint endpoint) : IClassFixture<IndependentBedrockEndpoint>
{
    public static TheoryData<string, int> RecordingsAndSlices()
    {
        var data = new TheoryData<string, int>();
        foreach (var recording in Recording.Names)
        {
            // 0 writes the whole stream at once; 1 writes a byte at a time; 7 writes random slices of 1 to 7 bytes.
            foreach (var slice in new[] { 0, 1, 7 })
            {
                data.Add(recording, slice);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RecordingsAndSlices))]
    public async Task A_recorded_stream_encoded_by_AWSs_codec_yields_its_exact_text_tool_input_reasoning_stop_reason_and_usage(string name, int slice)
    {
        var recording = Recording.Load(name);
        await endpoint.ScriptAsync(new JsonObject { ["events"] = recording.Events(), ["slice"] = slice, ["seed"] = name.Length });
        using var client = endpoint.CreateClient();

        var received = new List<ConverseStreamEvent>();
        var text = await TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()), received);

        Assert.Equal(recording.Text, text);
        Assert.Equal(recording.ToolInput, string.Concat(received.OfType<ContentBlockDeltaEvent>().Select(e => e.Delta?.ToolUse?.Input)));
        Assert.Equal(recording.ReasoningText, string.Concat(received.OfType<ContentBlockDeltaEvent>().Select(e => e.Delta?.ReasoningContent?.Text)));
        Assert.Equal(recording.StopReason, Assert.Single(received.OfType<MessageStopEvent>()).StopReason.ToString());
        var usage = Assert.Single(received.OfType<MetadataEvent>()).Usage!;
        Assert.Equal(recording.Usage, (usage.InputTokens, usage.OutputTokens, usage.TotalTokens));
        Assert.Equal(recording.Events().Count, received.Count);
        Assert.True((await endpoint.ReceivedAsync()).Last().Verified, "AWS's signer computed a different signature.");
    }

    [Theory]
    [MemberData(nameof(RecordingsAndSlices))]
    public async Task The_text_only_stream_of_a_recording_is_its_exact_text(string name, int slice)
    {
        var recording = Recording.Load(name);
        await endpoint.ScriptAsync(new JsonObject { ["events"] = recording.Events(), ["slice"] = slice, ["seed"] = name.Length + 1 });
        using var client = endpoint.CreateClient();

        var text = new StringBuilder();
        await foreach (var delta in client.ConverseStreamTextAsync(TestSupport.HelloWorldRequest()))
        {
            text.Append(delta);
        }

        Assert.Equal(recording.Text, text.ToString());
    }

    [Fact]
    public async Task A_Converse_answer_is_its_exact_text_and_the_request_AWSs_signer_verified_is_the_hello_world()
    {
        var recording = Recording.Load("should-handle-basic-converse-stream-responses");
        await endpoint.ScriptAsync(new JsonObject { ["events"] = recording.Events() });
        using var client = endpoint.CreateClient();

        var response = await client.ConverseAsync(TestSupport.HelloWorldRequest());

        Assert.Equal(recording.Text, response.GetText());
        Assert.Equal(recording.StopReason, response.StopReason.ToString());
        var request = (await endpoint.ReceivedAsync()).Last();
        Assert.Equal(("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", "converse", true), (request.Path, request.Operation, request.Verified));
        Assert.Equal(TestSupport.HelloWorldBody, request.Body);
    }

    [Theory]
    [InlineData("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0",
        "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream")]
    [InlineData("amazon.nova-lite-v1:0", "/model/amazon.nova-lite-v1%3A0/converse-stream")]
    public async Task AWSs_signer_agrees_with_the_signature_over_an_encoded_model_id(string modelId, string path)
    {
        var recording = Recording.Load("should-handle-system-prompts-with-streaming-responses");
        await endpoint.ScriptAsync(new JsonObject { ["events"] = recording.Events() });
        using var client = endpoint.CreateClient();
        var request = TestSupport.HelloWorldRequest();
        request.ModelId = modelId;

        Assert.Equal(recording.Text, await TestSupport.CollectTextAsync(client.ConverseStreamAsync(request)));
        var received = (await endpoint.ReceivedAsync()).Last();
        Assert.Equal((path, true), (received.Path, received.Verified));
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_AWSs_signer_and_surfaces_as_InvalidSignatureException()
    {
        using var client = endpoint.CreateClient(secretKey: "not-the-endpoint-secret");

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal(("InvalidSignatureException", HttpStatusCode.Forbidden), (error.ErrorCode, error.StatusCode));
        Assert.False((await endpoint.ReceivedAsync()).Last().Verified);
    }

    [Theory]
    [InlineData(429, "ThrottlingException")]
    [InlineData(429, "ModelNotReadyException")]
    [InlineData(500, "InternalServerException")]
    [InlineData(503, "ServiceUnavailableException")]
    public async Task A_transient_HTTP_error_is_retried_and_the_text_arrives_once(int status, string errorType)
    {
        var recording = Recording.Load("should-handle-basic-converse-stream-responses");
        await endpoint.ScriptAsync(
            new JsonObject { ["httpError"] = new JsonObject { ["status"] = status, ["type"] = errorType, ["message"] = "Try again." } },
            new JsonObject { ["events"] = recording.Events(), ["slice"] = 5 });
        using var client = endpoint.CreateClient(maxAttempts: 3);
        var before = (await endpoint.ReceivedAsync()).Count;

        Assert.Equal(recording.Text, await TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));
        Assert.Equal(2, (await endpoint.ReceivedAsync()).Count - before);
    }

    [Fact]
    public async Task A_non_transient_HTTP_error_is_thrown_typed_with_its_status_message_and_request_id()
    {
        await endpoint.ScriptAsync(new JsonObject
        {
            ["httpError"] = new JsonObject { ["status"] = 404, ["type"] = "ResourceNotFoundException", ["message"] = "Model not found." },
        });
        using var client = endpoint.CreateClient(maxAttempts: 3);

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));

        Assert.Equal(("ResourceNotFoundException", HttpStatusCode.NotFound, "Model not found.", "independent-endpoint-request"),
            (error.ErrorCode, error.StatusCode, error.Message, error.RequestId));
    }

    [Theory]
    [MemberData(nameof(ClientAgainstEmulatorTests.StreamExceptions), MemberType = typeof(ClientAgainstEmulatorTests))]
    public async Task An_exception_frame_after_text_is_thrown_typed_after_that_text(string exceptionType, Type expected)
    {
        var recording = Recording.Load("should-handle-amazon-nova-models-with-streaming");
        await endpoint.ScriptAsync(
            new JsonObject
            {
                ["events"] = recording.Events(),
                ["exceptionAfter"] = 6,
                ["exception"] = new JsonObject { ["type"] = exceptionType, ["message"] = $"Injected {exceptionType}." },
                ["slice"] = 3,
            },
            new JsonObject { ["events"] = recording.Events() });
        using var client = endpoint.CreateClient(maxAttempts: 3);

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal(recording.TextOfFirstEvents(6), text);
        Assert.IsType(expected, error);
        Assert.Equal($"Injected {exceptionType}.", error!.Message);

        // Text was delivered: the failure is final, never retried into duplicated output, so the answer queued for a
        // second attempt is still waiting.
        Assert.Equal(1, await endpoint.PendingAsync());
    }

    [Fact]
    public async Task An_error_frame_after_text_is_thrown_with_its_code_and_message()
    {
        var recording = Recording.Load("should-handle-amazon-nova-models-with-streaming");
        await endpoint.ScriptAsync(new JsonObject
        {
            ["events"] = recording.Events(),
            ["errorFrameAfter"] = 4,
            ["errorFrame"] = new JsonObject { ["code"] = "InternalFailure", ["message"] = "The event stream failed." },
        });
        using var client = endpoint.CreateClient();

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal(recording.TextOfFirstEvents(4), text);
        var bedrock = Assert.IsAssignableFrom<BedrockException>(error);
        Assert.Equal(("InternalFailure", "The event stream failed."), (bedrock.ErrorCode, bedrock.Message));
    }

    [Fact]
    public async Task An_unknown_event_between_text_deltas_is_skipped()
    {
        var recording = Recording.Load("should-handle-basic-converse-stream-responses");
        await endpoint.ScriptAsync(new JsonObject { ["events"] = recording.Events(), ["unknownAfter"] = 3, ["slice"] = 4 });
        using var client = endpoint.CreateClient();

        var received = new List<ConverseStreamEvent>();
        Assert.Equal(recording.Text, await TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()), received));
        Assert.Equal(recording.Events().Count, received.Count);
    }

    [Theory]
    [InlineData("corruptFrame", EventStreamErrorReason.MessageChecksumMismatch)]
    [InlineData("corruptPrelude", EventStreamErrorReason.PreludeChecksumMismatch)]
    public async Task A_corrupted_frame_fails_its_checksum_after_the_text_before_it(string fault, EventStreamErrorReason reason)
    {
        var recording = Recording.Load("should-handle-amazon-nova-models-with-streaming");
        await endpoint.ScriptAsync(new JsonObject { ["events"] = recording.Events(), [fault] = 5, ["slice"] = 6 });
        using var client = endpoint.CreateClient(maxAttempts: 3);

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal(recording.TextOfFirstEvents(5), text);
        Assert.Equal(reason, Assert.IsType<EventStreamException>(error).Reason);
    }

    [Fact]
    public async Task A_stream_cut_inside_a_frame_fails_as_a_truncated_frame_after_the_text_before_it()
    {
        var recording = Recording.Load("should-handle-basic-converse-stream-responses");
        await endpoint.ScriptAsync(new JsonObject { ["events"] = recording.Events(), ["truncateInFrame"] = 5, ["slice"] = 9 });
        using var client = endpoint.CreateClient();

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal(recording.TextOfFirstEvents(5), text);
        Assert.Equal(EventStreamErrorReason.TruncatedFrame, Assert.IsType<EventStreamException>(error).Reason);
    }

    [Fact]
    public async Task A_connection_reset_inside_a_frame_fails_the_stream_after_the_text_before_it()
    {
        var recording = Recording.Load("should-handle-basic-converse-stream-responses");
        await endpoint.ScriptAsync(new JsonObject { ["events"] = recording.Events(), ["resetInFrame"] = 5 });
        using var client = endpoint.CreateClient();

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal(recording.TextOfFirstEvents(5), text);
        var connection = Assert.IsType<BedrockConnectionException>(error);
        Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<HttpIOException>(connection.InnerException).HttpRequestError);
    }

    [Fact]
    public async Task A_stall_after_text_ends_with_the_idle_timeout()
    {
        var recording = Recording.Load("should-handle-basic-converse-stream-responses");
        await endpoint.ScriptAsync(new JsonObject { ["events"] = recording.Events(), ["stallAfter"] = 4 });
        using var client = endpoint.CreateClient(idleTimeout: TimeSpan.FromSeconds(1));

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal(recording.TextOfFirstEvents(4), text);
        Assert.Equal(BedrockTimeoutKind.Idle, Assert.IsType<BedrockTimeoutException>(error).Kind);
    }
}

/// <summary>One recorded Bedrock stream from the test vectors (tests/TestData), read from its <c>.decoded.jsonl</c>.</summary>
internal sealed class Recording
{
    private readonly List<(string Type, JsonNode Payload)> _events;

    private Recording(List<(string Type, JsonNode Payload)> events) => _events = events;

    private static string Directory => Path.Combine(TestSupport.RepositoryRoot, "tests", "TestData", "bedrock", "recorded");

    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateFiles(Directory, "*.decoded.jsonl")
            .Select(path => Path.GetFileName(path)[..^".decoded.jsonl".Length])
            .Order(StringComparer.Ordinal);

    public string Text => TextOfFirstEvents(_events.Count);

    public string ToolInput => string.Concat(_events.Select(e => (string?)e.Payload["delta"]?["toolUse"]?["input"]));

    public string ReasoningText => string.Concat(_events.Select(e => (string?)e.Payload["delta"]?["reasoningContent"]?["text"]));

    public string StopReason => (string)_events.Single(e => e.Type == "messageStop").Payload["stopReason"]!;

    public (int, int, int) Usage
    {
        get
        {
            var usage = _events.Single(e => e.Type == "metadata").Payload["usage"]!;
            return ((int)usage["inputTokens"]!, (int)usage["outputTokens"]!, (int)usage["totalTokens"]!);
        }
    }

    public static Recording Load(string name)
    {
        var events = new List<(string, JsonNode)>();
        foreach (var line in File.ReadLines(Path.Combine(Directory, name + ".decoded.jsonl")))
        {
            var frame = JsonNode.Parse(line)!;
            Assert.Equal("event", (string?)frame["headers"]![":message-type"]);
            events.Add(((string)frame["headers"]![":event-type"]!, frame["payload"]!));
        }

        return new Recording(events);
    }

    /// <summary>The events as the endpoint takes them: a fresh array each time, since a node has one parent.</summary>
    public JsonArray Events() =>
        new(_events.Select(e => (JsonNode)new JsonObject { ["type"] = e.Type, ["payload"] = e.Payload.DeepClone() }).ToArray());

    public string TextOfFirstEvents(int count) =>
        string.Concat(_events.Take(count).Select(e => e.Type == "contentBlockDelta" ? (string?)e.Payload["delta"]?["text"] : null));
}

/// <summary>A record of one request the independent endpoint received.</summary>
public sealed record EndpointRequest(string Path, string Operation, bool Verified, string Body);

/// <summary>Runs AwsSdkJs/bedrock-endpoint.mjs on 127.0.0.1 for a test class and stops it afterwards.</summary>
public sealed class IndependentBedrockEndpoint : IAsyncLifetime
{
    public const string AccessKey = "AKIDINDEPENDENTENDPOINT";
    public const string SecretKey = "independent/endpoint/secret/key/abcdefgh";

    // The hello-world sample's default region.
    public const string Region = "us-east-1";

    private static readonly JsonSerializerOptions s_webOptions = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _control = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _stderr = new();
    private Process _process = null!;
    private Uri _endpoint = null!;

    /// <summary>Where the endpoint listens: http://127.0.0.1:port/.</summary>
    public Uri Endpoint => _endpoint;

    public async Task InitializeAsync()
    {
        AwsSdkJsPackages.EnsureInstalled();
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = AwsSdkJsPackages.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("bedrock-endpoint.mjs");
        TestSupport.SetAwsEnvironment(startInfo, new Dictionary<string, string>
        {
            ["ENDPOINT_ACCESS_KEY"] = AccessKey,
            ["ENDPOINT_SECRET_KEY"] = SecretKey,
            ["ENDPOINT_REGION"] = Region,
        });
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");

        // Drained as it comes, so that a chatty endpoint never blocks on a full pipe; kept for the failure messages.
        _process.ErrorDataReceived += (_, line) => _stderr.Enqueue(line.Data ?? "");
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException($"bedrock-endpoint.mjs exited:\n{string.Join('\n', _stderr)}");
        var port = JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32();
        _endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();

        // Closing stdin tells the endpoint to exit; a hung one is killed.
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    /// <summary>A client for the endpoint: its credentials (or a wrong secret), none of the machine's AWS settings.</summary>
    public BedrockConverseClient CreateClient(string? secretKey = null, int maxAttempts = 1, TimeSpan? idleTimeout = null) =>
        new(new BedrockClientOptions
        {
            Endpoint = _endpoint,
            Region = Region,
            Credentials = new Amazon.Runtime.BasicAWSCredentials(AccessKey, secretKey ?? SecretKey),
            IdleTimeout = idleTimeout ?? TimeSpan.FromSeconds(30),
            Retry = new BedrockRetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(5) },
        });

    /// <summary>Sets the answers to the next Bedrock requests, one scenario each, replacing any a test left.</summary>
    public async Task ScriptAsync(params JsonObject[] scenarios)
    {
        using var content = new StringContent(new JsonArray(scenarios).ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _control.PostAsync(new Uri(_endpoint, "__scenarios"), content);
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<EndpointRequest>> ReceivedAsync() =>
        (await _control.GetFromJsonAsync<List<EndpointRequest>>(new Uri(_endpoint, "__requests"), s_webOptions))!;

    /// <summary>How many queued scenarios no request has taken yet.</summary>
    public async Task<int> PendingAsync() =>
        JsonDocument.Parse(await _control.GetStringAsync(new Uri(_endpoint, "__pending"))).RootElement.GetProperty("pending").GetInt32();
}
