using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace PromptGen.Testing;

/// <summary>Encodes event-stream frames with string headers, byte for byte as Bedrock sends them.</summary>
internal static class EventStreamFrameWriter
{
    private const byte StringHeaderType = 7;

    public static byte[] Event(string eventType, ReadOnlySpan<byte> json) => Encode(
        [(":event-type", eventType), (":content-type", "application/json"), (":message-type", "event")],
        json);

    public static byte[] Exception(string exceptionType, ReadOnlySpan<byte> json) => Encode(
        [(":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception")],
        json);

    public static byte[] Encode(ReadOnlySpan<(string Name, string Value)> headers, ReadOnlySpan<byte> payload)
    {
        var headersLength = 0;
        foreach (var (name, value) in headers)
        {
            headersLength += 1 + Encoding.UTF8.GetByteCount(name) + 1 + 2 + Encoding.UTF8.GetByteCount(value);
        }

        // Prelude (total length, headers length, prelude CRC), headers, payload, message CRC; all big-endian.
        var totalLength = 12 + headersLength + payload.Length + 4;
        var frame = new byte[totalLength];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)totalLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32.HashToUInt32(frame.AsSpan(0, 8)));
        var offset = 12;
        foreach (var (name, value) in headers)
        {
            var nameLength = Encoding.UTF8.GetBytes(name, frame.AsSpan(offset + 1));
            frame[offset] = (byte)nameLength;
            offset += 1 + nameLength;
            frame[offset++] = StringHeaderType;
            var valueLength = Encoding.UTF8.GetBytes(value, frame.AsSpan(offset + 2));
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), (ushort)valueLength);
            offset += 2 + valueLength;
        }

        payload.CopyTo(frame.AsSpan(offset));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(totalLength - 4), Crc32.HashToUInt32(frame.AsSpan(0, totalLength - 4)));
        return frame;
    }
}
