using System.Buffers.Binary;

namespace PromptGen.Bedrock.Tests.Fuzzing;

/// <summary>One header of a frame as laid out in a seed: offsets are absolute within the seed's bytes.</summary>
/// <param name="Offset">The offset of the header's name-length byte.</param>
/// <param name="NameLength">The name's length in bytes.</param>
/// <param name="Type">The value type byte.</param>
/// <param name="ValueOffset">The offset of the value, after its length prefix for strings and byte arrays.</param>
/// <param name="ValueLength">The value's length in bytes.</param>
internal readonly record struct HeaderLayout(int Offset, int NameLength, byte Type, int ValueOffset, int ValueLength)
{
    public int TypeOffset => Offset + 1 + NameLength;

    /// <summary>Strings (7) and byte arrays (6) carry a big-endian 16-bit length right after the type byte.</summary>
    public bool HasLengthPrefix => Type is 6 or 7;

    public int End => ValueOffset + ValueLength;
}

/// <summary>
/// One frame as laid out in a seed, read from its declared lengths without verifying checksums, so that mutations
/// can aim at a prelude field, a header's type or length byte, or the payload.
/// </summary>
internal sealed record FrameLayout(int Offset, int TotalLength, int HeadersLength, IReadOnlyList<HeaderLayout> Headers)
{
    public int HeadersOffset => Offset + 12;

    public int PayloadOffset => Offset + 12 + HeadersLength;

    public int PayloadLength => TotalLength - 16 - HeadersLength;

    public int End => Offset + TotalLength;

    /// <summary>Walks the frames of a byte string for as long as the declared lengths are consistent.</summary>
    public static IReadOnlyList<FrameLayout> Parse(byte[] bytes)
    {
        var frames = new List<FrameLayout>();
        for (var offset = 0; bytes.Length - offset >= 16;)
        {
            var total = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
            var headersLength = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 4));
            if (total < 16 || total > bytes.Length - offset || headersLength > total - 16)
            {
                break;
            }

            frames.Add(new FrameLayout(offset, (int)total, (int)headersLength, ParseHeaders(bytes, offset + 12, (int)headersLength)));
            offset += (int)total;
        }

        return frames;
    }

    // The headers that are well formed, up to the first malformed one.
    private static List<HeaderLayout> ParseHeaders(byte[] bytes, int start, int length)
    {
        var headers = new List<HeaderLayout>();
        var end = start + length;
        for (var position = start; position < end;)
        {
            int nameLength = bytes[position];
            var typeOffset = position + 1 + nameLength;
            if (nameLength == 0 || typeOffset >= end)
            {
                break;
            }

            var type = bytes[typeOffset];
            var valueOffset = typeOffset + 1;
            int valueLength;
            switch (type)
            {
                case 0 or 1:
                    valueLength = 0;
                    break;
                case 2:
                    valueLength = 1;
                    break;
                case 3:
                    valueLength = 2;
                    break;
                case 4:
                    valueLength = 4;
                    break;
                case 5 or 8:
                    valueLength = 8;
                    break;
                case 9:
                    valueLength = 16;
                    break;
                case 6 or 7 when end - valueOffset >= 2:
                    valueLength = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(valueOffset));
                    valueOffset += 2;
                    break;
                default:
                    return headers;
            }

            if (end - valueOffset < valueLength)
            {
                break;
            }

            headers.Add(new HeaderLayout(position, nameLength, type, valueOffset, valueLength));
            position = valueOffset + valueLength;
        }

        return headers;
    }
}
