using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptGen.Bedrock.EventStream;

namespace PromptGen.Bedrock.Tests;

/// <summary>Real ConverseStream responses recorded against Amazon Bedrock decode frame for frame.</summary>
public sealed class RecordedStreamTests
{
    public static TheoryData<string, bool> Recordings()
    {
        var data = new TheoryData<string, bool>();
        foreach (var file in TestVectors.FilesIn("bedrock", "recorded").Where(path => path.EndsWith(".response.bin", StringComparison.Ordinal)))
        {
            var name = Path.GetFileName(file)[..^".response.bin".Length];
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    [Fact]
    public void AllFiveRecordingsAreCovered() => Assert.Equal(10, Recordings().Count);

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task DecodesEveryFrameOfTheRecording(string name, bool oneBytePerRead)
    {
        var bytes = File.ReadAllBytes(TestVectors.PathOf("bedrock", "recorded", name + ".response.bin"));
        var expectedFrames = File.ReadAllLines(TestVectors.PathOf("bedrock", "recorded", name + ".decoded.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonNode.Parse(line)!)
            .ToArray();
        Stream stream = oneBytePerRead ? new SlicedReadStream(bytes, 1) : new MemoryStream(bytes);

        using var reader = new EventStreamReader(stream);
        var text = new StringBuilder();
        var frameCount = 0;
        while (await reader.ReadNextAsync())
        {
            var expected = expectedFrames[frameCount++];
            AssertHeadersEqual(expected, reader.CurrentFrame);
            Assert.Equal(expected["headers"]![":event-type"]!.GetValue<string>(), reader.EventType);
            Assert.Equal(expected["headers"]![":message-type"]!.GetValue<string>(), reader.MessageType);
            Assert.Equal(expected["headers"]![":content-type"]!.GetValue<string>(), reader.ContentType);
            Assert.True(
                JsonNode.DeepEquals(expected["payload"], JsonNode.Parse(reader.Payload.Span)),
                $"Frame {frameCount} payload differs: {Encoding.UTF8.GetString(reader.Payload.Span)}");

            if (ConverseJson.DeserializeStreamEvent(reader.EventType!, reader.Payload.Span) is ContentBlockDeltaEvent { Delta.Text: { } delta })
            {
                text.Append(delta);
            }
        }

        Assert.Equal(expectedFrames.Length, frameCount);
        Assert.Equal(ExpectedText(expectedFrames), text.ToString());
    }

    [Fact]
    public async Task BasicRecordingStreamsTheExactAnswer()
    {
        var bytes = File.ReadAllBytes(TestVectors.PathOf("bedrock", "recorded", "should-handle-basic-converse-stream-responses.response.bin"));
        using var reader = new EventStreamReader(new SlicedReadStream(bytes, 1, 3, 7));
        var text = new StringBuilder();
        while (await reader.ReadNextAsync())
        {
            if (ConverseJson.DeserializeStreamEvent(reader.EventType!, reader.Payload.Span) is ContentBlockDeltaEvent { Delta.Text: { } delta })
            {
                text.Append(delta);
            }
        }

        Assert.Equal(
            "Hello! As an AI language model, I don't have feelings, but I'm functioning well and ready to assist you. How can I help you today?",
            text.ToString());
    }

    [Fact]
    public async Task RoutingHeadersOfCommonFramesAreCachedStrings()
    {
        var bytes = File.ReadAllBytes(TestVectors.PathOf("bedrock", "recorded", "should-handle-basic-converse-stream-responses.response.bin"));
        using var reader = new EventStreamReader(new MemoryStream(bytes));
        var seen = new List<string>();
        while (await reader.ReadNextAsync())
        {
            Assert.Same(string.IsInterned(reader.MessageType!) ?? "", reader.MessageType);
            Assert.Same(string.IsInterned(reader.EventType!) ?? "", reader.EventType);
            seen.Add(reader.EventType!);
        }

        Assert.Contains("contentBlockDelta", seen);
    }

    [Fact]
    public void ReadingFramesAllocatesAlmostNothing()
    {
        var bytes = File.ReadAllBytes(TestVectors.PathOf("bedrock", "recorded", "should-handle-amazon-nova-models-with-streaming.response.bin"));
        Assert.Equal(44, CountFrames(bytes)); // warm up the pool and the JIT

        var before = GC.GetAllocatedBytesForCurrentThread();
        var frames = CountFrames(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(44, frames);

        // The MemoryStream and the reader object itself; nothing per frame (44 frames would cost kilobytes).
        Assert.True(allocated < 1024, $"Reading {frames} frames allocated {allocated} bytes.");
    }

    private static int CountFrames(byte[] bytes)
    {
        using var reader = new EventStreamReader(new MemoryStream(bytes));
        var frames = 0;

        // MemoryStream completes every read synchronously, so the ValueTask never allocates a task.
        while (reader.ReadNextAsync().GetAwaiter().GetResult())
        {
            frames++;
        }

        return frames;
    }

    private static void AssertHeadersEqual(JsonNode expected, EventStreamFrame frame)
    {
        var expectedHeaders = expected["headers"]!.AsObject();
        var expectedTypes = expected["header_types"]!.AsObject();
        var count = 0;
        foreach (var header in frame.EnumerateHeaders())
        {
            var name = header.GetName();
            Assert.Equal(expectedTypes[name]!.GetValue<int>(), (int)header.Type);
            Assert.Equal(expectedHeaders[name]!.GetValue<string>(), header.GetString());
            count++;
        }

        Assert.Equal(expectedHeaders.Count, count);
    }

    private static string ExpectedText(IEnumerable<JsonNode> frames) => string.Concat(
        frames
            .Where(frame => frame["headers"]![":event-type"]!.GetValue<string>() == "contentBlockDelta")
            .Select(frame => frame["payload"]!["delta"]!["text"]?.GetValue<string>()));
}
