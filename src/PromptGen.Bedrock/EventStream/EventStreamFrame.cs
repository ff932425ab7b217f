using System.Buffers.Binary;
using System.IO.Hashing;

namespace PromptGen.Bedrock.EventStream;

/// <summary>
/// One decoded event-stream frame (<c>application/vnd.amazon.eventstream</c>), viewed in place over its bytes:
/// <c>[total length u32][headers length u32][prelude crc u32][headers][payload][message crc u32]</c>, big-endian,
/// CRC-32/IEEE. Valid only as long as the bytes it was decoded from.
/// </summary>
internal readonly ref struct EventStreamFrame
{
    /// <summary>The size of the prelude: total length, headers length and prelude checksum.</summary>
    public const int PreludeLength = 12;

    /// <summary>The size of the smallest frame: a prelude and a message checksum, no headers, no payload.</summary>
    public const int MinFrameLength = PreludeLength + 4;

    /// <summary>The largest frame accepted, 16 MiB, as in the AWS SDKs.</summary>
    public const int MaxFrameLength = 16 * 1024 * 1024;

    /// <summary>The largest headers section accepted, 128 KiB, as in the AWS SDKs.</summary>
    public const int MaxHeadersLength = 128 * 1024;

    private EventStreamFrame(ReadOnlySpan<byte> frame, int headersLength)
    {
        Bytes = frame;
        Headers = frame.Slice(PreludeLength, headersLength);
        Payload = frame[(PreludeLength + headersLength)..^4];
    }

    /// <summary>The whole frame, prelude and checksums included.</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>The frame's total length in bytes, as declared in its prelude.</summary>
    public int TotalLength => Bytes.Length;

    /// <summary>The length of the headers section in bytes.</summary>
    public int HeadersLength => Headers.Length;

    /// <summary>The CRC-32 of the first 8 bytes, as carried by the frame (verified).</summary>
    public uint PreludeChecksum => BinaryPrimitives.ReadUInt32BigEndian(Bytes.Slice(8, 4));

    /// <summary>The CRC-32 of everything before the last 4 bytes, as carried by the frame (verified).</summary>
    public uint MessageChecksum => BinaryPrimitives.ReadUInt32BigEndian(Bytes[^4..]);

    /// <summary>The encoded headers section.</summary>
    public ReadOnlySpan<byte> Headers { get; }

    /// <summary>The payload, for Bedrock a UTF-8 JSON document.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Enumerates the headers in wire order, without allocating.</summary>
    /// <returns>An enumerator usable with <see langword="foreach"/>.</returns>
    public EventStreamHeaderEnumerator EnumerateHeaders() => new(Headers);

    /// <summary>
    /// Decodes exactly one frame: checks the prelude checksum, the lengths, the message checksum and every header.
    /// </summary>
    /// <param name="frame">The frame's bytes; their length must equal the declared total length.</param>
    /// <returns>The frame, viewed over <paramref name="frame"/>.</returns>
    /// <exception cref="EventStreamException">The bytes are not one valid frame.</exception>
    public static EventStreamFrame Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < PreludeLength)
        {
            throw new EventStreamException(
                EventStreamErrorReason.TruncatedFrame,
                $"Truncated event-stream frame: {frame.Length} bytes is shorter than the {PreludeLength}-byte prelude.");
        }

        var (totalLength, headersLength) = ReadPrelude(frame);
        if (frame.Length != totalLength)
        {
            throw frame.Length < totalLength
                ? new EventStreamException(
                    EventStreamErrorReason.TruncatedFrame,
                    $"Truncated event-stream frame: the prelude declares {totalLength} bytes but only {frame.Length} are present.")
                : new EventStreamException(
                    EventStreamErrorReason.InvalidLength,
                    $"Invalid event-stream frame length: the prelude declares {totalLength} bytes but {frame.Length} were given.");
        }

        return DecodeVerifiedPrelude(frame, headersLength);
    }

    /// <summary>
    /// Verifies a prelude (its checksum first, then the limits) and returns the lengths it declares.
    /// </summary>
    /// <param name="prelude">At least the first <see cref="PreludeLength"/> bytes of a frame.</param>
    /// <returns>The frame's total length and headers length.</returns>
    /// <exception cref="EventStreamException">The prelude is corrupt or declares unsupported lengths.</exception>
    public static (int TotalLength, int HeadersLength) ReadPrelude(ReadOnlySpan<byte> prelude)
    {
        // The checksum is verified before the lengths are trusted: a flipped bit in a length must be reported as
        // corruption, not as a frame that is too large or truncated.
        var expectedChecksum = BinaryPrimitives.ReadUInt32BigEndian(prelude.Slice(8, 4));
        var actualChecksum = Crc32.HashToUInt32(prelude[..8]);
        if (expectedChecksum != actualChecksum)
        {
            throw new EventStreamException(
                EventStreamErrorReason.PreludeChecksumMismatch,
                $"Prelude checksum mismatch: the frame carries 0x{expectedChecksum:x8} but its prelude hashes to 0x{actualChecksum:x8}.");
        }

        var totalLength = BinaryPrimitives.ReadUInt32BigEndian(prelude);
        var headersLength = BinaryPrimitives.ReadUInt32BigEndian(prelude[4..]);
        if (totalLength > MaxFrameLength)
        {
            throw new EventStreamException(
                EventStreamErrorReason.FrameTooLarge,
                $"Event-stream frame too large: {totalLength} bytes exceeds the {MaxFrameLength}-byte limit.");
        }

        if (headersLength > MaxHeadersLength)
        {
            throw new EventStreamException(
                EventStreamErrorReason.HeadersTooLarge,
                $"Event-stream headers too large: {headersLength} bytes exceeds the {MaxHeadersLength}-byte limit.");
        }

        if (totalLength < MinFrameLength || headersLength > totalLength - MinFrameLength)
        {
            throw new EventStreamException(
                EventStreamErrorReason.InvalidLength,
                $"Invalid event-stream frame length: total {totalLength} bytes cannot hold {headersLength} bytes of headers.");
        }

        return ((int)totalLength, (int)headersLength);
    }

    // For frames this assembly has already verified: a view, no checks repeated.
    internal static EventStreamFrame FromVerifiedBytes(ReadOnlySpan<byte> frame, int headersLength) => new(frame, headersLength);

    internal static EventStreamFrame DecodeVerifiedPrelude(ReadOnlySpan<byte> frame, int headersLength)
    {
        VerifyMessageChecksum(frame);
        var decoded = new EventStreamFrame(frame, headersLength);

        // Validate every header once, up front, so that consumers enumerating later never meet a malformed one.
        foreach (var _ in decoded.EnumerateHeaders())
        {
        }

        return decoded;
    }

    /// <summary>Checks the trailing message checksum of a frame whose prelude was verified.</summary>
    /// <exception cref="EventStreamException">The checksum does not match (<see cref="EventStreamErrorReason.MessageChecksumMismatch"/>).</exception>
    internal static void VerifyMessageChecksum(ReadOnlySpan<byte> frame)
    {
        var expectedChecksum = BinaryPrimitives.ReadUInt32BigEndian(frame[^4..]);
        var actualChecksum = Crc32.HashToUInt32(frame[..^4]);
        if (expectedChecksum != actualChecksum)
        {
            throw new EventStreamException(
                EventStreamErrorReason.MessageChecksumMismatch,
                $"Message checksum mismatch: the frame carries 0x{expectedChecksum:x8} but its bytes hash to 0x{actualChecksum:x8}.");
        }
    }
}

/// <summary>Enumerates the headers of an <see cref="EventStreamFrame"/> in wire order, without allocating.</summary>
internal ref struct EventStreamHeaderEnumerator
{
    private ReadOnlySpan<byte> _remaining;
    private EventStreamHeader _current;

    internal EventStreamHeaderEnumerator(ReadOnlySpan<byte> headers)
    {
        _remaining = headers;
        _current = default;
    }

    /// <summary>The current header.</summary>
    public readonly EventStreamHeader Current => _current;

    /// <summary>Returns this enumerator, so it can be used with <see langword="foreach"/>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly EventStreamHeaderEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next header.</summary>
    /// <returns><see langword="false"/> after the last header.</returns>
    /// <exception cref="EventStreamException">The header is malformed (<see cref="EventStreamErrorReason.InvalidHeader"/>).</exception>
    public bool MoveNext()
    {
        if (_remaining.IsEmpty)
        {
            return false;
        }

        var span = _remaining;
        int nameLength = span[0];
        if (nameLength == 0 || span.Length < 1 + nameLength + 1)
        {
            throw InvalidHeader("its name is empty or runs past the headers section");
        }

        var name = span.Slice(1, nameLength);
        var type = (EventStreamHeaderType)span[1 + nameLength];
        var position = 2 + nameLength;
        var valueLength = type switch
        {
            EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => 0,
            EventStreamHeaderType.Byte => 1,
            EventStreamHeaderType.Int16 => 2,
            EventStreamHeaderType.Int32 => 4,
            EventStreamHeaderType.Int64 or EventStreamHeaderType.Timestamp => 8,
            EventStreamHeaderType.Uuid => 16,
            EventStreamHeaderType.ByteArray or EventStreamHeaderType.String => ReadVariableLength(span, ref position),
            _ => throw InvalidHeader($"its value type {(byte)type} is unknown"),
        };

        if (span.Length - position < valueLength)
        {
            throw InvalidHeader("its value runs past the headers section");
        }

        _current = new EventStreamHeader(name, type, span.Slice(position, valueLength));
        _remaining = span[(position + valueLength)..];
        return true;
    }

    private static int ReadVariableLength(ReadOnlySpan<byte> span, ref int position)
    {
        if (span.Length - position < 2)
        {
            throw InvalidHeader("its value length runs past the headers section");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(span[position..]);
        position += 2;
        return length;
    }

    private static EventStreamException InvalidHeader(string problem) =>
        new(EventStreamErrorReason.InvalidHeader, $"Invalid event-stream header: {problem}.");
}
