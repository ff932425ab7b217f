namespace PromptGen.Tests;

/// <summary>Locates the shared test vectors, which live beside the repository and are never copied into it.</summary>
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
                var vectors = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "vectors"));
                return Directory.Exists(vectors)
                    ? vectors
                    : throw new DirectoryNotFoundException($"The shared test vectors are missing: expected {vectors}.");
            }
        }

        throw new DirectoryNotFoundException($"No PromptGen.sln above {AppContext.BaseDirectory}.");
    }
}
