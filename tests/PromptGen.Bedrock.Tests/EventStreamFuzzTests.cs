using System.Buffers.Binary;
using PromptGen.Bedrock.EventStream;
using PromptGen.Bedrock.Tests.Fuzzing;
using Xunit.Abstractions;

namespace PromptGen.Bedrock.Tests;

/// <summary>
/// Property tests of the event-stream decoder over well over 100,000 corrupt, truncated and adversarial inputs built
/// from the event-stream vectors and the recorded Bedrock streams. Every input must decode to frames or fail with an
/// <see cref="EventStreamException"/> of a defined reason, identically through the span decoder and through the
/// stream reader however the reads are sliced, and every decoded event payload must deserialize or fail with a
/// JsonException. The inputs are deterministic: each is built from the pass's seed and its own index, and a failure
/// names both (set PROMPTGEN_FUZZ_SEED to explore other seeds).
/// </summary>
public sealed class EventStreamFuzzTests(ITestOutputHelper output)
{
    private const int RandomMutationCount = 100_000;

    [Fact]
    public async Task RandomMutationsOfTheVectorsDecodeOrFailWithADefinedReason()
    {
        var corpus = FuzzCorpus.All;
        var statistics = await RunPassAsync(
            "random mutations",
            RandomMutationCount,
            (_, random) => EventStreamMutator.Mutate(random, corpus[random.Next(corpus.Count)], corpus),
            check: null);

        // The pass must have reached every layer: clean ends, every reason, and events of every type.
        foreach (var reason in Enum.GetValues<EventStreamErrorReason>())
        {
            Assert.True(statistics[$"ends with {reason}"] > 0, $"No input ended with {reason}.");
        }

        Assert.True(statistics["ends cleanly"] > 1000);
        Assert.True(statistics["json: JsonException"] > 1000);
        Assert.All(EventStreamMutator.EventTypes.Take(6), eventType => Assert.True(statistics[$"json: {eventType}"] > 0, $"No {eventType} event was decoded."));
    }

    [Fact]
    public async Task EveryHeaderTypeByteEitherDecodesOrIsAnInvalidHeader()
    {
        // Every type byte with the checksum repaired, so the header parser sees it; with a stale checksum only for the
        // first header of each frame, to show the checksum is verified before any header is parsed.
        var cases = (
            from seed in FuzzCorpus.FrameSeeds
            from header in seed.Frames[0].Headers
            from type in Enumerable.Range(0, 256)
            from fixChecksum in header == seed.Frames[0].Headers[0] ? new[] { true, false } : [true]
            select (seed, header, type: (byte)type, fixChecksum)).ToList();

        await RunPassAsync(
            "header type bytes 0..255",
            cases.Count,
            (index, _) =>
            {
                var (seed, header, type, fixChecksum) = cases[index];
                return new FuzzInput(
                    EventStreamMutator.SetHeaderByte(seed.Bytes, seed.Frames[0], header.TypeOffset, type, fixChecksum),
                    MutationKind.HeaderTypeByte,
                    $"{seed.Name}: type of header at {header.Offset} = {type}, checksum {(fixChecksum ? "fixed" : "stale")}");
            },
            (index, _, outcome) =>
            {
                var (_, header, type, fixChecksum) = cases[index];
                if (type == header.Type)
                {
                    Assert.Null(outcome.Error);
                }
                else if (!fixChecksum)
                {
                    Assert.Equal(EventStreamErrorReason.MessageChecksumMismatch, outcome.Error);
                }
                else if (type > (byte)EventStreamHeaderType.Uuid)
                {
                    Assert.Equal(EventStreamErrorReason.InvalidHeader, outcome.Error);
                }
                else
                {
                    // A known type of another size shifts every later byte: the rest may still parse, or not.
                    Assert.True(outcome.Error is null or EventStreamErrorReason.InvalidHeader, $"Got {outcome.Error}.");
                }

                return Task.CompletedTask;
            });
    }

    [Fact]
    public async Task HeaderNameAndValueLengthsRunningPastTheHeadersAreInvalidHeaders()
    {
        var cases = new List<(FuzzSeed Seed, HeaderLayout Header, bool IsName, int Length)>();
        foreach (var seed in FuzzCorpus.FrameSeeds)
        {
            foreach (var header in seed.Frames[0].Headers)
            {
                cases.AddRange(Enumerable.Range(0, 256).Select(length => (seed, header, true, length)));
                if (header.HasLengthPrefix)
                {
                    var remaining = seed.Frames[0].PayloadOffset - header.ValueOffset;
                    cases.AddRange(Enumerable.Range(0, remaining + 3).Concat([0x7FFF, 0x8000, 0xFFFE, 0xFFFF]).Select(length => (seed, header, false, length)));
                }
            }
        }

        await RunPassAsync(
            "header name and value lengths",
            cases.Count,
            (index, _) =>
            {
                var (seed, header, isName, length) = cases[index];
                var frame = seed.Frames[0];
                byte[] bytes;
                if (isName)
                {
                    bytes = EventStreamMutator.SetHeaderByte(seed.Bytes, frame, header.Offset, (byte)length, fixChecksum: true);
                }
                else
                {
                    bytes = (byte[])seed.Bytes.Clone();
                    BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(header.ValueOffset - 2), (ushort)length);
                    FuzzFrameCodec.FixMessageChecksum(bytes, frame.Offset);
                }

                return new FuzzInput(bytes, isName ? MutationKind.HeaderNameLength : MutationKind.HeaderValueLength, $"{seed.Name}: {(isName ? "name" : "value")} length of header at {header.Offset} = {length}");
            },
            (index, _, outcome) =>
            {
                var (seed, header, isName, length) = cases[index];
                var headersEnd = seed.Frames[0].PayloadOffset;
                var overflows = isName
                    ? length == 0 || header.Offset + 1 + length + 1 > headersEnd
                    : header.ValueOffset + length > headersEnd;
                if (overflows)
                {
                    Assert.Equal(EventStreamErrorReason.InvalidHeader, outcome.Error);
                }
                else if (length == (isName ? header.NameLength : header.ValueLength))
                {
                    Assert.Null(outcome.Error);
                }
                else
                {
                    Assert.True(outcome.Error is null or EventStreamErrorReason.InvalidHeader, $"Got {outcome.Error}.");
                }

                return Task.CompletedTask;
            });
    }

    [Fact]
    public async Task TruncationAtEveryBoundaryIsACleanEndOrATruncatedFrame()
    {
        // Every boundary of every single frame; in whole streams, those of the first three frames and the last two
        // (the frames between add time, not cases).
        var cases = (
            from seed in FuzzCorpus.FrameSeeds.Concat(FuzzCorpus.RecordedStreams).Concat(FuzzCorpus.ExceptionStreams).Append(FuzzCorpus.LargeFrameStream)
            from length in seed.Boundaries
            where seed.Frames.Count <= 5 || length <= seed.Frames[2].End || length >= seed.Frames[^2].Offset
            select (seed, length)).ToList();

        await RunPassAsync(
            "truncation at every boundary",
            cases.Count,
            (index, _) =>
            {
                var (seed, length) = cases[index];
                return new FuzzInput(seed.Bytes[..length], MutationKind.BoundaryTruncation, $"{seed.Name}: first {length} bytes");
            },
            (index, _, outcome) =>
            {
                // Cut exactly between frames, the stream ends cleanly after the frames before the cut; anywhere
                // else, the frames before the cut are read and then the frame cut short is reported as truncated.
                var (seed, length) = cases[index];
                Assert.Equal(seed.Frames.Count(frame => frame.End <= length), outcome.Frames.Count);
                var atFrameBoundary = length == 0 || seed.Frames.Any(frame => frame.End == length);
                Assert.Equal(atFrameBoundary ? null : EventStreamErrorReason.TruncatedFrame, outcome.Error);
                return Task.CompletedTask;
            });
    }

    [Fact]
    public async Task LengthFieldsOutsideTheLimitsFailFromThePreludeAlone()
    {
        var cases = (
            from seed in FuzzCorpus.FrameSeeds
            from field in new[] { 0, 1, 2 }
            from value in EventStreamMutator.InterestingLengths
            from fixPrelude in new[] { true, false }
            select (seed, field, value, fixPrelude)).ToList();

        await RunPassAsync(
            "length fields",
            cases.Count,
            (index, _) =>
            {
                var (seed, field, value, fixPrelude) = cases[index];
                return new FuzzInput(
                    EventStreamMutator.SetLengthField(seed.Bytes, seed.Frames[0], field, value, fixPrelude),
                    MutationKind.LengthField,
                    $"{seed.Name}: {EventStreamMutator.LengthFieldName(field)} = 0x{value:x8}, prelude crc {(fixPrelude ? "fixed" : "stale")}");
            },
            async (index, input, outcome) =>
            {
                var (seed, field, value, fixPrelude) = cases[index];
                var frame = seed.Frames[0];
                var total = field == 1 ? (uint)frame.TotalLength : value;
                var headers = field == 0 ? (uint)frame.HeadersLength : value;
                if (total == frame.TotalLength && headers == frame.HeadersLength)
                {
                    Assert.Null(outcome.Error);
                    return;
                }

                EventStreamErrorReason? rejectedByPrelude =
                    !fixPrelude ? EventStreamErrorReason.PreludeChecksumMismatch
                    : total > EventStreamFrame.MaxFrameLength ? EventStreamErrorReason.FrameTooLarge
                    : headers > EventStreamFrame.MaxHeadersLength ? EventStreamErrorReason.HeadersTooLarge
                    : total < EventStreamFrame.MinFrameLength || headers > total - EventStreamFrame.MinFrameLength ? EventStreamErrorReason.InvalidLength
                    : null;
                if (rejectedByPrelude is not null)
                {
                    Assert.Equal(rejectedByPrelude, outcome.Error);

                    // The prelude alone decides: the reader fails without asking the stream for the bytes it declares.
                    using var reader = new EventStreamReader(new PreludeOnlyStream(input.Bytes));
                    var exception = await Assert.ThrowsAsync<EventStreamException>(async () => await reader.ReadNextAsync());
                    Assert.Equal(rejectedByPrelude, exception.Reason);
                }
                else if (total > seed.Bytes.Length)
                {
                    Assert.Equal(EventStreamErrorReason.TruncatedFrame, outcome.Error);
                }
                else if (total != frame.TotalLength)
                {
                    // A shorter frame than the bytes sent: its message checksum is read from the wrong place.
                    Assert.NotNull(outcome.Error);
                }
            });
    }

    private Task<FuzzStatistics> RunPassAsync(
        string pass,
        int count,
        Func<int, Random, FuzzInput> generate,
        Func<int, FuzzInput, DecodeOutcome, Task>? check) =>
        FuzzRunner.RunAsync(output, pass, count, generate, async (index, random, input, statistics) =>
        {
            var outcome = await EventStreamFuzzHarness.CheckAsync(input.Bytes, random, statistics);
            if (check is not null)
            {
                await check(index, input, outcome);
            }
        });
}
