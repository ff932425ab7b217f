using Amazon.Runtime.EventStreams.Internal;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PromptGen.Bedrock.EventStream;

namespace PromptGen.Benchmarks.Decoding;

/// <summary>
/// PromptGen's <see cref="EventStreamReader"/> against AWSSDK.Core's own <see cref="EventStreamDecoder"/>, on the same
/// bytes read from the same kind of stream in the same chunks: the recorded Bedrock bodies and 1,000 synthetic
/// contentBlockDelta frames, read 8 KiB at a time with every read completing at once; and the same 1,000 frames
/// trickling in one frame per read, every read completing asynchronously, as tokens arrive from a model. Each side
/// decodes every frame, verifies both checksums, reads the <c>:message-type</c> and <c>:event-type</c> headers as
/// strings and takes the payload. Figures are per frame.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class EventStreamDecodingBenchmarks
{
    private const int SyntheticFrameCount = 1000;

    // The AWS SDK reads the response stream into a buffer of EventOutputStream.BufferSize bytes (8192 by default) and
    // hands each read to EventStreamDecoder.ProcessData; the stream here returns at most that much per read to both.
    private const int ReadLength = 8192;

    private const string Recorded = "Recorded";
    private const string Synthetic = "Synthetic";
    private const string Trickled = "Trickled";

    private readonly byte[] _awsReadBuffer = new byte[ReadLength];
    private readonly EventHandler<EventStreamMessageReceivedEventArgs> _onAwsMessage;
    private ChunkedReadStream _recorded = null!;
    private ChunkedReadStream _synthetic = null!;
    private ChunkedReadStream _trickled = null!;
    private FrameTally _awsTally;
    private bool _awsStreamEnded;

    public EventStreamDecodingBenchmarks()
    {
        _onAwsMessage = OnAwsMessage;
    }

    [GlobalSetup]
    public void Setup()
    {
        _recorded = new ChunkedReadStream(BedrockStreamBytes.Recorded(), ReadLength);
        var deltas = BedrockStreamBytes.TextDeltaFrames(SyntheticFrameCount);
        _synthetic = new ChunkedReadStream(deltas, ReadLength);
        _trickled = new ChunkedReadStream(deltas, deltas.Length / SyntheticFrameCount, completeAsynchronously: true);

        // Both decoders must see the same frames, headers and payloads, or the comparison means nothing.
        Check(Recorded, AwsRecorded, PromptGenRecorded, BedrockStreamBytes.RecordedFrameCount);
        Check(Synthetic, AwsSynthetic, PromptGenSynthetic, SyntheticFrameCount);
        Check(Trickled, AwsTrickled, PromptGenTrickled, SyntheticFrameCount);
    }

    [Benchmark(Baseline = true, Description = "AWSSDK.Core EventStreamDecoder, recorded (105 frames)", OperationsPerInvoke = BedrockStreamBytes.RecordedFrameCount)]
    [BenchmarkCategory(Recorded)]
    public ValueTask<FrameTally> AwsRecorded() => DecodeWithAwsAsync(_recorded);

    [Benchmark(Description = "PromptGen EventStreamReader, recorded (105 frames)", OperationsPerInvoke = BedrockStreamBytes.RecordedFrameCount)]
    [BenchmarkCategory(Recorded)]
    public ValueTask<FrameTally> PromptGenRecorded() => DecodeWithPromptGenAsync(_recorded);

    [Benchmark(Baseline = true, Description = "AWSSDK.Core EventStreamDecoder, 1,000 contentBlockDelta", OperationsPerInvoke = SyntheticFrameCount)]
    [BenchmarkCategory(Synthetic)]
    public ValueTask<FrameTally> AwsSynthetic() => DecodeWithAwsAsync(_synthetic);

    [Benchmark(Description = "PromptGen EventStreamReader, 1,000 contentBlockDelta", OperationsPerInvoke = SyntheticFrameCount)]
    [BenchmarkCategory(Synthetic)]
    public ValueTask<FrameTally> PromptGenSynthetic() => DecodeWithPromptGenAsync(_synthetic);

    [Benchmark(Baseline = true, Description = "AWSSDK.Core EventStreamDecoder, 1,000 trickled, async reads", OperationsPerInvoke = SyntheticFrameCount)]
    [BenchmarkCategory(Trickled)]
    public ValueTask<FrameTally> AwsTrickled() => DecodeWithAwsAsync(_trickled);

    [Benchmark(Description = "PromptGen EventStreamReader, 1,000 trickled, async reads", OperationsPerInvoke = SyntheticFrameCount)]
    [BenchmarkCategory(Trickled)]
    public ValueTask<FrameTally> PromptGenTrickled() => DecodeWithPromptGenAsync(_trickled);

    private static async ValueTask<FrameTally> DecodeWithPromptGenAsync(ChunkedReadStream stream)
    {
        stream.Rewind();
        var tally = default(FrameTally);
        using var reader = new EventStreamReader(stream, leaveOpen: true);
        while (await reader.ReadNextAsync())
        {
            tally.Add(reader.MessageType, reader.EventType, reader.Payload.Length);
        }

        return tally;
    }

    // One after the other: the two share the stream.
    private static void Check(string input, Func<ValueTask<FrameTally>> aws, Func<ValueTask<FrameTally>> promptGen, int expectedFrames)
    {
        var awsTally = aws().AsTask().GetAwaiter().GetResult();
        var promptGenTally = promptGen().AsTask().GetAwaiter().GetResult();
        if (awsTally != promptGenTally || awsTally.Frames != expectedFrames || awsTally.Events != expectedFrames)
        {
            throw new InvalidOperationException(
                $"{input}: the decoders disagree or miss frames (expected {expectedFrames}): AWS {awsTally}, PromptGen {promptGenTally}.");
        }
    }

    // As the SDK's EnumerableEventOutputStream.GetAsyncEnumerator does: await ReadFromStreamAsync until the stream ends.
    private async ValueTask<FrameTally> DecodeWithAwsAsync(ChunkedReadStream stream)
    {
        stream.Rewind();
        _awsTally = default;
        _awsStreamEnded = false;
        using var decoder = new EventStreamDecoder();
        decoder.MessageReceived += _onAwsMessage;
        while (!_awsStreamEnded)
        {
            await ReadFromStreamAsync(stream, decoder);
        }

        return _awsTally;
    }

    // As the SDK's EventOutputStream.ReadFromStreamAsync does: read into the buffer, give the decoder what was read.
    private async Task ReadFromStreamAsync(ChunkedReadStream stream, EventStreamDecoder decoder)
    {
        var read = await stream.ReadAsync(_awsReadBuffer);
        if (read > 0)
        {
            decoder.ProcessData(_awsReadBuffer, 0, read);
        }
        else
        {
            _awsStreamEnded = true;
        }
    }

    // The headers the SDK's EventOutputStream.ConvertMessageToEvent reads before it dispatches on the event type.
    private void OnAwsMessage(object? sender, EventStreamMessageReceivedEventArgs e)
    {
        var headers = e.Message.Headers;
        var messageType = headers.TryGetValue(":message-type", out var messageTypeHeader) ? messageTypeHeader.AsString() : null;
        var eventType = headers.TryGetValue(":event-type", out var eventTypeHeader) ? eventTypeHeader.AsString() : null;
        _awsTally.Add(messageType, eventType, e.Message.Payload.Length);
    }
}
