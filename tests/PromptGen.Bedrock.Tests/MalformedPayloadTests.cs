using System.Text;
using System.Text.Json;
using PromptGen.Bedrock.Tests.Fuzzing;
using PromptGen.Bedrock.Tests.Loopback;
using static PromptGen.Bedrock.Tests.Loopback.LoopbackTestSupport;

namespace PromptGen.Bedrock.Tests;

/// <summary>
/// Payloads whose JSON is well formed but whose text is not (a lone-surrogate escape, invalid UTF-8), and error
/// documents with members of an unexpected kind, found by the fuzz passes: each is a JsonException at the JSON layer
/// and a BedrockException at the client, never another exception type.
/// </summary>
public sealed class MalformedPayloadTests
{
    public static TheoryData<string, string> PayloadsWithInvalidText() => new()
    {
        { "messageStart", """{"\udc00\ud800":"x","role":"assistant"}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"\ud800":1,"delta":{"text":"ok"}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"\udc00":1}}""" },
        { "contentBlockStop", """{"\udc00\udc00\udc00":0}""" },
        { "messageStop", """{"stopReason":"end_turn","\ud800\ud800\ud800\ud800":null}""" },
    };

    [Theory]
    [MemberData(nameof(PayloadsWithInvalidText))]
    public void StreamEventWithAnInvalidUnicodeEscapeIsAJsonException(string eventType, string payload)
    {
        var exception = Assert.Throws<JsonException>(() => ConverseJson.DeserializeStreamEvent(eventType, Encoding.UTF8.GetBytes(payload)));

        Assert.Equal($"The '{eventType}' payload holds text that is not valid UTF-8 or UTF-16.", exception.Message);
        Assert.IsType<InvalidOperationException>(exception.InnerException);
    }

    [Fact]
    public async Task EventWithAnInvalidUnicodeEscapeIsAProtocolError()
    {
        var exception = await Assert.ThrowsAsync<BedrockProtocolException>(() => StreamAsync(
            EventStreamFrameEncoder.Event("messageStart", """{"\udc00\udc00":"x","role":"assistant"}""")));

        Assert.Equal("messageStart", exception.EventType);
        Assert.Equal(
            "The payload of the 'messageStart' event is not valid JSON for that event: The 'messageStart' payload holds text that is not valid UTF-8 or UTF-16.",
            exception.Message);
    }

    [Theory]
    [InlineData("""{"message":"\udc00"}""")]
    [InlineData("""{"\ud800\ud800":1,"message":"m"}""")]
    public async Task ExceptionFrameWithAnInvalidUnicodeEscapeIsABedrockException(string payload)
    {
        var exception = await Assert.ThrowsAsync<BedrockProtocolException>(() => StreamAsync(EventStreamFrameEncoder.Exception("throttlingException", payload)));

        Assert.Equal(
            "The payload of the 'throttlingException' exception is not valid JSON: The error document holds text that is not valid UTF-8 or UTF-16.",
            exception.Message);
    }

    [Fact]
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

        Assert.Equal(
            "The payload of the 'throttlingException' exception is not valid JSON: The error document holds text that is not valid UTF-8 or UTF-16.",
            Assert.IsType<BedrockProtocolException>(exception).Message);
    }

    [Fact]
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
        using var client = handler.CreateClient();
        byte[] body = [.. EventStreamFrameEncoder.MessageStart(), .. frame];
        handler.SetNextBody(() => new MemoryStream(body));
        await CollectTextAsync(client.ConverseStreamAsync(HelloWorldRequest()));
    }
}
