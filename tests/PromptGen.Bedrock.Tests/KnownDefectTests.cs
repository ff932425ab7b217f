using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using PromptGen.Bedrock.Tests.Fuzzing;
using PromptGen.Bedrock.Tests.Loopback;
using static PromptGen.Bedrock.Tests.Loopback.LoopbackTestSupport;

namespace PromptGen.Bedrock.Tests;

/// <summary>
/// Regression tests for the defects the fuzz passes found outside the decoder (see <see cref="KnownDefects"/>). They
/// fail today and are skipped so the suite stays green; the fixes belong in src/PromptGen/Serialization and
/// src/PromptGen.Bedrock/Errors, outside this change. Un-skip them, and delete <see cref="KnownDefects"/>, when
/// the fixes land.
/// </summary>
public sealed class KnownDefectTests
{
    private const string Skip =
        "Known defect invalid-unicode-escape: hand-written JSON readers throw InvalidOperationException, not JsonException, on a lone-surrogate escape or invalid UTF-8.";

    public static TheoryData<string, string> PayloadsWithInvalidText() => new()
    {
        { "messageStart", """{"\udc00\ud800":"x","role":"assistant"}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"\ud800":1,"delta":{"text":"ok"}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"\udc00":1}}""" },
        { "contentBlockStop", """{"\udc00\udc00\udc00":0}""" },
        { "messageStop", """{"stopReason":"end_turn","\ud800\ud800\ud800\ud800":null}""" },
    };

    [Theory(Skip = Skip)]
    [MemberData(nameof(PayloadsWithInvalidText))]
    public void StreamEventWithAnInvalidUnicodeEscapeIsReadOrAJsonException(string eventType, string payload)
    {
        // The contract: an event (the odd member skipped, as unknown members are) or a JsonException; nothing else.
        var exception = Record.Exception(() => ConverseJson.DeserializeStreamEvent(eventType, Encoding.UTF8.GetBytes(payload)));

        Assert.True(exception is null or JsonException, $"Expected an event or a JsonException, got {exception}");
    }

    [Fact(Skip = Skip)]
    public async Task EventWithAnInvalidUnicodeEscapeIsReadOrAProtocolError()
    {
        var exception = await Record.ExceptionAsync(() => StreamAsync(
            EventStreamFrameEncoder.Event("messageStart", """{"\udc00\udc00":"x","role":"assistant"}""")));

        Assert.True(exception is null or BedrockProtocolException, $"Expected the event or a BedrockProtocolException, got {exception}");
    }

    [Theory(Skip = Skip)]
    [InlineData("""{"message":"\udc00"}""")]
    [InlineData("""{"\ud800\ud800":1,"message":"m"}""")]
    public async Task ExceptionFrameWithAnInvalidUnicodeEscapeIsABedrockException(string payload)
    {
        // A BedrockProtocolException (the payload is unreadable) or the ThrottlingException itself; never anything else.
        var exception = await Record.ExceptionAsync(() => StreamAsync(EventStreamFrameEncoder.Exception("throttlingException", payload)));

        Assert.True(exception is BedrockProtocolException or ThrottlingException, $"Expected a BedrockException, got {exception}");
    }

    [Fact(Skip = Skip)]
    public async Task ExceptionFrameWithInvalidUtf8IsABedrockException()
    {
        byte[] payload = [.. "{\"message\":\""u8, 0xFF, .. "\"}"u8];
        var exception = await Record.ExceptionAsync(() => StreamAsync(FuzzFrameCodec.Encode(
            [
                new(":exception-type"u8.ToArray(), 7, "throttlingException"u8.ToArray()),
                new(":content-type"u8.ToArray(), 7, "application/json"u8.ToArray()),
                new(":message-type"u8.ToArray(), 7, "exception"u8.ToArray()),
            ],
            payload)));

        Assert.True(exception is BedrockProtocolException or ThrottlingException, $"Expected a BedrockException, got {exception}");
    }

    [Fact(Skip = "Known defect: ServiceErrorDocument.Parse does not skip a non-numeric originalStatusCode, so it reads the members of a nested object as its own and stops at that object's end.")]
    public async Task ExceptionFrameWithANonNumericOriginalStatusCodeKeepsItsMessage()
    {
        var exception = await Assert.ThrowsAsync<ModelStreamErrorException>(() => StreamAsync(EventStreamFrameEncoder.Exception(
            "modelStreamErrorException",
            """{"originalStatusCode":{"message":"inner"},"message":"outer","originalMessage":"upstream"}""")));

        Assert.Equal("outer", exception.Message);
        Assert.Equal("upstream", exception.OriginalMessage);
        Assert.Null(exception.OriginalStatusCode);
    }

    private static async Task StreamAsync(byte[] frame)
    {
        using var handler = new EventStreamResponseHandler();
        using var client = new BedrockConverseClient(new BedrockClientOptions
        {
            HttpMessageHandler = handler,
            Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
            Region = Region,
            Endpoint = new Uri("http://127.0.0.1:1"),
        });
        byte[] body = [.. EventStreamFrameEncoder.MessageStart(), .. frame];
        handler.SetNextBody(() => new MemoryStream(body));
        await CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest()));
    }
}
