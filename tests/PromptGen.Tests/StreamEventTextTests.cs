using System.Text;
using System.Text.Json;

namespace PromptGen.Tests;

/// <summary>
/// <see cref="ConverseJson.DeserializeStreamEventText"/>, the text-only reader generated methods stream through: for
/// every payload it gives exactly the text <see cref="ConverseJson.DeserializeStreamEvent"/> gives, and fails on exactly
/// the payloads it fails on.
/// </summary>
public class StreamEventTextTests
{
    public static TheoryData<string, string> Payloads => new()
    {
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"Hello"},"p":"abcdefgh"}""" },
        { "contentBlockDelta", """{"p":"x","delta":{"text":"a \"quoted\" \u00e9 \ud83d\ude00\n"},"contentBlockIndex":3}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":""}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":null}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":null}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"first"},"delta":{"text":"last"}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"first"},"delta":null}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"a","text":"b"}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"toolUse":{"input":"{\"a\":"}}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"t","reasoningContent":{"text":"r"}}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"unknownKind":{"x":[1,2]},"text":"kept"}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"toolResult":[{"text":"partial"}]}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":"zero","delta":{"text":"x"}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":5}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"toolUse":{"input":5}}}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"x"}} trailing""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"x"}""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":"text"}""" },
        { "contentBlockDelta", """[1]""" },
        { "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"\ud800":1}}""" },
        { "messageStart", """{"role":"assistant","p":"ab"}""" },
        { "messageStart", """{"role":5}""" },
        { "contentBlockStop", """{"contentBlockIndex":0}""" },
        { "messageStop", """{"stopReason":"end_turn"}""" },
        { "messageStop", """{"stopReason":"end_turn" """ },
        { "metadata", """{"usage":{"inputTokens":1,"outputTokens":2,"totalTokens":3},"metrics":{"latencyMs":9}}""" },
        { "somethingNew", """not even JSON""" },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void GivesTheTextTheFullReaderGivesAndFailsWhereItFails(string eventType, string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        string? expected = null;
        JsonException? expectedError = null;
        try
        {
            expected = (ConverseJson.DeserializeStreamEvent(eventType, bytes) as ContentBlockDeltaEvent)?.Delta?.Text;
        }
        catch (JsonException exception)
        {
            expectedError = exception;
        }

        if (expectedError is null)
        {
            Assert.Equal(expected, ConverseJson.DeserializeStreamEventText(eventType, bytes));
        }
        else
        {
            Assert.Equal(expectedError.Message, Assert.ThrowsAny<JsonException>(() => ConverseJson.DeserializeStreamEventText(eventType, bytes)).Message);
        }
    }

    [Fact]
    public void ATextDeltaAllocatesOnlyItsString()
    {
        var payload = """{"contentBlockIndex":0,"delta":{"text":"Hello, world"},"p":"abcdefghijklmnop"}"""u8.ToArray();
        Assert.Equal("Hello, world", ConverseJson.DeserializeStreamEventText("contentBlockDelta", payload));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var text = ConverseJson.DeserializeStreamEventText("contentBlockDelta", payload);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A string of 12 characters on 64-bit: 8 (header) + 8 (method table) + 4 (length) + 2 × (12 + 1), rounded up to 8.
        Assert.Equal("Hello, world", text);
        Assert.Equal(48, allocated);
    }
}
