using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace PromptGen.Bedrock.Tests.Loopback;

/// <summary>Encodes event-stream frames with string headers, as Bedrock sends them; for tests only.</summary>
internal static class EventStreamFrameEncoder
{
    public static byte[] Event(string eventType, string json) => Encode(
        [(":event-type", eventType), (":content-type", "application/json"), (":message-type", "event")],
        Encoding.UTF8.GetBytes(json));

    public static byte[] Exception(string exceptionType, string json) => Encode(
        [(":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception")],
        Encoding.UTF8.GetBytes(json));

    public static byte[] Error(string errorCode, string errorMessage) => Encode(
        [(":error-code", errorCode), (":error-message", errorMessage), (":message-type", "error")],
        []);

    public static byte[] TextDelta(string text, int contentBlockIndex = 0) => Event(
        "contentBlockDelta",
        $$"""{"contentBlockIndex":{{contentBlockIndex}},"delta":{"text":{{System.Text.Json.JsonSerializer.Serialize(text)}}},"p":"abcdef"}""");

    public static byte[] MessageStart() => Event("messageStart", """{"p":"abc","role":"assistant"}""");

    public static byte[] Encode(IReadOnlyList<(string Name, string Value)> headers, ReadOnlySpan<byte> payload)
    {
        var headerBytes = new MemoryStream();
        foreach (var (name, value) in headers)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var valueBytes = Encoding.UTF8.GetBytes(value);
            headerBytes.WriteByte((byte)nameBytes.Length);
            headerBytes.Write(nameBytes);
            headerBytes.WriteByte(7); // string
            headerBytes.WriteByte((byte)(valueBytes.Length >> 8));
            headerBytes.WriteByte((byte)valueBytes.Length);
            headerBytes.Write(valueBytes);
        }

        var headersLength = (int)headerBytes.Length;
        var totalLength = 12 + headersLength + payload.Length + 4;
        var frame = new byte[totalLength];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)totalLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32.HashToUInt32(frame.AsSpan(0, 8)));
        headerBytes.ToArray().CopyTo(frame, 12);
        payload.CopyTo(frame.AsSpan(12 + headersLength));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(totalLength - 4), Crc32.HashToUInt32(frame.AsSpan(0, totalLength - 4)));
        return frame;
    }

    /// <summary>Splits a stream of frames into its frames, using the total length of each prelude.</summary>
    public static IEnumerable<ArraySegment<byte>> SplitFrames(byte[] stream)
    {
        for (var offset = 0; offset < stream.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(stream.AsSpan(offset));
            yield return new ArraySegment<byte>(stream, offset, length);
            offset += length;
        }
    }
}
