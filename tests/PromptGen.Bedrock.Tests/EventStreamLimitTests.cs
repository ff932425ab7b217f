using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Hashing;
using System.Text;
using PromptGen.Bedrock.EventStream;
using PromptGen.Bedrock.Tests.Fuzzing;
using PromptGen.Bedrock.Tests.Loopback;
using static PromptGen.Bedrock.Tests.Loopback.LoopbackTestSupport;

namespace PromptGen.Bedrock.Tests;

/// <summary>
/// The 16 MiB frame and 128 KiB headers limits: exact at the boundary, and enforced from the prelude alone, so that a
/// peer declaring a huge frame cannot make the reader buffer (or wait for) the bytes it declares.
/// </summary>
public sealed class EventStreamLimitTests
{
    private static readonly TimeSpan s_generousBound = TimeSpan.FromSeconds(10);

    public static TheoryData<uint, uint, EventStreamErrorReason> PreludesOverTheLimits() => new()
    {
        { EventStreamFrame.MaxFrameLength + 1u, 0u, EventStreamErrorReason.FrameTooLarge },
        { 0x7FFF_FFFFu, 0u, EventStreamErrorReason.FrameTooLarge },
        { 0x8000_0000u, 0u, EventStreamErrorReason.FrameTooLarge }, // int.MinValue as signed
        { 0xFFFF_FFFFu, 0xFFFF_FFFFu, EventStreamErrorReason.FrameTooLarge }, // -1 as signed
        { EventStreamFrame.MaxFrameLength, EventStreamFrame.MaxHeadersLength + 1u, EventStreamErrorReason.HeadersTooLarge },
        { 1_000u, 0xFFFF_FFFFu, EventStreamErrorReason.HeadersTooLarge },
        { 1_000u, 0x8000_0000u, EventStreamErrorReason.HeadersTooLarge },
    };

    [Theory]
    [MemberData(nameof(PreludesOverTheLimits))]
    public async Task PreludeOverTheLimitsFailsBeforeAnyByteAfterItIsRead(uint totalLength, uint headersLength, EventStreamErrorReason reason)
    {
        var stream = new PreludeOnlyStream(Prelude(totalLength, headersLength));
        using var reader = new EventStreamReader(stream);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var exception = await Assert.ThrowsAsync<EventStreamException>(async () => await reader.ReadNextAsync());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(reason, exception.Reason);
        Assert.Equal(EventStreamFrame.PreludeLength, stream.Position);
        Assert.True(stream.LargestReadRequested < EventStreamFrame.MaxHeadersLength, $"The reader asked for {stream.LargestReadRequested} bytes at once.");
        Assert.True(allocated < 1024 * 1024, $"Rejecting the prelude allocated {allocated} bytes.");
    }

    [Fact]
    public async Task FrameOfExactlyTheMaximumLengthIsRead()
    {
        var payload = new byte[EventStreamFrame.MaxFrameLength - EventStreamFrame.MinFrameLength];
        new Random(16).NextBytes(payload);
        var frame = FuzzFrameCodec.Encode([], payload);
        Assert.Equal(EventStreamFrame.MaxFrameLength, frame.Length);
        using var reader = new EventStreamReader(new SlicedReadStream(frame, 1 << 20, 12, 4093));

        Assert.True(await reader.ReadNextAsync());
        Assert.Equal(EventStreamFrame.MaxFrameLength, reader.CurrentFrame.TotalLength);
        Assert.True(reader.Payload.Span.SequenceEqual(payload));
        Assert.False(await reader.ReadNextAsync());
    }

    [Fact]
    public async Task FrameOneByteOverTheMaximumIsRejected()
    {
        var frame = FuzzFrameCodec.Encode([], new byte[EventStreamFrame.MaxFrameLength - EventStreamFrame.MinFrameLength + 1]);
        using var reader = new EventStreamReader(new MemoryStream(frame));

        var exception = await Assert.ThrowsAsync<EventStreamException>(async () => await reader.ReadNextAsync());

        Assert.Equal(EventStreamErrorReason.FrameTooLarge, exception.Reason);
        Assert.Equal($"Event-stream frame too large: {EventStreamFrame.MaxFrameLength + 1} bytes exceeds the {EventStreamFrame.MaxFrameLength}-byte limit.", exception.Message);
    }

    [Theory]
    [InlineData(EventStreamFrame.MaxHeadersLength, null)]
    [InlineData(EventStreamFrame.MaxHeadersLength + 1, EventStreamErrorReason.HeadersTooLarge)]
    public async Task HeadersAreLimitedTo128KiB(int headersLength, EventStreamErrorReason? reason)
    {
        var frame = FrameWithHeadersOf(headersLength);
        Assert.Equal(headersLength, (int)BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4)));
        using var reader = new EventStreamReader(new SlicedReadStream(frame, 4093, 1, 65536));

        if (reason is null)
        {
            Assert.True(await reader.ReadNextAsync());
            Assert.Equal(headersLength, reader.CurrentFrame.HeadersLength);
            Assert.Equal("messageStart", reader.EventType);
            Assert.Equal("""{"role":"assistant"}""", Encoding.UTF8.GetString(reader.Payload.Span));
            Assert.False(await reader.ReadNextAsync());
        }
        else
        {
            var exception = await Assert.ThrowsAsync<EventStreamException>(async () => await reader.ReadNextAsync());
            Assert.Equal(reason, exception.Reason);
            Assert.Equal(reason, Assert.Throws<EventStreamException>(() => EventStreamFrame.Decode(frame)).Reason);
        }
    }

    [Fact]
    public async Task OversizedFrameAfterTextDeltasFailsAfterTheTextWithoutWaitingForItsBytes()
    {
        var clientClosed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            await exchange.WriteStreamHeadAsync("req-oversized");
            byte[] deltas = [.. EventStreamFrameEncoder.MessageStart(), .. EventStreamFrameEncoder.TextDelta("Hello"), .. EventStreamFrameEncoder.TextDelta(", world")];
            await exchange.WriteChunkAsync(deltas);

            // A prelude declaring one byte over 16 MiB and the start of its headers; then the server stalls with the
            // body still open. The client must fail from the prelude, not wait for the 16 MiB.
            byte[] oversized = [.. Prelude(EventStreamFrame.MaxFrameLength + 1u, 64), .. new byte[100]];
            await exchange.WriteChunkAsync(oversized);
            clientClosed.SetResult(await exchange.WaitForClientCloseAsync(s_generousBound));
        });
        using var client = CreateClient(server);
        using var hangGuard = new CancellationTokenSource(s_generousBound);

        var deltas = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAsync<EventStreamException>(async () =>
        {
            await foreach (var streamEvent in client.ConverseStreamAsync(HelloWorldRequest(), hangGuard.Token))
            {
                if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { } text })
                {
                    deltas.Add(text);
                }
            }
        });

        Assert.Equal(EventStreamErrorReason.FrameTooLarge, exception.Reason);
        Assert.Equal(["Hello", ", world"], deltas);
        Assert.True(stopwatch.Elapsed < s_generousBound, $"The oversized frame took {stopwatch.Elapsed} to be reported.");
        Assert.True(await clientClosed.Task.WaitAsync(s_generousBound), "The client kept the connection open after the oversized frame.");
    }

    private static byte[] Prelude(uint totalLength, uint headersLength)
    {
        var prelude = new byte[EventStreamFrame.PreludeLength];
        BinaryPrimitives.WriteUInt32BigEndian(prelude, totalLength);
        BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(4), headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(8), Crc32.HashToUInt32(prelude.AsSpan(0, 8)));
        return prelude;
    }

    // A messageStart frame whose headers section is exactly the given size: the routing headers, then padding
    // headers of at most 65,535-byte values (each header costs 5 bytes besides its value, with a 1-byte name).
    private static byte[] FrameWithHeadersOf(int headersLength)
    {
        List<FuzzHeader> headers =
        [
            new(":event-type"u8.ToArray(), 7, "messageStart"u8.ToArray()),
            new(":content-type"u8.ToArray(), 7, "application/json"u8.ToArray()),
            new(":message-type"u8.ToArray(), 7, "event"u8.ToArray()),
        ];
        var remaining = headersLength - headers.Sum(header => 1 + header.Name.Length + 1 + 2 + header.Value.Length);
        for (var index = 0; remaining > 0; index++)
        {
            var valueLength = Math.Min(remaining - 5, ushort.MaxValue);
            if (remaining - 5 - valueLength is > 0 and < 5)
            {
                valueLength -= 5; // leave room for one more complete header
            }

            headers.Add(new FuzzHeader([(byte)('a' + index)], 7, Encoding.ASCII.GetBytes(new string('x', valueLength))));
            remaining -= 5 + valueLength;
        }

        return FuzzFrameCodec.Encode(headers, """{"role":"assistant"}"""u8);
    }
}
