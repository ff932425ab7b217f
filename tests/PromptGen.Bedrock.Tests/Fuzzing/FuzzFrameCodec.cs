using System.Buffers.Binary;
using System.IO.Hashing;

namespace PromptGen.Bedrock.Tests.Fuzzing;

/// <summary>A decoded header of any type, for re-encoding a frame after changing its headers.</summary>
/// <param name="Name">The name's bytes.</param>
/// <param name="Type">The value type byte, possibly one the decoder does not know.</param>
/// <param name="Value">The value's bytes, without the length prefix of strings and byte arrays.</param>
internal sealed record FuzzHeader(byte[] Name, byte Type, byte[] Value);

/// <summary>Encodes frames with headers of every type, and repairs checksums after a mutation; for tests only.</summary>
internal static class FuzzFrameCodec
{
    public static byte[] Encode(IReadOnlyList<FuzzHeader> headers, ReadOnlySpan<byte> payload)
    {
        var headerBytes = new MemoryStream();
        foreach (var header in headers)
        {
            headerBytes.WriteByte((byte)header.Name.Length);
            headerBytes.Write(header.Name);
            headerBytes.WriteByte(header.Type);
            if (header.Type is 6 or 7)
            {
                headerBytes.WriteByte((byte)(header.Value.Length >> 8));
                headerBytes.WriteByte((byte)header.Value.Length);
            }

            headerBytes.Write(header.Value);
        }

        var headersLength = (int)headerBytes.Length;
        var frame = new byte[16 + headersLength + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)headersLength);
        headerBytes.GetBuffer().AsSpan(0, headersLength).CopyTo(frame.AsSpan(12));
        payload.CopyTo(frame.AsSpan(12 + headersLength));
        FixChecksums(frame, 0);
        return frame;
    }

    public static List<FuzzHeader> ReadHeaders(byte[] bytes, FrameLayout frame) =>
        frame.Headers
            .Select(header => new FuzzHeader(
                bytes.AsSpan(header.Offset + 1, header.NameLength).ToArray(),
                header.Type,
                bytes.AsSpan(header.ValueOffset, header.ValueLength).ToArray()))
            .ToList();

    /// <summary>Rewrites the prelude checksum and, when the declared frame fits, the message checksum.</summary>
    public static void FixChecksums(byte[] bytes, int frameOffset)
    {
        FixPreludeChecksum(bytes, frameOffset);
        FixMessageChecksum(bytes, frameOffset);
    }

    public static void FixPreludeChecksum(byte[] bytes, int frameOffset)
    {
        if (bytes.Length - frameOffset >= 12)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(frameOffset + 8), Crc32.HashToUInt32(bytes.AsSpan(frameOffset, 8)));
        }
    }

    public static void FixMessageChecksum(byte[] bytes, int frameOffset)
    {
        if (bytes.Length - frameOffset < 16)
        {
            return;
        }

        var total = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(frameOffset));
        if (total >= 16 && total <= bytes.Length - frameOffset)
        {
            var end = frameOffset + (int)total;
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(end - 4), Crc32.HashToUInt32(bytes.AsSpan(frameOffset, end - 4 - frameOffset)));
        }
    }
}
