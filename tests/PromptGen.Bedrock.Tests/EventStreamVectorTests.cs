using System.Text.Json;
using PromptGen.Bedrock.EventStream;

namespace PromptGen.Bedrock.Tests;

public sealed class EventStreamVectorTests
{
    public static TheoryData<string> PositiveVectors() =>
        new(TestVectors.FilesIn("eventstream", "encoded", "positive").Select(Path.GetFileName)!);

    public static TheoryData<string, EventStreamErrorReason, string> NegativeVectors() => new()
    {
        { "corrupted_header_len", EventStreamErrorReason.PreludeChecksumMismatch, "Prelude checksum mismatch" },
        { "corrupted_length", EventStreamErrorReason.PreludeChecksumMismatch, "Prelude checksum mismatch" },
        { "corrupted_headers", EventStreamErrorReason.MessageChecksumMismatch, "Message checksum mismatch" },
        { "corrupted_payload", EventStreamErrorReason.MessageChecksumMismatch, "Message checksum mismatch" },
    };

    [Fact]
    public void EveryVectorIsCovered()
    {
        Assert.Equal(5, PositiveVectors().Count);
        var negativeOnDisk = TestVectors.FilesIn("eventstream", "encoded", "negative").Select(Path.GetFileName).ToArray();
        Assert.Equal(NegativeVectors().Select(row => (string)row[0]).Order(StringComparer.Ordinal), negativeOnDisk);
    }

    [Theory]
    [MemberData(nameof(PositiveVectors))]
    public void DecodesPositiveVector(string name)
    {
        var bytes = File.ReadAllBytes(TestVectors.PathOf("eventstream", "encoded", "positive", name));
        using var expected = JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf("eventstream", "decoded", "positive", name)));
        var root = expected.RootElement;

        var frame = EventStreamFrame.Decode(bytes);

        Assert.Equal(root.GetProperty("total_length").GetInt32(), frame.TotalLength);
        Assert.Equal(root.GetProperty("headers_length").GetInt32(), frame.HeadersLength);
        Assert.Equal(unchecked((uint)root.GetProperty("prelude_crc").GetInt32()), frame.PreludeChecksum);
        Assert.Equal(unchecked((uint)root.GetProperty("message_crc").GetInt32()), frame.MessageChecksum);
        Assert.Equal(Convert.FromBase64String(root.GetProperty("payload").GetString()!), frame.Payload.ToArray());

        var expectedHeaders = root.GetProperty("headers").EnumerateArray().ToArray();
        var index = 0;
        foreach (var header in frame.EnumerateHeaders())
        {
            var expectedHeader = expectedHeaders[index++];
            Assert.Equal(expectedHeader.GetProperty("name").GetString(), header.GetName());
            Assert.Equal(expectedHeader.GetProperty("type").GetInt32(), (int)header.Type);
            AssertHeaderValue(expectedHeader.GetProperty("value"), header);
        }

        Assert.Equal(expectedHeaders.Length, index);
    }

    [Theory]
    [MemberData(nameof(PositiveVectors))]
    public async Task ReaderDecodesPositiveVectorThenEndsCleanly(string name)
    {
        var bytes = File.ReadAllBytes(TestVectors.PathOf("eventstream", "encoded", "positive", name));
        using var expected = JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf("eventstream", "decoded", "positive", name)));

        using var reader = new EventStreamReader(new SlicedReadStream(bytes, 1));

        Assert.True(await reader.ReadNextAsync());
        Assert.Equal(Convert.FromBase64String(expected.RootElement.GetProperty("payload").GetString()!), reader.Payload.ToArray());
        Assert.Equal(expected.RootElement.GetProperty("total_length").GetInt32(), reader.CurrentFrame.TotalLength);
        Assert.False(await reader.ReadNextAsync());
    }

    [Theory]
    [MemberData(nameof(NegativeVectors))]
    public void RejectsNegativeVector(string name, EventStreamErrorReason reason, string messageStart)
    {
        var bytes = File.ReadAllBytes(TestVectors.PathOf("eventstream", "encoded", "negative", name));
        var expectedKind = File.ReadAllText(TestVectors.PathOf("eventstream", "decoded", "negative", name)).Trim();
        Assert.Equal(messageStart, expectedKind);

        var exception = Assert.Throws<EventStreamException>(() => EventStreamFrame.Decode(bytes));

        Assert.Equal(reason, exception.Reason);
        Assert.StartsWith(expectedKind, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NegativeVectors))]
    public async Task ReaderRejectsNegativeVector(string name, EventStreamErrorReason reason, string messageStart)
    {
        var bytes = File.ReadAllBytes(TestVectors.PathOf("eventstream", "encoded", "negative", name));
        using var reader = new EventStreamReader(new MemoryStream(bytes));

        var exception = await Assert.ThrowsAsync<EventStreamException>(async () => await reader.ReadNextAsync());

        Assert.Equal(reason, exception.Reason);
        Assert.StartsWith(messageStart, exception.Message, StringComparison.Ordinal);
    }

    private static void AssertHeaderValue(JsonElement expected, EventStreamHeader header)
    {
        switch (header.Type)
        {
            case EventStreamHeaderType.BoolTrue:
            case EventStreamHeaderType.BoolFalse:
                Assert.Equal(expected.GetBoolean(), header.GetBoolean());
                break;
            case EventStreamHeaderType.Byte:
                Assert.Equal(expected.GetSByte(), header.GetSByte());
                break;
            case EventStreamHeaderType.Int16:
                Assert.Equal(expected.GetInt16(), header.GetInt16());
                break;
            case EventStreamHeaderType.Int32:
                Assert.Equal(expected.GetInt32(), header.GetInt32());
                break;
            case EventStreamHeaderType.Int64:
                Assert.Equal(expected.GetInt64(), header.GetInt64());
                break;
            case EventStreamHeaderType.Timestamp:
                Assert.Equal(expected.GetInt64(), header.GetTimestamp().ToUnixTimeMilliseconds());
                break;
            case EventStreamHeaderType.ByteArray:
            case EventStreamHeaderType.Uuid:
                Assert.Equal(Convert.FromBase64String(expected.GetString()!), header.Value.ToArray());
                break;
            case EventStreamHeaderType.String:
                Assert.Equal(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(expected.GetString()!)), header.GetString());
                break;
            default:
                Assert.Fail($"Unexpected header type {header.Type}.");
                break;
        }
    }
}
