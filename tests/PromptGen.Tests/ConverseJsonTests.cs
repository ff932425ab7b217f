using System.Text;
using System.Text.Json;

namespace PromptGen.Tests;

public class ConverseJsonTests
{
    [Fact]
    public void Request_WritesOnlyWhatIsSet()
    {
        var request = new ConverseRequest
        {
            ModelId = "m",
            Messages = [Message.FromUserText("Hi")],
            System = [],
            InferenceConfig = new InferenceConfiguration { StopSequences = [] },
        };

        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"Hi"}]}],"inferenceConfig":{}}""",
            Encoding.UTF8.GetString(ConverseJson.SerializeRequest(request)));
    }

    [Fact]
    public void StreamEvents_SkipUnknownFieldsAndKeepUnknownStopReasons()
    {
        var delta = (ContentBlockDeltaEvent)ConverseJson.DeserializeStreamEvent(
            "contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"Hello"},"p":"abcdefgh"}"""u8)!;
        var stop = (MessageStopEvent)ConverseJson.DeserializeStreamEvent("messageStop", """{"stopReason":"brand_new_reason","p":"ab"}"""u8)!;
        var metadata = (MetadataEvent)ConverseJson.DeserializeStreamEvent(
            "metadata", """{"metrics":{"latencyMs":412},"p":"x","usage":{"inputTokens":20,"outputTokens":12,"totalTokens":32}}"""u8)!;

        Assert.Equal("Hello", delta.Delta!.Text);
        Assert.Equal(new StopReason("brand_new_reason"), stop.StopReason);
        Assert.Equal(412, metadata.Metrics!.LatencyMs);
        Assert.Equal(32, metadata.Usage!.TotalTokens);
        Assert.Null(ConverseJson.DeserializeStreamEvent("someFutureEvent", "{}"u8));
    }

    [Fact]
    public void StreamEvents_InvalidJsonThrowsJsonException() =>
        Assert.ThrowsAny<JsonException>(() => ConverseJson.DeserializeStreamEvent("contentBlockDelta", """{"delta":{"text":"#"""u8));

    [Fact]
    public void Response_TextIsTheConcatenatedTextBlocks()
    {
        var response = ConverseJson.DeserializeResponse(
            """{"output":{"message":{"role":"assistant","content":[{"text":"Hello"},{"text":" world"}]}},"stopReason":"end_turn","usage":{"inputTokens":1,"outputTokens":2,"totalTokens":3},"metrics":{"latencyMs":5}}"""u8);

        Assert.Equal("Hello world", response.GetText());
        Assert.Equal(StopReason.EndTurn, response.StopReason);
        Assert.Equal(ConversationRole.Assistant, response.Output!.Message!.Role);
    }
}
