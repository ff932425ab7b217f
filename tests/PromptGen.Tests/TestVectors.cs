namespace PromptGen.Tests;

/// <summary>Locates the public test vectors the repository carries under <c>tests/TestData</c> (see its SOURCES.md).</summary>
internal static class TestVectors
{
    private static readonly Lazy<string> s_root = new(FindVectorsRoot);

    public static string Root => s_root.Value;

    public static string PathOf(params string[] relative) => Path.Combine([Root, .. relative]);

    private static string FindVectorsRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptGen.sln")))
            {
                var vectors = Path.Combine(directory.FullName, "tests", "TestData");
                return Directory.Exists(vectors)
                    ? vectors
                    : throw new DirectoryNotFoundException($"The test vectors are missing: expected {vectors}.");
            }
        }

        throw new DirectoryNotFoundException($"No PromptGen.sln above {AppContext.BaseDirectory}.");
    }
}
