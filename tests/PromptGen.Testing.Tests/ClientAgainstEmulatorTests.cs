using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using PromptGen.Bedrock;
using PromptGen.Bedrock.EventStream;

namespace PromptGen.Testing.Tests;

/// <summary>BedrockConverseClient against the emulator, for every kind of scripted answer and fault.</summary>
public sealed class ClientAgainstEmulatorTests : IAsyncLifetime
{
    private BedrockEmulator _emulator = null!;
    private BedrockConverseClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await BedrockEmulator.StartAsync();

        // Every fault must reach the test as scripted; RetryTests covers what retries do with them.
        _client = TestSupport.CreateSingleAttemptClient(_emulator);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task The_default_script_streams_the_hello_world_answer_in_16_character_deltas()
    {
        var events = new List<ConverseStreamEvent>();
        var text = await TestSupport.CollectTextAsync(_client.ConverseStreamAsync(TestSupport.HelloWorldRequest()), events);

        Assert.Equal(ConverseScript.HelloWorldAnswer, text);
        var deltas = events.OfType<ContentBlockDeltaEvent>().Select(delta => delta.Delta!.Text!).ToList();
        Assert.Equal((ConverseScript.HelloWorldAnswer.Length + 15) / 16, deltas.Count);
        Assert.All(deltas.SkipLast(1), delta => Assert.Equal(16, delta.Length));
        Assert.IsType<MessageStartEvent>(events[0]);
        Assert.Equal(StopReason.EndTurn, events.OfType<MessageStopEvent>().Single().StopReason);
        Assert.IsType<MetadataEvent>(events[^1]);

        var recorded = Assert.Single(_emulator.Requests);
        Assert.Equal("ConverseStream", recorded.Operation);
        Assert.Equal("HTTP/1.1", recorded.Protocol);
        Assert.Equal(TestSupport.HelloWorldBody, recorded.BodyText);
    }

    [Fact]
    public async Task The_client_streams_over_HTTP2_prior_knowledge_too()
    {
        using var handler = new Http2PriorKnowledgeHandler();
        using var client = TestSupport.CreateHttp2Client(_emulator, handler);
        _emulator.Enqueue(ConverseScript.Text("over h2").WithDeltaSize(2));

        Assert.Equal("over h2", await TestSupport.CollectTextAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));
        Assert.Equal("HTTP/2", Assert.Single(_emulator.Requests).Protocol);
    }

    [Fact]
    public async Task A_Bedrock_API_key_authenticates_the_client()
    {
        using var client = new BedrockConverseClient(new BedrockClientOptions { Endpoint = _emulator.Endpoint, BearerToken = _emulator.BearerToken });
        var response = await client.ConverseAsync(TestSupport.HelloWorldRequest());
        Assert.Equal(ConverseScript.HelloWorldAnswer, response.GetText());
        Assert.Equal($"Bearer {_emulator.BearerToken}", _emulator.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task Session_credentials_sign_with_their_token_and_a_missing_token_is_refused()
    {
        await using var emulator = await BedrockEmulator.StartAsync(new BedrockEmulatorOptions { SessionToken = "session-token-1" });
        using var client = emulator.CreateClient();
        Assert.Equal(ConverseScript.HelloWorldAnswer, (await client.ConverseAsync(TestSupport.HelloWorldRequest())).GetText());
        Assert.Equal("session-token-1", emulator.Requests[0].Headers["X-Amz-Security-Token"]);

        var credentials = emulator.Credentials.GetCredentials();
        var options = emulator.CreateClientOptions();
        options.Credentials = new Amazon.Runtime.BasicAWSCredentials(credentials.AccessKey, credentials.SecretKey);
        using var withoutToken = new BedrockConverseClient(options);
        var error = await Assert.ThrowsAnyAsync<BedrockException>(() => withoutToken.ConverseAsync(TestSupport.HelloWorldRequest()));
        Assert.Equal(("UnrecognizedClientException", HttpStatusCode.Forbidden), (error.ErrorCode, error.StatusCode!.Value));
    }

    [Fact]
    public async Task Delta_size_stop_reason_and_usage_are_as_scripted()
    {
        _emulator.Enqueue(ConverseScript.Text("Hello🌍 world").WithDeltaSize(3).WithStopReason(StopReason.MaxTokens).WithUsage(11, 7).WithLatency(42));
        var events = new List<ConverseStreamEvent>();
        await TestSupport.CollectTextAsync(_client.ConverseStreamAsync(TestSupport.HelloWorldRequest()), events);

        // The globe is a surrogate pair: a delta never splits it.
        Assert.Equal(["Hel", "lo", "🌍 ", "wor", "ld"], events.OfType<ContentBlockDeltaEvent>().Select(delta => delta.Delta!.Text!));
        Assert.Equal(StopReason.MaxTokens, events.OfType<MessageStopEvent>().Single().StopReason);
        var metadata = events.OfType<MetadataEvent>().Single();
        Assert.Equal((11, 7, 18), (metadata.Usage!.InputTokens, metadata.Usage.OutputTokens, metadata.Usage.TotalTokens));
        Assert.Equal(42, metadata.Metrics!.LatencyMs);
    }

    [Fact]
    public async Task Deltas_are_paced_as_scripted()
    {
        _emulator.Enqueue(ConverseScript.Text("abcd").WithDeltaSize(1).WithDeltaDelay(TimeSpan.FromMilliseconds(60)));
        var stopwatch = Stopwatch.StartNew();
        var arrivals = new List<TimeSpan>();
        await foreach (var streamEvent in _client.ConverseStreamAsync(TestSupport.HelloWorldRequest()))
        {
            if (streamEvent is ContentBlockDeltaEvent)
            {
                arrivals.Add(stopwatch.Elapsed);
            }
        }

        Assert.Equal(4, arrivals.Count);
        Assert.True(arrivals[3] - arrivals[0] >= TimeSpan.FromMilliseconds(150), $"Deltas arrived over {arrivals[3] - arrivals[0]}.");
    }

    [Fact]
    public async Task Converse_answers_with_the_scripted_text_stop_reason_and_usage()
    {
        _emulator.Enqueue(ConverseScript.Text("First. ").WithText("Second.").WithStopReason(StopReason.StopSequence).WithUsage(3, 4));
        var response = await _client.ConverseAsync(TestSupport.HelloWorldRequest());

        Assert.Equal("First. Second.", response.GetText());
        Assert.Equal(ConversationRole.Assistant, response.Output!.Message!.Role);
        Assert.Equal(StopReason.StopSequence, response.StopReason);
        Assert.Equal(7, response.Usage!.TotalTokens);
        Assert.Equal("Converse", Assert.Single(_emulator.Requests).Operation);
    }

    [Fact]
    public async Task Tool_use_and_reasoning_go_on_the_wire_as_Bedrock_sends_them_and_the_client_keeps_the_text()
    {
        var script = new ConverseScript()
            .WithReasoning("The user wants weather.", "sig-123")
            .WithText("Let me check.")
            .WithToolUse("tooluse_abc", "get_weather", """{"location":"San Francisco, CA","unit":"celsius"}""")
            .WithDeltaSize(7);
        _emulator.Enqueue(script, script);

        // The client's model has no tool-use or reasoning events yet: it skips them and keeps the text.
        var events = new List<ConverseStreamEvent>();
        Assert.Equal("Let me check.", await TestSupport.CollectTextAsync(_client.ConverseStreamAsync(TestSupport.HelloWorldRequest()), events));
        Assert.Equal(StopReason.ToolUse, events.OfType<MessageStopEvent>().Single().StopReason);

        // On the wire: reasoning deltas then a signature, no contentBlockStart for text, tool input as string fragments.
        using var http = new HttpClient();
        using var response = await http.SendAsync(TestSigner.Signed(_emulator, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream", Encoding.UTF8.GetBytes(TestSupport.HelloWorldBody)));
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        var frames = new List<(string Type, JsonElement Payload)>();
        while (await reader.ReadNextAsync())
        {
            Assert.Equal("event", reader.MessageType);
            Assert.Equal("application/json", reader.ContentType);
            using var document = JsonDocument.Parse(reader.Payload);
            Assert.True(document.RootElement.GetProperty("p").GetString()!.Length is >= 1 and <= 60);
            frames.Add((reader.EventType!, document.RootElement.Clone()));
        }

        Assert.Equal("messageStart", frames[0].Type);
        Assert.Single(frames, frame => frame.Type == "contentBlockStart");
        var start = frames.Single(frame => frame.Type == "contentBlockStart").Payload;
        Assert.Equal(2, start.GetProperty("contentBlockIndex").GetInt32());
        Assert.Equal("get_weather", start.GetProperty("start").GetProperty("toolUse").GetProperty("name").GetString());
        Assert.Equal("tooluse_abc", start.GetProperty("start").GetProperty("toolUse").GetProperty("toolUseId").GetString());

        var deltas = frames.Where(frame => frame.Type == "contentBlockDelta").Select(frame => frame.Payload).ToList();
        var reasoning = string.Concat(deltas.Where(d => d.GetProperty("delta").TryGetProperty("reasoningContent", out var r) && r.TryGetProperty("text", out _))
            .Select(d => d.GetProperty("delta").GetProperty("reasoningContent").GetProperty("text").GetString()));
        Assert.Equal("The user wants weather.", reasoning);
        Assert.Equal("sig-123", deltas.Select(d => d.GetProperty("delta")).Single(d => d.TryGetProperty("reasoningContent", out var r) && r.TryGetProperty("signature", out _))
            .GetProperty("reasoningContent").GetProperty("signature").GetString());
        var toolInput = string.Concat(deltas.Where(d => d.GetProperty("delta").TryGetProperty("toolUse", out _))
            .Select(d => d.GetProperty("delta").GetProperty("toolUse").GetProperty("input").GetString()));
        Assert.Equal("""{"location":"San Francisco, CA","unit":"celsius"}""", toolInput);
        Assert.Equal(["messageStop", "metadata"], frames.TakeLast(2).Select(frame => frame.Type));
        Assert.Equal(3, frames.Count(frame => frame.Type == "contentBlockStop"));
    }

    [Fact]
    public async Task Converse_returns_tool_use_and_reasoning_blocks_in_Bedrock_shape()
    {
        _emulator.Enqueue(new ConverseScript().WithReasoning("Think.", "sig").WithToolUse("tooluse_1", "lookup", """{"q":1}"""));
        using var http = new HttpClient();
        using var response = await http.SendAsync(TestSigner.Signed(_emulator, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", Encoding.UTF8.GetBytes(TestSupport.HelloWorldBody)));
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        var content = document.RootElement.GetProperty("output").GetProperty("message").GetProperty("content");
        Assert.Equal("""{"reasoningContent":{"reasoningText":{"signature":"sig","text":"Think."}}}""", content[0].GetRawText());
        Assert.Equal("""{"toolUse":{"input":{"q":1},"name":"lookup","toolUseId":"tooluse_1"}}""", content[1].GetRawText());
        Assert.Equal("tool_use", document.RootElement.GetProperty("stopReason").GetString());
    }

    public static TheoryData<string, int, Type> ServiceErrors => new()
    {
        { "ThrottlingException", 429, typeof(ThrottlingException) },
        { "ModelNotReadyException", 429, typeof(ModelNotReadyException) },
        { "ValidationException", 400, typeof(ValidationException) },
        { "AccessDeniedException", 403, typeof(AccessDeniedException) },
        { "ResourceNotFoundException", 404, typeof(ResourceNotFoundException) },
        { "ModelTimeoutException", 408, typeof(ModelTimeoutException) },
        { "ModelErrorException", 424, typeof(ModelErrorException) },
        { "ServiceQuotaExceededException", 400, typeof(ServiceQuotaExceededException) },
        { "InternalServerException", 500, typeof(InternalServerException) },
        { "ServiceUnavailableException", 503, typeof(ServiceUnavailableException) },
    };

    [Theory]
    [MemberData(nameof(ServiceErrors))]
    public async Task A_service_error_before_the_stream_is_thrown_typed_with_its_status(string errorType, int status, Type exceptionType)
    {
        _emulator.Enqueue(ConverseScript.Error(errorType, $"Scripted {errorType}."), ConverseScript.Error(errorType, $"Scripted {errorType}."));

        var (text, streamError) = await TestSupport.CollectUntilErrorAsync(_client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));
        Assert.Equal("", text);
        var exception = Assert.IsAssignableFrom<BedrockException>(streamError);
        Assert.IsType(exceptionType, exception);
        Assert.Equal((HttpStatusCode)status, exception.StatusCode);
        Assert.Equal($"Scripted {errorType}.", exception.Message);
        Assert.NotNull(exception.RequestId);

        var converseError = await Assert.ThrowsAnyAsync<BedrockException>(() => _client.ConverseAsync(TestSupport.HelloWorldRequest()));
        Assert.IsType(exceptionType, converseError);
        Assert.Equal(errorType, _emulator.Requests[^1].ErrorType);
    }

    public static TheoryData<string, Type> StreamExceptions => new()
    {
        { "internalServerException", typeof(InternalServerException) },
        { "modelStreamErrorException", typeof(ModelStreamErrorException) },
        { "validationException", typeof(ValidationException) },
        { "throttlingException", typeof(ThrottlingException) },
        { "serviceUnavailableException", typeof(ServiceUnavailableException) },
    };

    [Theory]
    [MemberData(nameof(StreamExceptions))]
    public async Task An_exception_after_N_deltas_is_thrown_after_the_text_before_it(string exceptionType, Type expected)
    {
        var script = ConverseScript.Text("abcdefghij").WithDeltaSize(2).FailAfterDeltas(3, exceptionType, "The stream failed.");
        _emulator.Enqueue(script);

        var (text, error) = await TestSupport.CollectUntilErrorAsync(_client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal("abcdef", text);
        Assert.Equal(text, script.GetTextBeforeFault());
        Assert.IsType(expected, error);
        Assert.Equal("The stream failed.", error!.Message);
        Assert.Null(((BedrockException)error).StatusCode);
    }

    [Fact]
    public async Task An_in_stream_fault_on_Converse_is_the_HTTP_error_of_that_type()
    {
        _emulator.Enqueue(ConverseScript.Text("abc").FailAfterDeltas(1, "modelStreamErrorException", "Model failed."));
        var error = await Assert.ThrowsAsync<ModelStreamErrorException>(() => _client.ConverseAsync(TestSupport.HelloWorldRequest()));
        Assert.Equal(HttpStatusCode.FailedDependency, error.StatusCode);
    }

    [Fact]
    public async Task A_corrupted_frame_fails_the_checksum_after_the_text_before_it()
    {
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2).CorruptFrameAfterDeltas(2));
        var (text, error) = await TestSupport.CollectUntilErrorAsync(_client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal("abcd", text);
        Assert.Equal(EventStreamErrorReason.MessageChecksumMismatch, Assert.IsType<EventStreamException>(error).Reason);
    }

    [Fact]
    public async Task A_fault_counted_past_the_last_delta_fires_before_messageStop()
    {
        _emulator.Enqueue(ConverseScript.Text("abc").CorruptFrameAfterDeltas(99));
        var (text, error) = await TestSupport.CollectUntilErrorAsync(_client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal("abc", text);
        Assert.Equal(EventStreamErrorReason.MessageChecksumMismatch, Assert.IsType<EventStreamException>(error).Reason);
    }

    [Fact]
    public async Task A_corrupted_Converse_body_is_a_protocol_error()
    {
        _emulator.Enqueue(ConverseScript.Text("abcdef").CorruptFrameAfterDeltas(0));
        await Assert.ThrowsAsync<BedrockProtocolException>(() => _client.ConverseAsync(TestSupport.HelloWorldRequest()));
    }

    [Fact]
    public async Task A_stall_delays_the_rest_of_the_stream()
    {
        _emulator.Enqueue(ConverseScript.Text("abcd").WithDeltaSize(2).StallAfterDeltas(1, TimeSpan.FromMilliseconds(300)));
        var stopwatch = Stopwatch.StartNew();
        Assert.Equal("abcd", await TestSupport.CollectTextAsync(_client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(280), $"Took {stopwatch.Elapsed}.");
    }

    [Fact]
    public async Task An_endless_stall_ends_with_the_callers_cancellation_and_the_emulator_keeps_serving()
    {
        _emulator.Enqueue(ConverseScript.Text("abcd").WithDeltaSize(2).StallAfterDeltas(1, Timeout.InfiniteTimeSpan));
        using var cancellation = new CancellationTokenSource();
        var text = "";
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var streamEvent in _client.ConverseStreamAsync(TestSupport.HelloWorldRequest(), cancellation.Token))
            {
                if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { } delta })
                {
                    text += delta;

                    // The stall starts after this delta: give up on it a little later.
                    cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
                }
            }
        });

        Assert.Equal("ab", text);
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(ConverseScript.HelloWorldAnswer, (await _client.ConverseAsync(TestSupport.HelloWorldRequest())).GetText());
    }

    [Fact]
    public async Task A_dropped_connection_fails_the_stream_after_the_text_before_it_and_the_emulator_keeps_serving()
    {
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2).DropConnectionAfterDeltas(2));
        var (text, error) = await TestSupport.CollectUntilErrorAsync(_client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal("abcd", text);
        var connection = Assert.IsType<BedrockConnectionException>(error);
        Assert.Equal(HttpRequestError.ResponseEnded, connection.HttpRequestError);
        Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<HttpIOException>(connection.InnerException).HttpRequestError);
        Assert.Equal(
            "The connection to Amazon Bedrock failed while the response was being read: The response ended prematurely. (ResponseEnded)",
            connection.Message);
        Assert.Equal(ConverseScript.HelloWorldAnswer, await TestSupport.CollectTextAsync(_client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));
    }

    [Fact]
    public async Task A_dropped_HTTP2_stream_fails_after_the_text_before_it()
    {
        using var handler = new Http2PriorKnowledgeHandler();
        using var client = TestSupport.CreateHttp2Client(_emulator, handler);
        _emulator.Enqueue(ConverseScript.Text("abcdef").WithDeltaSize(2).DropConnectionAfterDeltas(2));

        var (text, error) = await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));

        Assert.Equal("abcd", text);
        Assert.IsType<HttpProtocolException>(Assert.IsType<BedrockConnectionException>(error).InnerException);
        Assert.Equal("HTTP/2", _emulator.Requests[0].Protocol);
    }

    [Fact]
    public async Task A_dropped_Converse_connection_fails_the_call()
    {
        _emulator.Enqueue(ConverseScript.Text("abc").DropConnectionAfterDeltas(0));
        var error = await Assert.ThrowsAsync<BedrockConnectionException>(() => _client.ConverseAsync(TestSupport.HelloWorldRequest()));
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.StartsWith($"The request to Amazon Bedrock at {_emulator.Endpoint.GetLeftPart(UriPartial.Authority)} failed before a response arrived: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scripts_answer_in_order_then_the_default_script()
    {
        _emulator.Enqueue(ConverseScript.Text("one"), ConverseScript.Text("two"));
        Assert.Equal("one", (await _client.ConverseAsync(TestSupport.HelloWorldRequest())).GetText());
        Assert.Equal("two", await TestSupport.CollectTextAsync(_client.ConverseStreamAsync(TestSupport.HelloWorldRequest())));
        Assert.Equal(ConverseScript.HelloWorldAnswer, (await _client.ConverseAsync(TestSupport.HelloWorldRequest())).GetText());
        Assert.Equal(3, _emulator.Requests.Count);
    }
}
