using PromptGen.Bedrock.Tests.Loopback;

namespace PromptGen.Bedrock.Tests.Fuzzing;

/// <summary>A seed input and the frames found in it.</summary>
internal sealed class FuzzSeed
{
    public FuzzSeed(string name, byte[] bytes)
    {
        Name = name;
        Bytes = bytes;
        Frames = FrameLayout.Parse(bytes);
        Boundaries = EventStreamMutator.Boundaries(this);
        Headers = Frames.SelectMany(frame => frame.Headers.Select(header => (frame, header))).ToList();
        VariableLengthHeaders = Headers.Where(pair => pair.Header.HasLengthPrefix).ToList();
    }

    public string Name { get; }

    public byte[] Bytes { get; }

    /// <summary>The frames whose declared lengths are consistent; empty for seeds that are not frames at all.</summary>
    public IReadOnlyList<FrameLayout> Frames { get; }

    /// <summary>Every length at which cutting the seed is interesting (see <see cref="EventStreamMutator.Boundaries"/>).</summary>
    public IReadOnlyList<int> Boundaries { get; }

    /// <summary>Every header of every frame.</summary>
    public IReadOnlyList<(FrameLayout Frame, HeaderLayout Header)> Headers { get; }

    /// <summary>The string and byte-array headers, whose values carry a 16-bit length.</summary>
    public IReadOnlyList<(FrameLayout Frame, HeaderLayout Header)> VariableLengthHeaders { get; }

    public override string ToString() => Name;
}

/// <summary>The seeds of every fuzz pass: the event-stream vectors and the recorded Bedrock streams.</summary>
internal static class FuzzCorpus
{
    private static readonly Lazy<IReadOnlyList<FuzzSeed>> s_vectorSeeds = new(LoadVectorSeeds);
    private static readonly Lazy<IReadOnlyList<FuzzSeed>> s_recordedStreams = new(LoadRecordedStreams);
    private static readonly Lazy<IReadOnlyList<FuzzSeed>> s_frameSeeds = new(LoadFrameSeeds);
    private static readonly Lazy<IReadOnlyList<FuzzSeed>> s_exceptionStreams = new(BuildExceptionStreams);
    private static readonly Lazy<FuzzSeed> s_largeFrameStream = new(BuildLargeFrameStream);

    /// <summary>Every file of <c>eventstream/encoded/positive</c> and <c>eventstream/encoded/negative</c>.</summary>
    public static IReadOnlyList<FuzzSeed> VectorSeeds => s_vectorSeeds.Value;

    /// <summary>Every <c>bedrock/recorded/*.response.bin</c>, whole.</summary>
    public static IReadOnlyList<FuzzSeed> RecordedStreams => s_recordedStreams.Value;

    /// <summary>The positive vectors and one frame of each event type from each recorded stream, alone.</summary>
    public static IReadOnlyList<FuzzSeed> FrameSeeds => s_frameSeeds.Value;

    /// <summary>
    /// Recorded streams with an in-stream exception or error frame spliced in after the first text delta, so that
    /// mutations also reach the client's exception path (the recordings themselves hold none).
    /// </summary>
    public static IReadOnlyList<FuzzSeed> ExceptionStreams => s_exceptionStreams.Value;

    /// <summary>
    /// A recorded stream with a text delta larger than the reader's initial 16 KiB buffer after its first frame, so
    /// that reads of random sizes exercise both ways the reader makes room: sliding a partial frame to the front of
    /// the buffer, and moving it to a larger one.
    /// </summary>
    public static FuzzSeed LargeFrameStream => s_largeFrameStream.Value;

    /// <summary>Every seed: vectors, frames, recorded streams.</summary>
    public static IReadOnlyList<FuzzSeed> All => [.. VectorSeeds, .. FrameSeeds, .. RecordedStreams, .. ExceptionStreams, LargeFrameStream];

    private static List<FuzzSeed> LoadVectorSeeds() =>
        new[] { "positive", "negative" }
            .SelectMany(kind => TestVectors.FilesIn("eventstream", "encoded", kind)
                .Select(path => new FuzzSeed($"eventstream/encoded/{kind}/{Path.GetFileName(path)}", File.ReadAllBytes(path))))
            .ToList();

    private static List<FuzzSeed> LoadRecordedStreams() =>
        TestVectors.FilesIn("bedrock", "recorded")
            .Where(path => path.EndsWith(".response.bin", StringComparison.Ordinal))
            .Select(path => new FuzzSeed($"bedrock/recorded/{Path.GetFileName(path)}", File.ReadAllBytes(path)))
            .ToList();

    private static List<FuzzSeed> LoadFrameSeeds()
    {
        var seeds = VectorSeeds.Where(seed => seed.Name.Contains("/positive/", StringComparison.Ordinal)).ToList();
        foreach (var stream in RecordedStreams)
        {
            // One frame per distinct headers section: every event type, and the first delta of each kind.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var frame in stream.Frames)
            {
                var headers = Convert.ToHexString(stream.Bytes, frame.HeadersOffset, frame.HeadersLength);
                if (seen.Add(headers))
                {
                    seeds.Add(new FuzzSeed($"{stream.Name}@{frame.Offset}", stream.Bytes.AsSpan(frame.Offset, frame.TotalLength).ToArray()));
                }
            }
        }

        return seeds;
    }

    private static FuzzSeed BuildLargeFrameStream()
    {
        var recording = RecordedStreams[0];
        var cut = recording.Frames[1].Offset;
        var delta = EventStreamFrameEncoder.TextDelta(new string('x', 17_000));
        return new FuzzSeed($"{recording.Name}+17KB delta", [.. recording.Bytes.AsSpan(0, cut), .. delta, .. recording.Bytes.AsSpan(cut)]);
    }

    private static List<FuzzSeed> BuildExceptionStreams()
    {
        string[] exceptionTypes =
        [
            "internalServerException", "modelStreamErrorException", "validationException", "throttlingException",
            "serviceUnavailableException",
        ];
        var seeds = new List<FuzzSeed>();
        var recording = RecordedStreams[0];
        var cut = recording.Frames[2].Offset;
        for (var index = 0; index < exceptionTypes.Length; index++)
        {
            var exception = EventStreamFrameEncoder.Exception(
                exceptionTypes[index],
                """{"message":"The model stream was interrupted.","originalStatusCode":500,"originalMessage":"upstream reset"}""");
            seeds.Add(new FuzzSeed($"{recording.Name}+{exceptionTypes[index]}", [.. recording.Bytes.AsSpan(0, cut), .. exception]));
        }

        seeds.Add(new FuzzSeed(
            $"{recording.Name}+error",
            [.. recording.Bytes.AsSpan(0, cut), .. EventStreamFrameEncoder.Error("InternalFailure", "The stream failed.")]));
        return seeds;
    }
}
