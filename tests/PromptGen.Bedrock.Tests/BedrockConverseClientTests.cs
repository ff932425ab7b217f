using System.Diagnostics;
using System.Net;
using Amazon.Runtime;
using PromptGen.Bedrock.EventStream;
using PromptGen.Bedrock.Tests.Loopback;
using static PromptGen.Bedrock.Tests.Loopback.LoopbackTestSupport;

namespace PromptGen.Bedrock.Tests;

/// <summary>End to end over HTTP/1.1 on 127.0.0.1, against a server whose every byte the test controls.</summary>
public sealed class BedrockConverseClientTests
{
    private static readonly TimeSpan s_generousBound = TimeSpan.FromSeconds(10);

    public static TheoryData<int[]> SliceSizes() => new() { new[] { 1 }, new[] { 3 }, new[] { 7 }, new[] { 5, 11, 2, 64 } };

    [Theory]
    [MemberData(nameof(SliceSizes))]
    public async Task StreamsTheRecordedAnswerSentInAwkwardSlices(int[] sliceSizes)
    {
        var recording = BasicRecording;
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteInSlicesAsync(recording, sliceSizes);
            await exchange.EndChunkedBodyAsync();
        });
        using var client = CreateClient(server);

        var events = new List<ConverseStreamEvent>();
        var text = await CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest()), events);

        Assert.Equal(BasicAnswer, text);
        Assert.Equal(ConversationRole.Assistant, Assert.IsType<MessageStartEvent>(events[0]).Role);
        Assert.Equal(StopReason.EndTurn, Assert.IsType<MessageStopEvent>(events[^2]).StopReason);
        Assert.NotNull(Assert.IsType<MetadataEvent>(events[^1]).Usage);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream HTTP/1.1", request.RequestLine);
        Assert.Equal(server.Host, request.Header("Host"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal(HelloWorldBody, BodyText(request));
        AssertSignedOverWhatWasSent(request);
    }

    [Fact]
    public async Task StreamsFramesSplitInsideEveryPrelude()
    {
        var recording = BasicRecording;
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            foreach (var frame in EventStreamFrameEncoder.SplitFrames(recording))
            {
                // Cut inside the total length, between the two lengths, inside the prelude checksum, and after it.
                await exchange.WriteChunkAsync(frame.AsMemory(0, 2));
                await exchange.WriteChunkAsync(frame.AsMemory(2, 5));
                await exchange.WriteChunkAsync(frame.AsMemory(7, 3));
                await exchange.WriteChunkAsync(frame.AsMemory(10, 3));
                await exchange.WriteChunkAsync(frame.AsMemory(13));
            }

            await exchange.EndChunkedBodyAsync();
        });
        using var client = CreateClient(server);

        Assert.Equal(BasicAnswer, await CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest())));
    }

    [Fact]
    public async Task InferenceProfileArnTravelsAsOneEncodedSegmentAndSessionTokenIsSigned()
    {
        const string arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123";
        await using var server = LoopbackBedrockServer.Start(exchange => exchange.WriteJsonResponseAsync(
            200,
            "OK",
            """{"output":{"message":{"role":"assistant","content":[{"text":"Paris."}]}},"stopReason":"end_turn","usage":{"inputTokens":5,"outputTokens":2,"totalTokens":7},"metrics":{"latencyMs":321}}"""));
        using var client = CreateClient(server, new SessionAWSCredentials(AccessKey, SecretKey, "SESSIONTOKENEXAMPLE"));

        var response = await client.ConverseAsync(HelloWorldRequest(arn));

        Assert.Equal("Paris.", response.GetText());
        Assert.Equal(StopReason.EndTurn, response.StopReason);
        Assert.Equal(7, response.Usage!.TotalTokens);
        Assert.Equal(321, response.Metrics!.LatencyMs);
        var request = Assert.Single(server.Requests);
        Assert.Equal(
            "POST /model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/converse HTTP/1.1",
            request.RequestLine);
        Assert.Equal(HelloWorldBody, BodyText(request));
        AssertSignedOverWhatWasSent(request, "SESSIONTOKENEXAMPLE");
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExceptionFrameIsThrownAfterTheEventsBeforeIt()
    {
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync("req-stream-error");
            await exchange.WriteInSlicesAsync(
                Concat(
                    EventStreamFrameEncoder.MessageStart(),
                    EventStreamFrameEncoder.TextDelta("Hello"),
                    EventStreamFrameEncoder.TextDelta(", world"),
                    EventStreamFrameEncoder.Exception(
                        "modelStreamErrorException",
                        """{"message":"The model stream was interrupted.","originalStatusCode":500,"originalMessage":"upstream reset"}""")),
                3);
            await exchange.EndChunkedBodyAsync();
        });
        using var client = CreateClient(server);

        var deltas = new List<string>();
        var exception = await Assert.ThrowsAsync<ModelStreamErrorException>(async () =>
        {
            await foreach (var streamEvent in client.ConverseStreamAsync(HelloWorldRequest()))
            {
                if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { } text })
                {
                    deltas.Add(text);
                }
            }
        });

        Assert.Equal(["Hello", ", world"], deltas);
        Assert.Equal("The model stream was interrupted.", exception.Message);
        Assert.Equal("ModelStreamErrorException", exception.ErrorCode);
        Assert.Equal("req-stream-error", exception.RequestId);
        Assert.Null(exception.StatusCode);
        Assert.Equal(500, exception.OriginalStatusCode);
        Assert.Equal("upstream reset", exception.OriginalMessage);
    }

    [Theory]
    [InlineData("internalServerException", typeof(InternalServerException))]
    [InlineData("validationException", typeof(ValidationException))]
    [InlineData("throttlingException", typeof(ThrottlingException))]
    [InlineData("serviceUnavailableException", typeof(ServiceUnavailableException))]
    [InlineData("somethingNewException", typeof(BedrockException))]
    public async Task EveryInStreamExceptionTypeMapsToItsTypedException(string exceptionType, Type expectedType)
    {
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteChunkAsync(EventStreamFrameEncoder.Exception(exceptionType, """{"message":"It failed."}"""));
            await exchange.EndChunkedBodyAsync();
        });
        using var client = CreateClient(server);

        var exception = await Assert.ThrowsAnyAsync<BedrockException>(() => CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest())));

        Assert.IsType(expectedType, exception);
        Assert.Equal("It failed.", exception.Message);
        Assert.Equal(char.ToUpperInvariant(exceptionType[0]) + exceptionType[1..], exception.ErrorCode);
    }

    [Fact]
    public async Task ErrorFrameThrowsBedrockExceptionWithItsCodeAndMessage()
    {
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteChunkAsync(EventStreamFrameEncoder.TextDelta("partial"));
            await exchange.WriteChunkAsync(EventStreamFrameEncoder.Error("InternalFailure", "The stream failed internally."));
            await exchange.EndChunkedBodyAsync();
        });
        using var client = CreateClient(server);

        var exception = await Assert.ThrowsAsync<BedrockException>(() => CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest())));

        Assert.Equal("InternalFailure", exception.ErrorCode);
        Assert.Equal("The stream failed internally.", exception.Message);
    }

    [Fact]
    public async Task UnknownEventsAreSkippedAndInvalidPayloadsAreReported()
    {
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteChunkAsync(EventStreamFrameEncoder.Event("somethingFromTheFuture", """{"x":1}"""));
            await exchange.WriteChunkAsync(EventStreamFrameEncoder.TextDelta("kept"));
            await exchange.WriteChunkAsync(EventStreamFrameEncoder.Event("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"""));
            await exchange.EndChunkedBodyAsync();
        });
        using var client = CreateClient(server);

        var events = new List<ConverseStreamEvent>();
        var exception = await Assert.ThrowsAsync<BedrockProtocolException>(() => CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest()), events));

        Assert.Equal("kept", Assert.IsType<ContentBlockDeltaEvent>(Assert.Single(events)).Delta!.Text);
        Assert.Equal("contentBlockDelta", exception.EventType);
        Assert.Contains("'contentBlockDelta'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExceptionFrameWithInvalidJsonIsReportedNamingItsType()
    {
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteChunkAsync(EventStreamFrameEncoder.Exception("throttlingException", "<html>busy</html>"));
            await exchange.EndChunkedBodyAsync();
        });
        using var client = CreateClient(server);

        var exception = await Assert.ThrowsAsync<BedrockProtocolException>(() => CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest())));

        Assert.Equal("throttlingException", exception.EventType);
        Assert.StartsWith("The payload of the 'throttlingException' exception is not valid JSON", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConverseBodyThatIsNotJsonIsAProtocolError()
    {
        await using var server = LoopbackBedrockServer.Start(exchange => exchange.WriteJsonResponseAsync(200, "OK", "not json", ("x-amzn-RequestId", "req-bad-body")));
        using var client = CreateClient(server);

        var exception = await Assert.ThrowsAsync<BedrockProtocolException>(() => client.ConverseAsync(HelloWorldRequest()));

        Assert.Equal("req-bad-body", exception.RequestId);
        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.StartsWith("The Converse response body is not a valid Converse response", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamCutInsideAFrameIsReportedAsTruncated()
    {
        var recording = BasicRecording;
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteChunkAsync(recording.AsMemory(0, 200));
            await exchange.EndChunkedBodyAsync();
        });
        using var client = CreateClient(server);

        var exception = await Assert.ThrowsAsync<EventStreamException>(() => CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest())));

        Assert.Equal(EventStreamErrorReason.TruncatedFrame, exception.Reason);
    }

    [Theory]
    [InlineData("ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/", typeof(ThrottlingException), "Too many requests, please wait before trying again.")]
    [InlineData("ModelNotReadyException:http://internal.amazon.com/coral/com.amazon.bedrock/", typeof(ModelNotReadyException), "Model is not ready for inference. Wait and try your request again.")]
    public async Task Http429IsClassifiedByTheErrorTypeHeader(string errorType, Type expectedType, string message)
    {
        await using var server = LoopbackBedrockServer.Start(exchange => exchange.WriteJsonResponseAsync(
            429,
            "Too Many Requests",
            $$"""{"message":"{{message}}"}""",
            ("x-amzn-ErrorType", errorType),
            ("x-amzn-RequestId", "8f1c2a5e-0000-4000-8000-000000000429")));
        using var client = CreateClient(server);

        var exception = await Assert.ThrowsAnyAsync<BedrockException>(() => CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest())));

        Assert.IsType(expectedType, exception);
        Assert.Equal(message, exception.Message);
        Assert.Equal(HttpStatusCode.TooManyRequests, exception.StatusCode);
        Assert.Equal("8f1c2a5e-0000-4000-8000-000000000429", exception.RequestId);
        Assert.Equal(expectedType.Name, exception.ErrorCode);
    }

    [Fact]
    public async Task ConverseValidationErrorIsTyped()
    {
        await using var server = LoopbackBedrockServer.Start(exchange => exchange.WriteJsonResponseAsync(
            400,
            "Bad Request",
            """{"Message":"The provided model identifier is invalid."}""",
            ("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"),
            ("x-amzn-RequestId", "req-400")));
        using var client = CreateClient(server);

        var exception = await Assert.ThrowsAsync<ValidationException>(() => client.ConverseAsync(HelloWorldRequest()));

        Assert.Equal("The provided model identifier is invalid.", exception.Message);
        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Equal("req-400", exception.RequestId);
        Assert.Equal("ValidationException", exception.ErrorCode);
    }

    [Fact]
    public async Task UnknownErrorCodeIsABedrockException()
    {
        await using var server = LoopbackBedrockServer.Start(exchange => exchange.WriteJsonResponseAsync(
            418,
            "I'm a teapot",
            """{"message":"Short and stout."}""",
            ("x-amzn-ErrorType", "TeapotException:http://internal.amazon.com/coral/com.amazon.bedrock/")));
        using var client = CreateClient(server);

        var exception = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseAsync(HelloWorldRequest()));

        Assert.Equal("TeapotException", exception.ErrorCode);
        Assert.Equal("Short and stout.", exception.Message);
        Assert.Equal((HttpStatusCode)418, exception.StatusCode);
    }

    [Fact]
    public async Task BearerTokenIsSentInsteadOfASignature()
    {
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteChunkAsync(EventStreamFrameEncoder.TextDelta("ok"));
            await exchange.EndChunkedBodyAsync();
        });
        using var client = CreateClient(server, bearerToken: "bedrock-api-key-EXAMPLE");

        Assert.Equal("ok", await CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest())));

        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer bedrock-api-key-EXAMPLE", request.Header("Authorization"));
        Assert.Null(request.Header("X-Amz-Date"));
        Assert.Equal(HelloWorldBody, BodyText(request));
    }

    [Fact]
    public async Task CancellingWhileTheServerStallsEndsTheCallPromptly()
    {
        var clientClosed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteChunkAsync(Concat(EventStreamFrameEncoder.MessageStart(), EventStreamFrameEncoder.TextDelta("first")));
            clientClosed.SetResult(await exchange.WaitForClientCloseAsync(s_generousBound)); // stall
        });
        using var client = CreateClient(server);
        using var cancellation = new CancellationTokenSource();

        var deltas = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var streamEvent in client.ConverseStreamAsync(HelloWorldRequest(), cancellation.Token))
            {
                if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { } text })
                {
                    deltas.Add(text);
                    cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));
                }
            }
        });

        Assert.True(stopwatch.Elapsed < s_generousBound, $"Cancellation took {stopwatch.Elapsed}.");
        Assert.Equal(["first"], deltas);
        Assert.True(await clientClosed.Task, "The server never saw the connection close.");
    }

    [Fact]
    public async Task CancellingBeforeTheResponseHeadersEndsTheCallPromptly()
    {
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WaitForClientCloseAsync(s_generousBound); // never answer
        });
        using var client = CreateClient(server);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ConverseAsync(HelloWorldRequest(), cancellation.Token));

        Assert.True(stopwatch.Elapsed < s_generousBound, $"Cancellation took {stopwatch.Elapsed}.");
    }

    [Fact]
    public async Task BreakingOutOfTheLoopClosesTheConnection()
    {
        var clientClosed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteChunkAsync(Concat(EventStreamFrameEncoder.MessageStart(), EventStreamFrameEncoder.TextDelta("first")));
            await exchange.WriteChunkAsync(EventStreamFrameEncoder.TextDelta("second")); // more data waiting, never read
            clientClosed.SetResult(await exchange.WaitForClientCloseAsync(s_generousBound));
        });
        using var client = CreateClient(server);

        string? firstDelta = null;
        await foreach (var streamEvent in client.ConverseStreamAsync(HelloWorldRequest()))
        {
            if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { } text })
            {
                firstDelta = text;
                break;
            }
        }

        Assert.Equal("first", firstDelta);
        Assert.True(await clientClosed.Task.WaitAsync(s_generousBound), "The server never saw the connection close.");
    }

    private static byte[] Concat(params byte[][] frames) => frames.SelectMany(frame => frame).ToArray();
}
