using System.Text.Json;
using PromptGen.Bedrock.EventStream;

namespace PromptGen.Bedrock.Tests.Fuzzing;

/// <summary>The routing headers of a frame, computed by the harness from the frame's headers, independently of the reader.</summary>
internal readonly record struct RoutingHeaders(
    string? MessageType,
    string? EventType,
    string? ExceptionType,
    string? ContentType,
    string? ErrorCode,
    string? ErrorMessage);

/// <summary>A frame the whole-buffer decode accepted.</summary>
internal sealed record DecodedFrame(int Offset, int Length, RoutingHeaders Routing, ReadOnlyMemory<byte> Payload);

/// <summary>What decoding an input gives: the frames before the end, and why it stopped (null: a clean end).</summary>
internal sealed record DecodeOutcome(IReadOnlyList<DecodedFrame> Frames, EventStreamErrorReason? Error);

/// <summary>
/// Runs one input through every decoding path and checks they agree: the span decoder over the whole buffer (the
/// reference), <see cref="EventStreamFrame.Decode"/> on the whole input, and <see cref="EventStreamReader"/> over
/// a <see cref="MemoryStream"/> and over a stream that returns reads of random sizes. Every path must either give
/// frames or throw <see cref="EventStreamException"/> with a defined reason; the decoded event payloads go through
/// <see cref="ConverseJson.DeserializeStreamEvent"/>, which must return an event or null, or throw
/// <see cref="JsonException"/>. Anything else escapes as a test failure.
/// </summary>
internal static class EventStreamFuzzHarness
{
    private static readonly int[] s_maxSliceLengths = [1, 2, 3, 7, 13, 64, 512, 4096, int.MaxValue];

    private static readonly string[] s_knownEventTypes =
        ["messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"];

    /// <summary>Checks one input along every path, counting its outcome.</summary>
    /// <returns>The reference decode, for the checks of the pass.</returns>
    public static async Task<DecodeOutcome> CheckAsync(byte[] input, Random random, FuzzStatistics statistics)
    {
        var expected = DecodeWhole(input);
        statistics.Count(expected.Error is { } reason ? $"ends with {reason}" : "ends cleanly");
        statistics.Count("frames decoded", expected.Frames.Count);

        CheckSingleFrameDecode(input, expected);

        var fromMemory = await ReadAllAsync(input, new MemoryStream(input, writable: false), expected);
        Assert.Equal(expected.Error, fromMemory);

        // Long inputs in tiny reads are slow and add little over short ones: byte-at-a-time reads are for short inputs.
        var maxSlice = input.Length <= 512
            ? s_maxSliceLengths[random.Next(s_maxSliceLengths.Length)]
            : s_maxSliceLengths[random.Next(4, s_maxSliceLengths.Length)];

        var fromSlices = await ReadAllAsync(input, new FuzzReadStream(input, random, maxSlice), expected);
        Assert.Equal(expected.Error, fromSlices);

        foreach (var frame in expected.Frames)
        {
            CheckPayload(frame, statistics);
        }

        // One payload read as another event type: more shapes for the JSON readers to meet.
        if (expected.Frames.Count > 0 && expected.Frames[random.Next(expected.Frames.Count)] is { Routing.MessageType: "event" } other)
        {
            DeserializeEvent(s_knownEventTypes[random.Next(s_knownEventTypes.Length)], other.Payload.Span, statistics, out _);
        }

        return expected;
    }

    /// <summary>The reference decode: the span API over the whole buffer, frame after frame.</summary>
    public static DecodeOutcome DecodeWhole(byte[] input)
    {
        var frames = new List<DecodedFrame>();
        var offset = 0;
        try
        {
            while (offset < input.Length)
            {
                var remaining = input.AsSpan(offset);
                if (remaining.Length < EventStreamFrame.PreludeLength)
                {
                    return new DecodeOutcome(frames, EventStreamErrorReason.TruncatedFrame);
                }

                var (totalLength, headersLength) = EventStreamFrame.ReadPrelude(remaining[..EventStreamFrame.PreludeLength]);
                Assert.InRange(totalLength, EventStreamFrame.MinFrameLength, EventStreamFrame.MaxFrameLength);
                Assert.InRange(headersLength, 0, Math.Min(EventStreamFrame.MaxHeadersLength, totalLength - EventStreamFrame.MinFrameLength));
                if (remaining.Length < totalLength)
                {
                    return new DecodeOutcome(frames, EventStreamErrorReason.TruncatedFrame);
                }

                var frame = EventStreamFrame.Decode(remaining[..totalLength]);
                Assert.Equal(totalLength, frame.TotalLength);
                Assert.Equal(headersLength, frame.HeadersLength);
                var routing = ReadHeaders(frame);
                frames.Add(new DecodedFrame(
                    offset,
                    totalLength,
                    routing,
                    input.AsMemory(offset + EventStreamFrame.PreludeLength + headersLength, frame.Payload.Length)));
                offset += totalLength;
            }

            return new DecodeOutcome(frames, null);
        }
        catch (EventStreamException exception)
        {
            Assert.True(Enum.IsDefined(exception.Reason), $"Undefined reason {(int)exception.Reason}.");
            return new DecodeOutcome(frames, exception.Reason);
        }
    }

    /// <summary>
    /// Reads every frame with an <see cref="EventStreamReader"/>, checking each against the reference decode.
    /// </summary>
    /// <returns>The reason the reader stopped, or null for a clean end.</returns>
    public static async Task<EventStreamErrorReason?> ReadAllAsync(byte[] input, Stream stream, DecodeOutcome expected)
    {
        // Guard: a finite input holds at most one frame per 16 bytes; a reader that returns more is looping.
        var frameCap = (input.Length / EventStreamFrame.MinFrameLength) + 1;
        using var reader = new EventStreamReader(stream);
        var count = 0;
        try
        {
            while (await reader.ReadNextAsync())
            {
                if (count >= frameCap)
                {
                    throw new FuzzGuardException($"The reader returned more than {frameCap} frames from {input.Length} bytes.");
                }

                if (count >= expected.Frames.Count)
                {
                    Assert.Fail($"The reader returned frame {count}, which the reference decode rejected ({expected.Error}).");
                }

                var frame = expected.Frames[count++];
                if (!reader.CurrentFrame.Bytes.SequenceEqual(input.AsSpan(frame.Offset, frame.Length)))
                {
                    Assert.Fail($"The frame at {frame.Offset} was reassembled wrong.");
                }

                if (!reader.Payload.Span.SequenceEqual(frame.Payload.Span))
                {
                    Assert.Fail($"The payload of the frame at {frame.Offset} differs.");
                }

                Assert.Equal(frame.Routing, new RoutingHeaders(reader.MessageType, reader.EventType, reader.ExceptionType, reader.ContentType, reader.ErrorCode, reader.ErrorMessage));
            }
        }
        catch (EventStreamException exception)
        {
            Assert.True(Enum.IsDefined(exception.Reason), $"Undefined reason {(int)exception.Reason}.");
            Assert.Equal(expected.Frames.Count, count);
            Assert.False(string.IsNullOrEmpty(exception.Message));
            return exception.Reason;
        }

        Assert.Equal(expected.Frames.Count, count);
        return null;
    }

    /// <summary>The routing headers, decoded the way the reader documents it: string-typed, the last one wins.</summary>
    public static RoutingHeaders ReadHeaders(EventStreamFrame frame)
    {
        string? messageType = null, eventType = null, exceptionType = null, contentType = null, errorCode = null, errorMessage = null;
        foreach (var header in frame.EnumerateHeaders())
        {
            if (!Enum.IsDefined(header.Type))
            {
                Assert.Fail($"Header type {(byte)header.Type} passed validation.");
            }

            Assert.False(header.Name.IsEmpty);
            _ = header.GetName();
            switch (header.Type)
            {
                case EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse:
                    Assert.Equal(header.Type == EventStreamHeaderType.BoolTrue, header.GetBoolean());
                    break;
                case EventStreamHeaderType.Byte:
                    _ = header.GetSByte();
                    break;
                case EventStreamHeaderType.Int16:
                    _ = header.GetInt16();
                    break;
                case EventStreamHeaderType.Int32:
                    _ = header.GetInt32();
                    break;
                case EventStreamHeaderType.Int64:
                    _ = header.GetInt64();
                    break;
                case EventStreamHeaderType.Timestamp:
                    CheckTimestamp(header);
                    break;
                case EventStreamHeaderType.Uuid:
                    _ = header.GetUuid();
                    break;
                case EventStreamHeaderType.ByteArray:
                    CheckNotAString(header);
                    break;
                case EventStreamHeaderType.String:
                    var value = header.GetString();
                    if (header.NameEquals(":message-type"u8))
                    {
                        messageType = value;
                    }
                    else if (header.NameEquals(":event-type"u8))
                    {
                        eventType = value;
                    }
                    else if (header.NameEquals(":exception-type"u8))
                    {
                        exceptionType = value;
                    }
                    else if (header.NameEquals(":content-type"u8))
                    {
                        contentType = value;
                    }
                    else if (header.NameEquals(":error-code"u8))
                    {
                        errorCode = value;
                    }
                    else if (header.NameEquals(":error-message"u8))
                    {
                        errorMessage = value;
                    }

                    break;
            }
        }

        return new RoutingHeaders(messageType, eventType, exceptionType, contentType, errorCode, errorMessage);
    }

    /// <summary>Deserializes a payload as the event its frame names, checking the result or the JsonException.</summary>
    /// <returns>The event, or null when the type is unknown or the payload is not valid for it.</returns>
    public static ConverseStreamEvent? DeserializeEvent(string eventType, ReadOnlySpan<byte> payload, FuzzStatistics statistics, out bool isInvalid)
    {
        isInvalid = false;
        try
        {
            var streamEvent = ConverseJson.DeserializeStreamEvent(eventType, payload);
            if (streamEvent is null)
            {
                Assert.DoesNotContain(eventType, s_knownEventTypes);
                statistics.Count("json: unknown event type, skipped");
                return null;
            }

            Assert.Equal(ExpectedEventClass(eventType), streamEvent.GetType());
            statistics.Count($"json: {eventType}");
            return streamEvent;
        }
        catch (JsonException)
        {
            Assert.Contains(eventType, s_knownEventTypes);
            statistics.Count("json: JsonException");
            isInvalid = true;
            return null;
        }
    }

    private static void CheckPayload(DecodedFrame frame, FuzzStatistics statistics)
    {
        switch (frame.Routing)
        {
            case { MessageType: "event", EventType: { } eventType }:
                DeserializeEvent(eventType, frame.Payload.Span, statistics, out _);
                break;
            case { MessageType: "event" }:
                statistics.Count("frames: event without :event-type");
                break;
            case { MessageType: "exception" or "error" }:
                statistics.Count($"frames: {frame.Routing.MessageType}");
                break;
            case { MessageType: null }:
                statistics.Count("frames: no :message-type");
                break;
            default:
                statistics.Count("frames: unknown :message-type");
                break;
        }
    }

    private static void CheckSingleFrameDecode(byte[] input, DecodeOutcome expected)
    {
        var isOneFrame = expected is { Error: null, Frames: [{ Offset: 0 } only] } && only.Length == input.Length;
        try
        {
            var frame = EventStreamFrame.Decode(input);
            Assert.True(isOneFrame, "EventStreamFrame.Decode accepted an input that is not exactly one valid frame.");
            Assert.Equal(input.Length, frame.TotalLength);
        }
        catch (EventStreamException exception)
        {
            Assert.False(isOneFrame, $"EventStreamFrame.Decode rejected a valid frame: {exception.Message}");
            Assert.True(Enum.IsDefined(exception.Reason));
        }
    }

    private static void CheckNotAString(EventStreamHeader header)
    {
        try
        {
            _ = header.GetString();
            Assert.Fail("GetString read a byte-array header.");
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static void CheckTimestamp(EventStreamHeader header)
    {
        var milliseconds = header.GetInt64();
        var representable = milliseconds >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
        if (representable)
        {
            Assert.Equal(milliseconds, header.GetTimestamp().ToUnixTimeMilliseconds());
        }
        else
        {
            // The wire allows any int64; DateTimeOffset does not. GetInt64 still gives the raw value.
            try
            {
                _ = header.GetTimestamp();
                Assert.Fail($"GetTimestamp accepted {milliseconds} ms, outside DateTimeOffset's range.");
            }
            catch (EventStreamException exception)
            {
                Assert.Equal(EventStreamErrorReason.InvalidHeader, exception.Reason);
            }
        }
    }

    private static Type ExpectedEventClass(string eventType) => eventType switch
    {
        "messageStart" => typeof(MessageStartEvent),
        "contentBlockStart" => typeof(ContentBlockStartEvent),
        "contentBlockDelta" => typeof(ContentBlockDeltaEvent),
        "contentBlockStop" => typeof(ContentBlockStopEvent),
        "messageStop" => typeof(MessageStopEvent),
        _ => typeof(MetadataEvent),
    };
}
