using System.Text;
using System.Text.Json;

namespace PromptGen.Tests;

/// <summary>
/// Every recorded ConverseStream body (tests/TestData/bedrock/recorded/*.decoded.jsonl beside *.response.bin):
/// each frame's payload bytes, exactly as Bedrock sent them (with its random "p" padding), go through
/// <see cref="ConverseJson.DeserializeStreamEvent"/>.
/// </summary>
public class RecordedStreamEventTests
{
    public static TheoryData<string> Streams => new(StreamNames());

    [Fact]
    public void AllFiveRecordedStreamsAreFound() =>
        Assert.Equal(
            [
                "should-handle-amazon-nova-models-with-streaming",
                "should-handle-basic-converse-stream-responses",
                "should-handle-converse-stream-reasoning-content.SYNTHETIC",
                "should-handle-streaming-tool-calls-and-responses",
                "should-handle-system-prompts-with-streaming-responses",
            ],
            StreamNames());

    [Theory]
    [MemberData(nameof(Streams))]
    public void EveryFrame_ReadsAsItsEvent_AndTheTextIsTheDecodedText(string stream)
    {
        var frames = Load(stream);
        var events = frames.Select(frame => ConverseJson.DeserializeStreamEvent(frame.EventType, frame.Payload)).ToList();

        for (var i = 0; i < frames.Count; i++)
        {
            var expectedType = frames[i].EventType switch
            {
                "messageStart" => typeof(MessageStartEvent),
                "contentBlockStart" => typeof(ContentBlockStartEvent),
                "contentBlockDelta" => typeof(ContentBlockDeltaEvent),
                "contentBlockStop" => typeof(ContentBlockStopEvent),
                "messageStop" => typeof(MessageStopEvent),
                "metadata" => typeof(MetadataEvent),
                var other => throw new InvalidOperationException($"Unexpected event type {other} in {stream}."),
            };
            Assert.IsType(expectedType, events[i]);
            if (events[i] is ContentBlockDeltaEvent delta)
            {
                Assert.Equal(frames[i].DecodedPayload.GetProperty("contentBlockIndex").GetInt32(), delta.ContentBlockIndex);
            }
        }

        // The oracle is the independent decode: every "text" delta of the JSON lines, concatenated.
        var expectedText = string.Concat(frames
            .Where(frame => frame.EventType == "contentBlockDelta" && frame.DecodedPayload.GetProperty("delta").TryGetProperty("text", out _))
            .Select(frame => frame.DecodedPayload.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal(expectedText, string.Concat(events.OfType<ContentBlockDeltaEvent>().Select(e => e.Delta!.Text)));
        Assert.Equal(ConversationRole.Assistant, Assert.IsType<MessageStartEvent>(events[0]).Role);
        Assert.IsType<MetadataEvent>(events[^1]);
    }

    [Theory]
    [InlineData("should-handle-amazon-nova-models-with-streaming", 44, "max_tokens", 5, 100, 105, 753L)]
    [InlineData("should-handle-basic-converse-stream-responses", 16, "end_turn", 13, 35, 48, 1118L)]
    [InlineData("should-handle-converse-stream-reasoning-content.SYNTHETIC", 12, "end_turn", 10, 20, 30, 500L)]
    [InlineData("should-handle-streaming-tool-calls-and-responses", 27, "tool_use", 414, 114, 528, 3504L)]
    [InlineData("should-handle-system-prompts-with-streaming-responses", 6, "end_turn", 37, 14, 51, 639L)]
    public void Stream_EndsWithItsStopReasonUsageAndLatency(string stream, int frameCount, string stopReason, int input, int output, int total, long latencyMs)
    {
        var events = Read(stream);

        Assert.Equal(frameCount, events.Count);
        Assert.Equal(new StopReason(stopReason), Assert.IsType<MessageStopEvent>(events[^2]).StopReason);
        var metadata = Assert.IsType<MetadataEvent>(events[^1]);
        Assert.Equal((input, output, total), (metadata.Usage!.InputTokens, metadata.Usage.OutputTokens, metadata.Usage.TotalTokens));
        Assert.Null(metadata.Usage.CacheReadInputTokens);
        Assert.Null(metadata.Usage.CacheWriteInputTokens);
        Assert.Equal(latencyMs, metadata.Metrics!.LatencyMs);
        Assert.Null(metadata.Trace);
    }

    [Fact]
    public void TextStreams_HaveTheRecordedText()
    {
        Assert.Equal(
            "Hello! As an AI language model, I don't have feelings, but I'm functioning well and ready to assist you. How can I help you today?",
            Text(Read("should-handle-basic-converse-stream-responses")));
        Assert.Equal("The capital of France is Paris. Hope this helps!", Text(Read("should-handle-system-prompts-with-streaming-responses")));
        Assert.StartsWith("Photosynthesis is the process by which green plants,", Text(Read("should-handle-amazon-nova-models-with-streaming")), StringComparison.Ordinal);
    }

    [Fact]
    public void ToolUseStream_StartsTheToolAndItsInputFragmentsConcatenateToJson()
    {
        var events = Read("should-handle-streaming-tool-calls-and-responses");

        var start = Assert.Single(events.OfType<ContentBlockStartEvent>());
        Assert.Equal(1, start.ContentBlockIndex);
        Assert.Equal("tooluse_wnjikhCUTruJciycmmm5Kg", start.Start!.ToolUse!.ToolUseId);
        Assert.Equal("get_weather", start.Start.ToolUse.Name);
        Assert.Null(start.Start.ToolUse.Type);

        var fragments = events.OfType<ContentBlockDeltaEvent>().Where(e => e.Delta!.ToolUse is not null).ToList();
        Assert.Equal(12, fragments.Count);
        Assert.All(fragments, fragment => Assert.Equal(1, fragment.ContentBlockIndex));
        Assert.All(fragments, fragment => Assert.Null(fragment.Delta!.Text));
        Assert.Equal("", fragments[0].Delta!.ToolUse!.Input);
        var input = string.Concat(fragments.Select(fragment => fragment.Delta!.ToolUse!.Input));
        Assert.Equal("""{"location": "San Francisco, CA", "unit": "fahrenheit"}""", input);
        using var parsed = JsonDocument.Parse(input);
        Assert.Equal("fahrenheit", parsed.RootElement.GetProperty("unit").GetString());

        Assert.Equal(
            "I can certainly help you with the weather in San Francisco, but I'm afraid I don't have a specific tool to check the current time there. Let me get the weather information for you.",
            Text(events));
        Assert.Equal([0, 1], events.OfType<ContentBlockStopEvent>().Select(e => e.ContentBlockIndex));
    }

    [Fact]
    public void ReasoningStream_HasReasoningTextSignatureAndRedactedContent()
    {
        var deltas = Read("should-handle-converse-stream-reasoning-content.SYNTHETIC").OfType<ContentBlockDeltaEvent>().ToList();

        var reasoning = deltas.Where(d => d.ContentBlockIndex == 0).Select(d => d.Delta!.ReasoningContent!).ToList();
        Assert.Equal("Let me think about this. 6 * 7 = 42.", string.Concat(reasoning.Select(r => r.Text)));
        Assert.Equal("test-signature-token", Assert.Single(reasoning, r => r.Signature is not null).Signature);
        Assert.All(reasoning, r => Assert.Null(r.RedactedContent));

        Assert.Equal("The answer is 42.", Assert.Single(deltas, d => d.ContentBlockIndex == 1).Delta!.Text);

        var redacted = deltas.Where(d => d.ContentBlockIndex == 2).Select(d => d.Delta!.ReasoningContent!.RedactedContent!.Value.ToArray());
        Assert.Equal("opaque-encrypted-reasoning-bytes", Encoding.UTF8.GetString(redacted.SelectMany(bytes => bytes).ToArray()));
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void EveryEvent_SerializesBackToItsPayloadWithoutThePadding(string stream)
    {
        foreach (var frame in Load(stream))
        {
            var streamEvent = ConverseJson.DeserializeStreamEvent(frame.EventType, frame.Payload)!;

            var payload = ConverseJson.SerializeStreamEvent(streamEvent, out var eventType);

            Assert.Equal(frame.EventType, eventType);
            var expected = JsonSerializer.SerializeToElement(
                frame.DecodedPayload.EnumerateObject().Where(p => p.Name != "p").ToDictionary(p => p.Name, p => p.Value),
                JsonTestContext.Default.DictionaryStringJsonElement);
            JsonAssert.Equal(expected, JsonDocument.Parse(payload).RootElement);
        }
    }

    private static string[] StreamNames() =>
        Directory.EnumerateFiles(TestVectors.PathOf("bedrock", "recorded"), "*.decoded.jsonl")
            .Select(path => Path.GetFileName(path)[..^".decoded.jsonl".Length])
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static IReadOnlyList<RecordedFrame> Load(string stream) =>
        RecordedFrame.Load(TestVectors.PathOf("bedrock", "recorded", stream + ".decoded.jsonl"));

    private static List<ConverseStreamEvent> Read(string stream) =>
        Load(stream).Select(frame => ConverseJson.DeserializeStreamEvent(frame.EventType, frame.Payload)!).ToList();

    private static string Text(IEnumerable<ConverseStreamEvent> events) =>
        string.Concat(events.OfType<ContentBlockDeltaEvent>().Select(e => e.Delta!.Text));
}
