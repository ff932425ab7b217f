using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using PromptGen.Bedrock.EventStream;
using PromptGen.Bedrock.Tests.Loopback;

namespace PromptGen.Bedrock.Tests;

public sealed class EventStreamReaderTests
{
    [Fact]
    public async Task EmptyStreamEndsCleanly()
    {
        using var reader = new EventStreamReader(new MemoryStream());

        Assert.False(await reader.ReadNextAsync());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(40)]
    public async Task StreamEndingInsideAFrameIsTruncated(int length)
    {
        var frame = EventStreamFrameEncoder.TextDelta("Hello");
        using var reader = new EventStreamReader(new SlicedReadStream(frame[..length], 1));

        var exception = await Assert.ThrowsAsync<EventStreamException>(async () => await reader.ReadNextAsync());

        Assert.Equal(EventStreamErrorReason.TruncatedFrame, exception.Reason);
        Assert.StartsWith("Truncated event-stream frame", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrameLargerThanTheInitialBufferIsReassembled()
    {
        var text = new string('x', 100_000);
        var frames = EventStreamFrameEncoder.TextDelta(text).Concat(EventStreamFrameEncoder.TextDelta("tail")).ToArray();
        using var reader = new EventStreamReader(new SlicedReadStream(frames, 4093, 1, 7));

        Assert.True(await reader.ReadNextAsync());
        var first = ConverseJson.DeserializeStreamEvent(reader.EventType!, reader.Payload.Span);
        Assert.Equal(text, Assert.IsType<ContentBlockDeltaEvent>(first).Delta!.Text);
        Assert.True(await reader.ReadNextAsync());
        Assert.Equal("tail", Assert.IsType<ContentBlockDeltaEvent>(ConverseJson.DeserializeStreamEvent(reader.EventType!, reader.Payload.Span)).Delta!.Text);
        Assert.False(await reader.ReadNextAsync());
    }

    [Fact]
    public async Task RoutingHeadersAreExposed()
    {
        var frames = EventStreamFrameEncoder.Exception("throttlingException", """{"message":"slow down"}""")
            .Concat(EventStreamFrameEncoder.Error("InternalFailure", "broken"))
            .ToArray();
        using var reader = new EventStreamReader(new MemoryStream(frames));

        Assert.True(await reader.ReadNextAsync());
        Assert.Equal("exception", reader.MessageType);
        Assert.Equal("throttlingException", reader.ExceptionType);
        Assert.Equal("application/json", reader.ContentType);
        Assert.Null(reader.EventType);
        Assert.Equal("""{"message":"slow down"}""", Encoding.UTF8.GetString(reader.Payload.Span));

        Assert.True(await reader.ReadNextAsync());
        Assert.Equal("error", reader.MessageType);
        Assert.Equal("InternalFailure", reader.ErrorCode);
        Assert.Equal("broken", reader.ErrorMessage);
        Assert.Null(reader.ExceptionType);
        Assert.True(reader.Payload.IsEmpty);
    }

    [Theory]
    [InlineData(16 * 1024 * 1024 + 1, 0, EventStreamErrorReason.FrameTooLarge, "Event-stream frame too large")]
    [InlineData(200_000, 128 * 1024 + 1, EventStreamErrorReason.HeadersTooLarge, "Event-stream headers too large")]
    [InlineData(15, 0, EventStreamErrorReason.InvalidLength, "Invalid event-stream frame length")]
    [InlineData(100, 85, EventStreamErrorReason.InvalidLength, "Invalid event-stream frame length")]
    public async Task PreludeOutsideTheLimitsIsRejected(int totalLength, int headersLength, EventStreamErrorReason reason, string messageStart)
    {
        var prelude = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(prelude, (uint)totalLength);
        BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(4), (uint)headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(8), Crc32.HashToUInt32(prelude.AsSpan(0, 8)));
        using var reader = new EventStreamReader(new MemoryStream(prelude));

        var exception = await Assert.ThrowsAsync<EventStreamException>(async () => await reader.ReadNextAsync());

        Assert.Equal(reason, exception.Reason);
        Assert.StartsWith(messageStart, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownHeaderValueTypeIsInvalid()
    {
        var frame = EventStreamFrameEncoder.Encode([("name", "value")], "{}"u8);
        frame[12 + 1 + 4] = 42; // the value type byte of the first header
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(frame.Length - 4), Crc32.HashToUInt32(frame.AsSpan(0, frame.Length - 4)));

        var exception = Assert.Throws<EventStreamException>(() => EventStreamFrame.Decode(frame));

        Assert.Equal(EventStreamErrorReason.InvalidHeader, exception.Reason);
        Assert.Contains("value type 42", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderValueRunningPastTheHeadersIsInvalid()
    {
        var frame = EventStreamFrameEncoder.Encode([("name", "value")], "{}"u8);
        frame[12 + 1 + 4 + 2] = 0xFF; // raise the string length far beyond the headers section
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(frame.Length - 4), Crc32.HashToUInt32(frame.AsSpan(0, frame.Length - 4)));

        var exception = Assert.Throws<EventStreamException>(() => EventStreamFrame.Decode(frame));

        Assert.Equal(EventStreamErrorReason.InvalidHeader, exception.Reason);
    }

    [Fact]
    public void UuidAndTimestampHeadersDecode()
    {
        var frame = File.ReadAllBytes(TestVectors.PathOf("eventstream", "encoded", "positive", "all_headers"));
        Guid? uuid = null;
        DateTimeOffset? timestamp = null;
        foreach (var header in EventStreamFrame.Decode(frame).EnumerateHeaders())
        {
            if (header.NameEquals("uuid"u8))
            {
                uuid = header.GetUuid();
            }
            else if (header.NameEquals("timestamp"u8))
            {
                timestamp = header.GetTimestamp();
            }
        }

        Assert.Equal(Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10"), uuid);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(8675309), timestamp);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(253_402_300_800_000)]
    [InlineData(-62_135_596_800_001)]
    public void ATimestampOutsideTheYearsADateTimeOffsetHoldsIsAnInvalidHeader(long milliseconds)
    {
        var frame = AllHeadersFrameWithTimestamp(milliseconds);

        var exception = Assert.Throws<EventStreamException>(() => ReadTimestamp(frame));

        Assert.Equal(EventStreamErrorReason.InvalidHeader, exception.Reason);
        Assert.Equal($"The timestamp header 'timestamp' holds {milliseconds} ms since the Unix epoch, outside the years 1 to 9999.", exception.Message);
    }

    [Theory]
    [InlineData(253_402_300_799_999)]
    [InlineData(-62_135_596_800_000)]
    public void TheFirstAndLastMillisecondADateTimeOffsetHoldsDecode(long milliseconds)
    {
        Assert.Equal(milliseconds, ReadTimestamp(AllHeadersFrameWithTimestamp(milliseconds)).ToUnixTimeMilliseconds());
    }

    // The all_headers vector with its timestamp header's value replaced, and the message CRC made right again.
    private static byte[] AllHeadersFrameWithTimestamp(long milliseconds)
    {
        var frame = File.ReadAllBytes(TestVectors.PathOf("eventstream", "encoded", "positive", "all_headers"));
        var value = frame.AsSpan().IndexOf("timestamp"u8) + "timestamp".Length + 1;
        BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(value), milliseconds);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(frame.Length - 4), Crc32.HashToUInt32(frame.AsSpan(0, frame.Length - 4)));
        return frame;
    }

    private static DateTimeOffset ReadTimestamp(byte[] frame)
    {
        foreach (var header in EventStreamFrame.Decode(frame).EnumerateHeaders())
        {
            if (header.NameEquals("timestamp"u8))
            {
                return header.GetTimestamp();
            }
        }

        throw new InvalidOperationException("The frame has no timestamp header.");
    }
}
