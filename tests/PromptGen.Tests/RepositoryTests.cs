using System.Text;

namespace PromptGen.Tests;

/// <summary>
/// The repository is self-contained: a fresh clone with nothing beside it builds and tests, so no file may reach
/// outside it for test data, and the test data carries its provenance and licenses.
/// </summary>
public class RepositoryTests
{
    // Build output, installed packages and tool state are not part of the repository.
    private static readonly HashSet<string> s_skippedDirectories = new(StringComparer.Ordinal)
    {
        ".git", "bin", "obj", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts", ".vs",
    };

    // Spelled in pieces so that this file does not match itself.
    private static readonly string[] s_outsideReferences = [".." + "/shared", ".." + "\\shared"];

    [Fact]
    public void NoFileReferencesTheSharedFolderBesideTheRepository()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(TestVectors.Root))!;
        var offenders = new List<string>();
        var scanned = 0;
        foreach (var file in EnumerateRepositoryFiles(root))
        {
            scanned++;
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
            if (s_outsideReferences.Any(reference => text.Contains(reference, StringComparison.Ordinal)))
            {
                offenders.Add(Path.GetRelativePath(root, file));
            }
        }

        // The walk must have seen the repository, not an empty folder.
        Assert.True(scanned > 100, $"Only {scanned} files found under {root}.");
        Assert.True(offenders.Count == 0, "These files refer to a folder outside the repository: " + string.Join(", ", offenders));
    }

    [Theory]
    [InlineData("SOURCES.md")]
    [InlineData("eventstream/LICENSE.txt")]
    [InlineData("eventstream/NOTICE.txt")]
    [InlineData("bedrock/model/LICENSE-botocore.txt")]
    [InlineData("bedrock/recorded/LICENSE-openinference")]
    public void TestDataCarriesItsProvenanceAndLicenses(string relativePath)
    {
        var path = TestVectors.PathOf(relativePath.Split('/'));
        Assert.True(File.Exists(path), $"{path} is missing.");
        Assert.NotEmpty(File.ReadAllText(path).Trim());
    }

    private static IEnumerable<string> EnumerateRepositoryFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            yield return file;
        }

        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            if (s_skippedDirectories.Contains(Path.GetFileName(child)))
            {
                continue;
            }

            foreach (var file in EnumerateRepositoryFiles(child))
            {
                yield return file;
            }
        }
    }
}
