using System.Text;
using System.Text.Json;

namespace PromptGen.Tests;

/// <summary>Stream event payloads beyond the recordings: every delta kind, every event member, unknowns and bad JSON.</summary>
public class StreamEventJsonTests
{
    public static TheoryData<string> EventTypes => new("messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata");

    [Fact]
    public void ContentBlockStart_ForEveryStartKind()
    {
        var toolUse = Read<ContentBlockStartEvent>("contentBlockStart",
            """{"contentBlockIndex":2,"start":{"toolUse":{"toolUseId":"t1","name":"web_search","type":"server_tool_use"}},"p":"ab"}""");
        var toolResult = Read<ContentBlockStartEvent>("contentBlockStart",
            """{"contentBlockIndex":3,"start":{"toolResult":{"toolUseId":"t1","type":"web_search_result","status":"success"}}}""");
        var image = Read<ContentBlockStartEvent>("contentBlockStart", """{"contentBlockIndex":4,"start":{"image":{"format":"png"}}}""");

        Assert.Equal((2, "t1", "web_search", ToolUseType.ServerToolUse), (toolUse.ContentBlockIndex, toolUse.Start!.ToolUse!.ToolUseId, toolUse.Start.ToolUse.Name, toolUse.Start.ToolUse.Type!.Value));
        Assert.Equal(("t1", "web_search_result", ToolResultStatus.Success), (toolResult.Start!.ToolResult!.ToolUseId, toolResult.Start.ToolResult.Type, toolResult.Start.ToolResult.Status!.Value));
        Assert.Equal(ImageFormat.Png, image.Start!.Image!.Format);
        AssertWritesBack("contentBlockStart", toolUse, """{"contentBlockIndex":2,"start":{"toolUse":{"toolUseId":"t1","name":"web_search","type":"server_tool_use"}}}""");
    }

    [Theory]
    [InlineData("""{"text":"Hello, \"world\" \u00e9\n"}""")]
    [InlineData("""{"toolUse":{"input":"{\"a\": [1"}}""")]
    [InlineData("""{"reasoningContent":{"text":"Let me think."}}""")]
    [InlineData("""{"reasoningContent":{"signature":"EqoBCkgIARABGAIiQL"}}""")]
    [InlineData("""{"reasoningContent":{"redactedContent":"AQID+g=="}}""")]
    [InlineData("""{"toolResult":[{"text":"partial"},{"json":{"hits":[1,2]}}]}""")]
    [InlineData("""{"citation":{"title":"Guide","source":"https://example.com/guide","sourceContent":[{"text":"quoted"}],"location":{"web":{"url":"https://example.com/guide","domain":"example.com"}}}}""")]
    [InlineData("""{"citation":{"location":{"documentChar":{"documentIndex":0,"start":10,"end":42}}}}""")]
    [InlineData("""{"citation":{"location":{"searchResultLocation":{"searchResultIndex":1,"start":0,"end":2}}}}""")]
    [InlineData("""{"image":{"source":{"bytes":"AQID+g=="}}}""")]
    [InlineData("""{"image":{"error":{"message":"blocked"}}}""")]
    public void ContentBlockDelta_EveryDeltaKindReadsAndWritesBack(string delta)
    {
        var payload = $$"""{"contentBlockIndex":7,"delta":{{delta}},"p":"abcdefghijklmnopqrstuvwxyz"}""";

        var read = Read<ContentBlockDeltaEvent>("contentBlockDelta", payload);

        Assert.Equal(7, read.ContentBlockIndex);
        AssertWritesBack("contentBlockDelta", read, $$"""{"contentBlockIndex":7,"delta":{{delta}}}""");
    }

    [Fact]
    public void ContentBlockDelta_ValuesOfEachKind()
    {
        Assert.Equal("Hello, \"world\" é\n", Read<ContentBlockDeltaEvent>("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"Hello, \"world\" \u00e9\n"}}""").Delta!.Text);
        Assert.Equal("{\"a\": [1", Read<ContentBlockDeltaEvent>("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"toolUse":{"input":"{\"a\": [1"}}}""").Delta!.ToolUse!.Input);
        var reasoning = Read<ContentBlockDeltaEvent>("contentBlockDelta", """{"delta":{"reasoningContent":{"redactedContent":"AQID+g=="}},"contentBlockIndex":1}""").Delta!.ReasoningContent!;
        Assert.Equal(new byte[] { 1, 2, 3, 250 }, reasoning.RedactedContent!.Value.ToArray());
        Assert.Null(reasoning.Text);
        var citation = Read<ContentBlockDeltaEvent>("contentBlockDelta",
            """{"contentBlockIndex":0,"delta":{"citation":{"title":"Guide","location":{"documentPage":{"documentIndex":1,"start":3,"end":4}}}}}""").Delta!.Citation!;
        Assert.Equal(("Guide", 1, 3, 4), (citation.Title, citation.Location!.DocumentPage!.DocumentIndex, citation.Location.DocumentPage.Start, citation.Location.DocumentPage.End));
        var toolResult = Read<ContentBlockDeltaEvent>("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"toolResult":[{"text":"partial"},{"json":{"hits":[1,2]}}]}}""").Delta!.ToolResult!;
        Assert.Equal("partial", toolResult[0].Text);
        Assert.Equal(2, toolResult[1].Json!.Value.GetProperty("hits")[1].GetInt32());
    }

    [Fact]
    public void ContentBlockDelta_UnknownDeltaKindAndUnknownMembersAreSkipped()
    {
        var unknown = Read<ContentBlockDeltaEvent>("contentBlockDelta",
            """{"contentBlockIndex":3,"delta":{"hologram":{"title":"t","frames":[{"web":{"url":"https://example.com"}}]}}}""");
        var padded = Read<ContentBlockDeltaEvent>("contentBlockDelta",
            """{"p":"x","future":{"deep":[{"a":[1,{"b":null}]}]},"contentBlockIndex":0,"delta":{"later":[true],"text":"kept","after":"x"},"q":[]}""");
        var nested = Read<ContentBlockDeltaEvent>("contentBlockDelta",
            """{"contentBlockIndex":0,"delta":{"toolUse":{"input":"{}","extra":{"x":1}},"ignored":1}}""");

        Assert.Equal(3, unknown.ContentBlockIndex);
        Assert.True(unknown.Delta is { Text: null, ToolUse: null, ToolResult: null, ReasoningContent: null, Citation: null, Image: null });
        Assert.Equal("kept", padded.Delta!.Text);
        Assert.Equal("{}", nested.Delta!.ToolUse!.Input);
    }

    [Fact]
    public void MessageStart_KnownAndUnknownRoles()
    {
        Assert.Equal(ConversationRole.Assistant, Read<MessageStartEvent>("messageStart", """{"p":"abc","role":"assistant"}""").Role);
        Assert.Equal(new ConversationRole("system"), Read<MessageStartEvent>("messageStart", """{"role":"system","future":{}}""").Role);
    }

    [Fact]
    public void MessageStop_KeepsAdditionalModelResponseFields()
    {
        var stop = Read<MessageStopEvent>("messageStop", """{"additionalModelResponseFields":{"stop_sequence":"END","n":[1]},"p":"abc","stopReason":"stop_sequence"}""");

        Assert.Equal(StopReason.StopSequence, stop.StopReason);
        Assert.Equal("END", stop.AdditionalModelResponseFields!.Value.GetProperty("stop_sequence").GetString());
        AssertWritesBack("messageStop", stop, """{"stopReason":"stop_sequence","additionalModelResponseFields":{"stop_sequence":"END","n":[1]}}""");
    }

    [Fact]
    public void Metadata_CacheTokensTracePerformanceAndTier()
    {
        const string Payload = """
            {"usage":{"inputTokens":100,"outputTokens":20,"totalTokens":120,"cacheReadInputTokens":80,"cacheWriteInputTokens":15,
                      "cacheDetails":[{"ttl":"1h","inputTokens":15}]},
             "metrics":{"latencyMs":321},
             "trace":{"guardrail":{"outputAssessments":{"gr1":[{"contentPolicy":{"filters":[{"type":"HATE","confidence":"LOW","action":"NONE"}]}}]},"actionReason":"none"},
                      "promptRouter":{"invokedModelId":"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"}},
             "performanceConfig":{"latency":"optimized"},
             "serviceTier":{"type":"reserved"},
             "p":"abcdefgh"}
            """;

        var metadata = Read<MetadataEvent>("metadata", Payload);

        Assert.Equal((100, 20, 120, 80, 15), (metadata.Usage!.InputTokens, metadata.Usage.OutputTokens, metadata.Usage.TotalTokens, metadata.Usage.CacheReadInputTokens, metadata.Usage.CacheWriteInputTokens));
        Assert.Equal((CacheTtl.OneHour, 15), (metadata.Usage.CacheDetails![0].Ttl, metadata.Usage.CacheDetails[0].InputTokens));
        Assert.Equal(321, metadata.Metrics!.LatencyMs);
        Assert.Equal("none", metadata.Trace!.Guardrail!.Value.GetProperty("actionReason").GetString());
        Assert.EndsWith("amazon.nova-lite-v1:0", metadata.Trace.PromptRouter!.InvokedModelId, StringComparison.Ordinal);
        Assert.Equal(PerformanceConfigLatency.Optimized, metadata.PerformanceConfig!.Latency);
        Assert.Equal(ServiceTierType.Reserved, metadata.ServiceTier!.Type);
        AssertWritesBack("metadata", metadata, Payload.Replace(",\n \"p\":\"abcdefgh\"", "", StringComparison.Ordinal));
    }

    [Fact]
    public void EventsDoNotReferToThePayloadBuffer()
    {
        // The transport reuses its frame buffer: nothing read from a payload may point into it.
        var buffer = """{"stopReason":"end_turn","additionalModelResponseFields":{"stop_sequence":"END"}}"""u8.ToArray();
        var metadataBuffer = """{"usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2},"metrics":{"latencyMs":1},"trace":{"guardrail":{"actionReason":"kept"}}}"""u8.ToArray();

        var stop = Read<MessageStopEvent>("messageStop", Encoding.UTF8.GetString(buffer));
        var fromSpan = (MessageStopEvent)ConverseJson.DeserializeStreamEvent("messageStop", buffer)!;
        var metadata = (MetadataEvent)ConverseJson.DeserializeStreamEvent("metadata", metadataBuffer)!;
        Array.Fill(buffer, (byte)' ');
        Array.Fill(metadataBuffer, (byte)' ');

        Assert.Equal("END", fromSpan.AdditionalModelResponseFields!.Value.GetProperty("stop_sequence").GetString());
        Assert.Equal(StopReason.EndTurn, fromSpan.StopReason);
        Assert.Equal("kept", metadata.Trace!.Guardrail!.Value.GetProperty("actionReason").GetString());
        Assert.Equal(stop.AdditionalModelResponseFields!.Value.GetRawText(), fromSpan.AdditionalModelResponseFields.Value.GetRawText());
    }

    [Fact]
    public void UnknownEventTypes_AreNull()
    {
        Assert.Null(ConverseJson.DeserializeStreamEvent("someFutureEvent", """{"contentBlockIndex":0}"""u8));
        Assert.Null(ConverseJson.DeserializeStreamEvent("", "not even json"u8));
        Assert.Null(ConverseJson.DeserializeStreamEvent("ContentBlockDelta", "{}"u8)); // event types are case-sensitive
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void EmptyObjectPayload_ReadsAsAnEventWithNothingSet(string eventType) =>
        Assert.NotNull(ConverseJson.DeserializeStreamEvent(eventType, "{ }"u8));

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void InvalidJson_ThrowsJsonExceptionForEveryEventType(string eventType)
    {
        string[] invalid =
        [
            "",
            " ",
            "{",
            """{"contentBlockIndex":0""",
            """{"contentBlockIndex":0,}""",
            """{"delta":{"text":"#""",
            "[]",
            "null",
            "\"text\"",
            "{} {}",
            "{}x",
            """{"p":"abc" "role":"assistant"}""",
            """{"p":'single'}""",
        ];

        foreach (var payload in invalid)
        {
            var bytes = Encoding.UTF8.GetBytes(payload);
            var exception = Record.Exception(() => ConverseJson.DeserializeStreamEvent(eventType, bytes));
            Assert.True(exception is JsonException, $"{eventType} {payload}: {exception?.GetType().Name ?? "no exception"}");
        }
    }

    [Theory]
    [InlineData("contentBlockDelta", """{"contentBlockIndex":"0","delta":{"text":"a"}}""")]
    [InlineData("contentBlockDelta", """{"contentBlockIndex":1.5,"delta":{"text":"a"}}""")]
    [InlineData("contentBlockDelta", """{"contentBlockIndex":4294967296,"delta":{"text":"a"}}""")]
    [InlineData("contentBlockDelta", """{"contentBlockIndex":null,"delta":{"text":"a"}}""")]
    [InlineData("contentBlockDelta", """{"contentBlockIndex":0,"delta":"a"}""")]
    [InlineData("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":5}}""")]
    [InlineData("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"toolUse":{"input":{}}}}""")]
    [InlineData("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"reasoningContent":{"redactedContent":"not base64!"}}}""")]
    [InlineData("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"reasoningContent":[]}}""")]
    [InlineData("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"toolResult":{"text":"a"}}}""")]
    [InlineData("contentBlockStop", """{"contentBlockIndex":true}""")]
    [InlineData("messageStart", """{"role":1}""")]
    [InlineData("messageStop", """{"stopReason":["end_turn"]}""")]
    [InlineData("metadata", """{"usage":{"inputTokens":"many"}}""")]
    [InlineData("contentBlockStart", """{"contentBlockIndex":0,"start":{"toolUse":{"name":3}}}""")]
    public void WrongValueTypes_ThrowJsonException(string eventType, string payload) =>
        Assert.ThrowsAny<JsonException>(() => ConverseJson.DeserializeStreamEvent(eventType, Encoding.UTF8.GetBytes(payload)));

    [Fact]
    public void InvalidUtf8InAStringThatIsRead_ThrowsJsonException()
    {
        byte[] text = [.. """{"contentBlockIndex":0,"delta":{"text":"a"""u8, 0xff, .. "\"}}"u8];
        byte[] input = [.. """{"contentBlockIndex":0,"delta":{"toolUse":{"input":"a"""u8, 0xc3, .. "\"}}}"u8];
        byte[] role = [.. """{"role":"x"""u8, 0xff, .. "\"}"u8];

        Assert.ThrowsAny<JsonException>(() => ConverseJson.DeserializeStreamEvent("contentBlockDelta", text));
        Assert.ThrowsAny<JsonException>(() => ConverseJson.DeserializeStreamEvent("contentBlockDelta", input));
        Assert.ThrowsAny<JsonException>(() => ConverseJson.DeserializeStreamEvent("messageStart", role));
    }

    [Fact]
    public void TextDelta_AllocatesOnlyTheEventTheDeltaAndTheText()
    {
        var payload = """{"contentBlockIndex":0,"delta":{"text":"Hello"},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"}"""u8.ToArray();
        var longPadding = Encoding.UTF8.GetBytes($$"""{"contentBlockIndex":0,"delta":{"text":"Hello"},"p":"{{new string('x', 4000)}}"}""");
        ConverseJson.DeserializeStreamEvent("contentBlockDelta", payload); // warm up: static metadata is built once

        var perEvent = AllocatedPerCall(payload);
        var perPaddedEvent = AllocatedPerCall(longPadding);

        // Exactly what the caller keeps: the event, its delta and the five-character text, measured the same way.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var kept = new ContentBlockDeltaEvent { Delta = new ContentBlockDelta { Text = new string('H', 5) } };
        var expected = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(kept);

        Assert.Equal(expected, perEvent);
        Assert.Equal(expected, perPaddedEvent);
    }

    private static long AllocatedPerCall(byte[] payload)
    {
        const int Calls = 100;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            ConverseJson.DeserializeStreamEvent("contentBlockDelta", payload);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
    }

    private static T Read<T>(string eventType, string payload) where T : ConverseStreamEvent =>
        Assert.IsType<T>(ConverseJson.DeserializeStreamEvent(eventType, Encoding.UTF8.GetBytes(payload)));

    private static void AssertWritesBack(string expectedEventType, ConverseStreamEvent streamEvent, string expectedPayload)
    {
        var payload = ConverseJson.SerializeStreamEvent(streamEvent, out var eventType);
        Assert.Equal(expectedEventType, eventType);
        JsonAssert.Equal(expectedPayload, payload);
    }
}
