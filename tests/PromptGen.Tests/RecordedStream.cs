using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace PromptGen.Tests;

/// <summary>
/// One frame of a recorded ConverseStream body: its <c>:event-type</c> header and its payload bytes exactly as they
/// travelled. The frames are cut from <c>*.response.bin</c> with the bare minimum of the framing (length prefixes and
/// string headers; checksums are the transport's business and its own tests check them), and each is checked against
/// its line of the beside <c>*.decoded.jsonl</c>, which is the independent decode.
/// </summary>
internal sealed record RecordedFrame(string EventType, byte[] Payload, JsonElement DecodedPayload)
{
    public static IReadOnlyList<RecordedFrame> Load(string decodedJsonlPath)
    {
        var body = File.ReadAllBytes(decodedJsonlPath.Replace(".decoded.jsonl", ".response.bin", StringComparison.Ordinal));
        var lines = File.ReadAllLines(decodedJsonlPath).Where(line => line.Length > 0).ToArray();
        var frames = new List<RecordedFrame>();
        var offset = 0;
        while (offset < body.Length)
        {
            var total = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset));
            var headersLength = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 4));
            var headers = ReadStringHeaders(body.AsSpan(offset + 12, headersLength));
            var payload = body.AsSpan(offset + 12 + headersLength, total - 16 - headersLength).ToArray();
            var decoded = JsonDocument.Parse(lines[frames.Count]).RootElement;
            Assert.Equal(decoded.GetProperty("headers").GetProperty(":event-type").GetString(), headers[":event-type"]);
            JsonAssert.Equal(decoded.GetProperty("payload"), JsonDocument.Parse(payload).RootElement);
            frames.Add(new RecordedFrame(headers[":event-type"], payload, decoded.GetProperty("payload")));
            offset += total;
        }

        Assert.Equal(lines.Length, frames.Count);
        return frames;
    }

    private static Dictionary<string, string> ReadStringHeaders(ReadOnlySpan<byte> headers)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!headers.IsEmpty)
        {
            var name = Encoding.UTF8.GetString(headers.Slice(1, headers[0]));
            headers = headers[(1 + headers[0])..];
            Assert.Equal(7, headers[0]); // every header Bedrock sends is a string
            var length = BinaryPrimitives.ReadUInt16BigEndian(headers[1..]);
            result.Add(name, Encoding.UTF8.GetString(headers.Slice(3, length)));
            headers = headers[(3 + length)..];
        }

        return result;
    }
}
