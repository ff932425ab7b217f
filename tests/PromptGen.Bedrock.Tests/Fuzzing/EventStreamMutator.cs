using System.Buffers.Binary;
using System.Text;

namespace PromptGen.Bedrock.Tests.Fuzzing;

/// <summary>The kinds of damage the mutator does; each input records the one it got.</summary>
internal enum MutationKind
{
    ByteFlip,
    BitFlip,
    Insertion,
    Deletion,
    RandomTruncation,
    BoundaryTruncation,
    DuplicatedFrame,
    SplicedFrames,
    LengthField,
    HeaderTypeByte,
    HeaderNameLength,
    HeaderValueLength,
    PayloadBytes,
    PayloadJson,
    HeaderRewrite,
    Garbage,
    GarbageWithValidPrelude,
}

/// <summary>One mutated input and how it was made, for the failure message.</summary>
internal sealed record FuzzInput(byte[] Bytes, MutationKind Kind, string Description);

/// <summary>
/// Builds corrupt, truncated and adversarial inputs from seeds. Structure-aware mutations repair the checksums
/// they break (most of the time), so that damage reaches the length checks, the header parser and the JSON
/// readers instead of always stopping at a checksum.
/// </summary>
internal static class EventStreamMutator
{
    /// <summary>Length values worth trying in a 32-bit length field; the high ones are negative as signed.</summary>
    public static readonly uint[] InterestingLengths =
    [
        0, 1, 4, 11, 12, 15, 16, 17, 255, 256, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000,
        128 * 1024 - 1, 128 * 1024, 128 * 1024 + 1, 16 * 1024 * 1024 - 1, 16 * 1024 * 1024, 16 * 1024 * 1024 + 1,
        0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFF0, 0xFFFF_FFFE, 0xFFFF_FFFF,
    ];

    private static readonly MutationKind[] s_allKinds = Enum.GetValues<MutationKind>();

    private static readonly MutationKind[] s_byteLevelKinds =
    [
        MutationKind.ByteFlip, MutationKind.BitFlip, MutationKind.Insertion, MutationKind.Deletion,
        MutationKind.RandomTruncation, MutationKind.Garbage, MutationKind.GarbageWithValidPrelude,
    ];

    private static readonly string[] s_eventTypes =
        ["messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata", "unknownEvent", ""];

    private static readonly string[] s_messageTypes = ["event", "exception", "error", "", "unknown"];

    private static readonly string[] s_exceptionTypes =
    [
        "internalServerException", "modelStreamErrorException", "validationException", "throttlingException",
        "serviceUnavailableException", "accessDeniedException", "modelTimeoutException", "unknownException", "", ":",
        "#",
    ];

    private static readonly string[] s_routingHeaderNames =
        [":message-type", ":event-type", ":exception-type", ":content-type", ":error-code", ":error-message"];

    public static IReadOnlyList<string> EventTypes => s_eventTypes;

    /// <summary>Mutates a seed with a kind chosen at random: structural kinds only when the seed has frames.</summary>
    public static FuzzInput Mutate(Random random, FuzzSeed seed, IReadOnlyList<FuzzSeed> corpus)
    {
        var kind = seed.Frames.Count == 0 ? s_byteLevelKinds[random.Next(s_byteLevelKinds.Length)] : s_allKinds[random.Next(s_allKinds.Length)];
        return Mutate(random, seed, corpus, kind);
    }

    public static FuzzInput Mutate(Random random, FuzzSeed seed, IReadOnlyList<FuzzSeed> corpus, MutationKind kind)
    {
        var bytes = seed.Bytes;
        var frames = seed.Frames;
        if (frames.Count == 0 && Array.IndexOf(s_byteLevelKinds, kind) < 0)
        {
            kind = MutationKind.ByteFlip;
        }

        switch (kind)
        {
            case MutationKind.ByteFlip:
            {
                var result = (byte[])bytes.Clone();
                var count = random.Next(1, 5);
                for (var index = 0; index < count && result.Length > 0; index++)
                {
                    result[random.Next(result.Length)] = (byte)random.Next(256);
                }

                return new FuzzInput(result, kind, $"{count} random bytes");
            }

            case MutationKind.BitFlip:
            {
                var result = (byte[])bytes.Clone();
                var count = random.Next(1, 4);
                var bits = new List<int>();
                for (var index = 0; index < count && result.Length > 0; index++)
                {
                    var bit = random.Next(result.Length * 8);
                    result[bit / 8] ^= (byte)(1 << (bit % 8));
                    bits.Add(bit);
                }

                return new FuzzInput(result, kind, $"bits {string.Join(",", bits)}");
            }

            case MutationKind.Insertion:
            {
                var position = PickPosition(random, seed);
                byte[] inserted;
                if (random.Next(3) == 0 && bytes.Length > 0)
                {
                    // A copy of a stretch of the seed itself: a plausible-looking but misplaced run of bytes.
                    var from = random.Next(bytes.Length);
                    inserted = bytes.AsSpan(from, Math.Min(bytes.Length - from, random.Next(1, 65))).ToArray();
                }
                else
                {
                    inserted = RandomBytes(random, random.Next(1, 33));
                }

                return new FuzzInput([.. bytes.AsSpan(0, position), .. inserted, .. bytes.AsSpan(position)], kind, $"{inserted.Length} bytes at {position}");
            }

            case MutationKind.Deletion:
            {
                if (bytes.Length == 0)
                {
                    return new FuzzInput([], kind, "nothing to delete");
                }

                var position = Math.Min(PickPosition(random, seed), bytes.Length - 1);
                var length = Math.Min(bytes.Length - position, random.Next(1, 33));
                return new FuzzInput([.. bytes.AsSpan(0, position), .. bytes.AsSpan(position + length)], kind, $"{length} bytes at {position}");
            }

            case MutationKind.RandomTruncation:
            {
                var length = random.Next(bytes.Length + 1);
                return new FuzzInput(bytes[..length], kind, $"first {length} bytes");
            }

            case MutationKind.BoundaryTruncation:
            {
                var length = seed.Boundaries[random.Next(seed.Boundaries.Count)];
                return new FuzzInput(bytes[..length], kind, $"first {length} bytes (a boundary)");
            }

            case MutationKind.DuplicatedFrame:
            {
                var frame = frames[random.Next(frames.Count)];
                var at = random.Next(2) == 0 ? frame.End : frames[random.Next(frames.Count)].Offset;
                return new FuzzInput(
                    [.. bytes.AsSpan(0, at), .. bytes.AsSpan(frame.Offset, frame.TotalLength), .. bytes.AsSpan(at)],
                    kind,
                    $"frame at {frame.Offset} copied to {at}");
            }

            case MutationKind.SplicedFrames:
                return Splice(random, seed, corpus[random.Next(corpus.Count)]);

            case MutationKind.LengthField:
            {
                var frame = frames[random.Next(frames.Count)];
                var field = random.Next(3);
                var value = random.Next(4) == 0 ? (uint)random.NextInt64(0, 1L << 32) : InterestingLengths[random.Next(InterestingLengths.Length)];
                if (random.Next(3) == 0)
                {
                    // Near the frame's own lengths: one off either way.
                    value = (uint)((field == 1 ? frame.HeadersLength : frame.TotalLength) + random.Next(-2, 3));
                }

                var fixPrelude = random.Next(4) != 0;
                return new FuzzInput(SetLengthField(bytes, frame, field, value, fixPrelude), kind, $"{LengthFieldName(field)} of frame at {frame.Offset} = 0x{value:x8}, prelude crc {(fixPrelude ? "fixed" : "stale")}");
            }

            case MutationKind.HeaderTypeByte:
            {
                if (seed.Headers.Count == 0)
                {
                    return Mutate(random, seed, corpus, MutationKind.PayloadBytes);
                }

                var (frame, header) = seed.Headers[random.Next(seed.Headers.Count)];
                var type = (byte)random.Next(256);
                return new FuzzInput(SetHeaderByte(bytes, frame, header.TypeOffset, type, random.Next(8) != 0), kind, $"type of header at {header.Offset} = {type}");
            }

            case MutationKind.HeaderNameLength:
            {
                if (seed.Headers.Count == 0)
                {
                    return Mutate(random, seed, corpus, MutationKind.PayloadBytes);
                }

                var (frame, header) = seed.Headers[random.Next(seed.Headers.Count)];
                var remaining = frame.PayloadOffset - header.Offset - 1;
                int[] candidates = [0, 1, header.NameLength - 1, header.NameLength + 1, remaining - 1, remaining, remaining + 1, 255, random.Next(256)];
                var length = (byte)Math.Clamp(candidates[random.Next(candidates.Length)], 0, 255);
                return new FuzzInput(SetHeaderByte(bytes, frame, header.Offset, length, random.Next(8) != 0), kind, $"name length of header at {header.Offset} = {length}");
            }

            case MutationKind.HeaderValueLength:
            {
                var variable = seed.VariableLengthHeaders;
                if (variable.Count == 0)
                {
                    return Mutate(random, seed, corpus, MutationKind.HeaderTypeByte);
                }

                var (frame, header) = variable[random.Next(variable.Count)];
                var remaining = frame.PayloadOffset - header.ValueOffset;
                int[] candidates = [0, 1, header.ValueLength - 1, header.ValueLength + 1, remaining, remaining + 1, 0x7FFF, 0x8000, 0xFFFF, random.Next(0x1_0000)];
                var length = (ushort)Math.Clamp(candidates[random.Next(candidates.Length)], 0, 0xFFFF);
                var result = (byte[])bytes.Clone();
                BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(header.ValueOffset - 2), length);
                if (random.Next(8) != 0)
                {
                    FuzzFrameCodec.FixMessageChecksum(result, frame.Offset);
                }

                return new FuzzInput(result, kind, $"value length of header at {header.Offset} = {length}");
            }

            case MutationKind.PayloadBytes:
            {
                var frame = frames[random.Next(frames.Count)];
                var result = (byte[])bytes.Clone();
                var count = random.Next(1, 4);
                for (var index = 0; index < count && frame.PayloadLength > 0; index++)
                {
                    result[frame.PayloadOffset + random.Next(frame.PayloadLength)] = (byte)random.Next(256);
                }

                FuzzFrameCodec.FixMessageChecksum(result, frame.Offset);
                return new FuzzInput(result, kind, $"{count} payload bytes of frame at {frame.Offset}, checksum fixed");
            }

            case MutationKind.PayloadJson:
            {
                var frame = frames[random.Next(frames.Count)];
                var payload = JsonPayloadMutator.Mutate(random, bytes.AsSpan(frame.PayloadOffset, frame.PayloadLength).ToArray(), out var change);
                var rebuilt = FuzzFrameCodec.Encode(FuzzFrameCodec.ReadHeaders(bytes, frame), payload);
                return new FuzzInput(Replace(bytes, frame, rebuilt), kind, $"payload of frame at {frame.Offset}: {change}");
            }

            case MutationKind.HeaderRewrite:
            {
                var frame = frames[random.Next(frames.Count)];
                var headers = FuzzFrameCodec.ReadHeaders(bytes, frame);
                var change = RewriteHeaders(random, headers);
                var payload = bytes.AsSpan(frame.PayloadOffset, frame.PayloadLength).ToArray();
                if (random.Next(3) == 0)
                {
                    payload = JsonPayloadMutator.Mutate(random, payload, out var payloadChange);
                    change += $", payload: {payloadChange}";
                }

                return new FuzzInput(Replace(bytes, frame, FuzzFrameCodec.Encode(headers, payload)), kind, $"headers of frame at {frame.Offset}: {change}");
            }

            case MutationKind.Garbage:
            {
                var length = random.Next(4) == 0 ? random.Next(12) : random.Next(600);
                return new FuzzInput(RandomBytes(random, length), kind, $"{length} random bytes");
            }

            case MutationKind.GarbageWithValidPrelude:
            {
                var total = random.Next(2) == 0 ? InterestingLengths[random.Next(InterestingLengths.Length)] : (uint)random.Next(16, 700);
                var headersLength = random.Next(2) == 0 ? InterestingLengths[random.Next(InterestingLengths.Length)] : (uint)random.Next(0, (int)Math.Min(total, 700u));
                var length = total is >= 12 and <= 700 && random.Next(2) == 0 ? (int)total : random.Next(12, 700);
                var result = RandomBytes(random, length);
                BinaryPrimitives.WriteUInt32BigEndian(result, total);
                BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(4), headersLength);
                FuzzFrameCodec.FixChecksums(result, 0);
                return new FuzzInput(result, kind, $"{length} random bytes behind a valid prelude declaring {total}/{headersLength}");
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>Sets a header's type byte (or another single header byte) and, if asked, repairs the message checksum.</summary>
    public static byte[] SetHeaderByte(byte[] bytes, FrameLayout frame, int offset, byte value, bool fixChecksum)
    {
        var result = (byte[])bytes.Clone();
        result[offset] = value;
        if (fixChecksum)
        {
            FuzzFrameCodec.FixMessageChecksum(result, frame.Offset);
        }

        return result;
    }

    /// <summary>Sets the total length (field 0), the headers length (1) or both (2) of a frame's prelude.</summary>
    public static byte[] SetLengthField(byte[] bytes, FrameLayout frame, int field, uint value, bool fixPrelude)
    {
        var result = (byte[])bytes.Clone();
        if (field is 0 or 2)
        {
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(frame.Offset), value);
        }

        if (field is 1 or 2)
        {
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(frame.Offset + 4), value);
        }

        if (fixPrelude)
        {
            FuzzFrameCodec.FixPreludeChecksum(result, frame.Offset);
        }

        return result;
    }

    public static string LengthFieldName(int field) => field switch
    {
        0 => "total length",
        1 => "headers length",
        _ => "both lengths",
    };

    /// <summary>Every length at which cutting the seed is interesting: inside and at the edges of each part of each frame.</summary>
    public static List<int> Boundaries(FuzzSeed seed)
    {
        var boundaries = new SortedSet<int> { 0, seed.Bytes.Length };
        foreach (var frame in seed.Frames)
        {
            for (var offset = 0; offset <= 13; offset++)
            {
                boundaries.Add(frame.Offset + offset);
            }

            foreach (var header in frame.Headers)
            {
                boundaries.UnionWith([header.Offset, header.Offset + 1, header.TypeOffset, header.TypeOffset + 1, header.ValueOffset, header.End - 1]);
            }

            boundaries.UnionWith([frame.PayloadOffset, frame.PayloadOffset + (frame.PayloadLength / 2), frame.End - 4, frame.End - 3, frame.End - 1, frame.End]);
        }

        return boundaries.Where(boundary => boundary >= 0 && boundary <= seed.Bytes.Length).ToList();
    }

    private static FuzzInput Splice(Random random, FuzzSeed seed, FuzzSeed other)
    {
        var pool = seed.Frames.Select(frame => (Seed: seed, Frame: frame))
            .Concat(other.Frames.Select(frame => (Seed: other, Frame: frame)))
            .ToList();
        var output = new List<byte>();
        var count = random.Next(1, 8);
        for (var index = 0; index < count; index++)
        {
            var (from, frame) = pool[random.Next(pool.Count)];
            output.AddRange(from.Bytes.AsSpan(frame.Offset, frame.TotalLength));
        }

        if (random.Next(2) == 0 && other.Bytes.Length > 0)
        {
            // Half a frame of one stream glued to the rest of another.
            var cut = random.Next(output.Count + 1);
            var tailStart = random.Next(other.Bytes.Length);
            output.RemoveRange(cut, output.Count - cut);
            output.AddRange(other.Bytes.AsSpan(tailStart));
            return new FuzzInput([.. output], MutationKind.SplicedFrames, $"{count} frames of {seed.Name} and {other.Name}, cut at {cut}, then {other.Name} from {tailStart}");
        }

        return new FuzzInput([.. output], MutationKind.SplicedFrames, $"{count} frames of {seed.Name} and {other.Name}");
    }

    private static string RewriteHeaders(Random random, List<FuzzHeader> headers)
    {
        switch (random.Next(7))
        {
            case 0:
            {
                var eventType = s_eventTypes[random.Next(s_eventTypes.Length)];
                SetStringHeader(headers, ":event-type", eventType);
                return $":event-type = '{eventType}'";
            }

            case 1:
            {
                var messageType = s_messageTypes[random.Next(s_messageTypes.Length)];
                var exceptionType = s_exceptionTypes[random.Next(s_exceptionTypes.Length)];
                SetStringHeader(headers, ":message-type", messageType);
                SetStringHeader(headers, ":exception-type", exceptionType);
                if (random.Next(2) == 0)
                {
                    SetStringHeader(headers, ":error-code", exceptionType);
                    SetStringHeader(headers, ":error-message", "broken \u00e9");
                }

                return $":message-type = '{messageType}', :exception-type = '{exceptionType}'";
            }

            case 2 when headers.Count > 0:
            {
                var index = random.Next(headers.Count);
                headers.RemoveAt(index);
                return $"header {index} removed";
            }

            case 3 when headers.Count > 0:
            {
                var index = random.Next(headers.Count);
                headers.Insert(random.Next(headers.Count + 1), headers[index] with { Value = RandomBytesFor(random, headers[index].Type) });
                return $"header {index} duplicated with another value";
            }

            case 4 when headers.Count > 0:
            {
                // A routing header with a value of another type: the reader must not read it as a string.
                var index = random.Next(headers.Count);
                var type = (byte)random.Next(10);
                headers[index] = headers[index] with { Type = type, Value = RandomBytesFor(random, type) };
                return $"header {index} retyped to {type}";
            }

            case 5:
            {
                var type = (byte)random.Next(10);
                var name = random.Next(2) == 0 ? s_routingHeaderNames[random.Next(s_routingHeaderNames.Length)] : "x-fuzz";
                headers.Insert(random.Next(headers.Count + 1), new FuzzHeader(Encoding.UTF8.GetBytes(name), type, RandomBytesFor(random, type)));
                return $"header '{name}' of type {type} added";
            }

            default:
            {
                var name = s_routingHeaderNames[random.Next(s_routingHeaderNames.Length)];
                var value = RandomBytes(random, random.Next(0, 24));
                var index = headers.FindIndex(header => header.Name.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(name)));
                var header = new FuzzHeader(Encoding.UTF8.GetBytes(name), 7, value);
                if (index >= 0)
                {
                    headers[index] = header;
                }
                else
                {
                    headers.Add(header);
                }

                return $"{name} = {value.Length} random bytes";
            }
        }
    }

    private static void SetStringHeader(List<FuzzHeader> headers, string name, string value)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var header = new FuzzHeader(nameBytes, 7, Encoding.UTF8.GetBytes(value));
        var index = headers.FindIndex(existing => existing.Name.AsSpan().SequenceEqual(nameBytes));
        if (index >= 0)
        {
            headers[index] = header;
        }
        else
        {
            headers.Add(header);
        }
    }

    private static byte[] RandomBytesFor(Random random, byte type) => type switch
    {
        0 or 1 => [],
        2 => RandomBytes(random, 1),
        3 => RandomBytes(random, 2),
        4 => RandomBytes(random, 4),
        5 or 8 => RandomBytes(random, 8),
        9 => RandomBytes(random, 16),
        _ => RandomBytes(random, random.Next(0, 40)),
    };

    private static byte[] Replace(byte[] bytes, FrameLayout frame, byte[] replacement) =>
        [.. bytes.AsSpan(0, frame.Offset), .. replacement, .. bytes.AsSpan(frame.End)];

    private static int PickPosition(Random random, FuzzSeed seed)
    {
        if (seed.Frames.Count > 0 && random.Next(2) == 0)
        {
            return seed.Boundaries[random.Next(seed.Boundaries.Count)];
        }

        return random.Next(seed.Bytes.Length + 1);
    }

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
