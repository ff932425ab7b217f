using System.Reflection;
using System.Text;
using PromptGen.Testing;

namespace PromptGen.Benchmarks.Decoding;

/// <summary>
/// The bytes the decoding benchmarks feed to each decoder: the recorded Bedrock ConverseStream bodies from the shared
/// vectors, and synthetic streams of Bedrock-shaped frames encoded by the emulator's frame writer.
/// </summary>
internal static class BedrockStreamBytes
{
    /// <summary>The frames in the five recorded bodies together (93 real, 12 from the SYNTHETIC reasoning fixture).</summary>
    public const int RecordedFrameCount = 105;

    /// <summary>The text of every synthetic delta: 6 characters, as short as a typical model token.</summary>
    public const string DeltaText = "Hello ";

    /// <summary>
    /// Every <c>tests/TestData/bedrock/recorded/*.response.bin</c>, in ordinal order of file name, concatenated
    /// into one stream of frames.
    /// </summary>
    public static byte[] Recorded()
    {
        var directory = Path.Combine(VectorsRoot(), "bedrock", "recorded");
        var files = Directory.GetFiles(directory, "*.response.bin").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"No *.response.bin under {directory}.");
        }

        return files.SelectMany(File.ReadAllBytes).ToArray();
    }

    /// <summary><paramref name="count"/> contentBlockDelta frames, exactly as Bedrock frames a text delta, and nothing else.</summary>
    public static byte[] TextDeltaFrames(int count)
    {
        var frame = TextDelta();
        var stream = new byte[frame.Length * count];
        for (var i = 0; i < count; i++)
        {
            frame.CopyTo(stream, i * frame.Length);
        }

        return stream;
    }

    /// <summary>
    /// A whole ConverseStream body answering with <paramref name="deltaCount"/> text deltas: messageStart, the deltas,
    /// contentBlockStop, messageStop and metadata, as Bedrock sends them for a text answer.
    /// </summary>
    public static byte[] TextAnswer(int deltaCount)
    {
        var stream = new MemoryStream();
        stream.Write(Event("messageStart", """{"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123","role":"assistant"}"""));
        stream.Write(TextDeltaFrames(deltaCount));
        stream.Write(Event("contentBlockStop", """{"contentBlockIndex":0,"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJK"}"""));
        stream.Write(Event("messageStop", """{"p":"abcdefghijklmnopqrstu","stopReason":"end_turn"}"""));
        stream.Write(Event(
            "metadata",
            """{"metrics":{"latencyMs":1234},"p":"abcdefghijklmnopq","usage":{"inputTokens":12,"outputTokens":1000,"totalTokens":1012}}"""));
        return stream.ToArray();
    }

    private static byte[] TextDelta() =>
        Event("contentBlockDelta", $$"""{"contentBlockIndex":0,"delta":{"text":"{{DeltaText}}"},"p":"abcdefgh"}""");

    // The emulator's frame writer: string headers in the order Bedrock sends them.
    private static byte[] Event(string eventType, string json) => EventStreamFrameWriter.Event(eventType, Encoding.UTF8.GetBytes(json));

    private static string VectorsRoot()
    {
        var repositoryRoot = typeof(BedrockStreamBytes).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        var vectors = Path.Combine(repositoryRoot, "tests", "TestData");
        return Directory.Exists(vectors)
            ? vectors
            : throw new DirectoryNotFoundException($"The test vectors are missing: expected {vectors}.");
    }
}
