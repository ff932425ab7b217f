using System.Diagnostics;
using System.Text;
using PromptGen.Bedrock.Tests.Loopback;
using static PromptGen.Bedrock.Tests.Loopback.LoopbackTestSupport;

namespace PromptGen.Bedrock.Tests;

[PromptClient]
[Model(HaikuModelId)]
public partial interface IHelloWorldPrompts
{
    [Prompt("Describe the purpose of a '{{program}}' program in one line.")]
    [Inference(MaxTokens = 512, Temperature = 0.5f, TopP = 0.9f)]
    IAsyncEnumerable<string> DescribeAsync(string program, CancellationToken cancellationToken = default);

    [Prompt("Describe the purpose of a '{{program}}' program in one line.")]
    [Inference(MaxTokens = 512, Temperature = 0.5f, TopP = 0.9f)]
    Task<string> DescribeWholeAsync(string program, CancellationToken cancellationToken = default);
}

/// <summary>
/// The whole path: a generated prompt interface, BedrockConverseClient, SigV4, HTTP/1.1 and event-stream frames,
/// against a loopback server that checks what it receives and answers in awkward slices.
/// </summary>
public sealed class GeneratedPromptEndToEndTests
{
    private static readonly TimeSpan s_generousBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task HelloWorld_StreamsTheExactText_OverTheRealWire()
    {
        string[] deltas = ["A \"hello world\" program ", "is a simple program ", "that prints \"Hello, World!\" – to show ", "the language works. ✓"];
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteInSlicesAsync(Answer(deltas), 1, 3, 7, 2, 13);
            await exchange.EndChunkedBodyAsync();
        });
        using var bedrock = CreateClient(server);
        var prompts = IHelloWorldPrompts.Create(bedrock);

        var received = new List<string>();
        await foreach (var text in prompts.DescribeAsync("hello world"))
        {
            received.Add(text);
        }

        Assert.Equal(deltas, received);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream HTTP/1.1", request.RequestLine);
        Assert.Equal(HelloWorldBody, BodyText(request));
        AssertSignedOverWhatWasSent(request);
        Assert.Empty(server.Failures);
    }

    [Fact]
    public async Task TaskMethod_CallsConverse_AndReturnsTheText()
    {
        await using var server = LoopbackBedrockServer.Start(exchange => exchange.WriteJsonResponseAsync(
            200,
            "OK",
            """{"metrics":{"latencyMs":321},"output":{"message":{"content":[{"text":"It prints a greeting to show the toolchain works."}],"role":"assistant"}},"stopReason":"end_turn","usage":{"inputTokens":21,"outputTokens":11,"totalTokens":32}}"""));
        using var bedrock = CreateClient(server);

        var answer = await IHelloWorldPrompts.Create(bedrock).DescribeWholeAsync("hello world");

        Assert.Equal("It prints a greeting to show the toolchain works.", answer);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /model/anthropic.claude-3-haiku-20240307-v1%3A0/converse HTTP/1.1", request.RequestLine);
        Assert.Equal(HelloWorldBody, BodyText(request));
        AssertSignedOverWhatWasSent(request);
    }

    [Fact]
    public async Task MidStreamException_IsThrownAfterTheTextThatArrivedBeforeIt()
    {
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            var frames = new List<byte[]>
            {
                EventStreamFrameEncoder.Event("messageStart", """{"p":"abc","role":"assistant"}"""),
                Delta("Hello"),
                Delta(" world"),
                EventStreamFrameEncoder.Exception("modelStreamErrorException", """{"message":"Model stream failed after 2 chunks.","originalStatusCode":500}"""),
            };
            await exchange.WriteInSlicesAsync(frames.SelectMany(f => f).ToArray(), 5);
            await exchange.EndChunkedBodyAsync();
        });
        using var bedrock = CreateClient(server);

        var received = new List<string>();
        var error = await Assert.ThrowsAsync<ModelStreamErrorException>(async () =>
        {
            await foreach (var text in IHelloWorldPrompts.Create(bedrock).DescribeAsync("hello world"))
            {
                received.Add(text);
            }
        });

        Assert.Equal(["Hello", " world"], received);
        Assert.Equal("Model stream failed after 2 chunks.", error.Message);
        Assert.Equal("ModelStreamErrorException", error.ErrorCode);
    }

    [Fact]
    public async Task HttpError_IsMappedToItsTypedException()
    {
        await using var server = LoopbackBedrockServer.Start(exchange => exchange.WriteJsonResponseAsync(
            429,
            "Too Many Requests",
            """{"message":"Too many requests, please wait before trying again."}""",
            ("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/"),
            ("x-amzn-RequestId", "0b4e5c3a-1111-2222-3333-444455556666")));
        using var bedrock = CreateClient(server);

        var error = await Assert.ThrowsAsync<ThrottlingException>(async () =>
        {
            await foreach (var _ in IHelloWorldPrompts.Create(bedrock).DescribeAsync("hello world"))
            {
            }
        });

        Assert.Equal("Too many requests, please wait before trying again.", error.Message);
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("0b4e5c3a-1111-2222-3333-444455556666", error.RequestId);
    }

    [Fact]
    public async Task CancellingMidStream_EndsTheCallPromptly_AndClosesTheConnection()
    {
        var clientClosed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync();
            await exchange.WriteChunkAsync(Delta("first"));
            clientClosed.TrySetResult(await exchange.WaitForClientCloseAsync(s_generousBound)); // then stall
        });
        using var bedrock = CreateClient(server);
        using var cancellation = new CancellationTokenSource();
        var received = new List<string>();
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var text in IHelloWorldPrompts.Create(bedrock).DescribeAsync("hello world", cancellation.Token))
            {
                received.Add(text);
                cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));
            }
        });

        Assert.True(stopwatch.Elapsed < s_generousBound, $"Cancellation took {stopwatch.Elapsed}.");
        Assert.Equal(["first"], received);
        Assert.True(await clientClosed.Task, "The server never saw the connection close.");
    }

    private static byte[] Delta(string text) =>
        EventStreamFrameEncoder.Event("contentBlockDelta", $$"""{"contentBlockIndex":0,"delta":{"text":{{System.Text.Json.JsonSerializer.Serialize(text)}}},"p":"abcdef"}""");

    private static byte[] Answer(IEnumerable<string> deltas)
    {
        var frames = new List<byte[]> { EventStreamFrameEncoder.Event("messageStart", """{"p":"abc","role":"assistant"}""") };
        frames.AddRange(deltas.Select(Delta));
        frames.Add(EventStreamFrameEncoder.Event("contentBlockStop", """{"contentBlockIndex":0,"p":"ab"}"""));
        frames.Add(EventStreamFrameEncoder.Event("messageStop", """{"p":"abcd","stopReason":"end_turn"}"""));
        frames.Add(EventStreamFrameEncoder.Event("metadata", """{"metrics":{"latencyMs":412},"p":"a","usage":{"inputTokens":20,"outputTokens":30,"totalTokens":50}}"""));
        return frames.SelectMany(f => f).ToArray();
    }
}
