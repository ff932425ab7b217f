using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace PromptGen.Testing.Tests;

/// <summary>What AWS's JavaScript SDK reported: the text it delivered and the name and message of its error, if any.</summary>
public sealed record AwsSdkJsResult(string Text, string? Error, string? Message);

/// <summary>Runs AWS's hello-world script, on the pinned AWS SDK for JavaScript, against an emulator.</summary>
public sealed class AwsSdkJsFixture
{
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromSeconds(60);

    public AwsSdkJsFixture()
    {
        Directory = AwsSdkJsPackages.Directory;
        AwsSdkJsPackages.EnsureInstalled();
    }

    public string Directory { get; }

    /// <summary>Runs hello-bedrock.mjs.</summary>
    /// <param name="emulator">The emulator to call.</param>
    /// <param name="operation"><c>converse-stream</c> or <c>converse</c>.</param>
    /// <param name="handler"><c>http2</c> (the SDK's default handler) or <c>http1</c>.</param>
    /// <param name="secretAccessKey">A secret to sign with instead of the emulator's.</param>
    public async Task<AwsSdkJsResult> RunHelloBedrockAsync(BedrockEmulator emulator, string operation, string handler, string? secretAccessKey = null)
    {
        var credentials = emulator.Credentials.GetCredentials();
        var environment = new Dictionary<string, string>
        {
            ["EMULATOR_ENDPOINT"] = emulator.Endpoint.ToString().TrimEnd('/'),
            ["AWS_REGION"] = emulator.Region,
            ["AWS_ACCESS_KEY_ID"] = credentials.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = secretAccessKey ?? credentials.SecretKey,
        };
        var (exitCode, stdout, stderr) = await RunAsync("node", ["hello-bedrock.mjs", operation, handler], environment, s_runTimeout);
        Assert.True(exitCode == 0, $"node exited with {exitCode}.\n{stdout}\n{stderr}");
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return new AwsSdkJsResult(
            root.GetProperty("text").GetString()!,
            root.GetProperty("error").GetString(),
            root.GetProperty("message").GetString());
    }

    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string fileName,
        string[] arguments,
        IReadOnlyDictionary<string, string>? environment,
        TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = AwsSdkJsPackages.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        TestSupport.SetAwsEnvironment(startInfo, environment);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>
/// The pinned AWS SDK for JavaScript in AwsSdkJs/: installed from the committed package-lock.json with <c>npm ci</c>,
/// once per test run, when node_modules is missing or older than the lock file.
/// </summary>
internal static class AwsSdkJsPackages
{
    private static readonly TimeSpan s_installTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<bool> s_installed = new(Install);

    public static string Directory { get; } = Path.Combine(TestSupport.RepositoryRoot, "tests", "PromptGen.Testing.Tests", "AwsSdkJs");

    public static void EnsureInstalled() => _ = s_installed.Value;

    private static bool Install()
    {
        var marker = Path.Combine(Directory, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(Directory, "package-lock.json");
        if (!File.Exists(marker) || File.GetLastWriteTimeUtc(marker) < File.GetLastWriteTimeUtc(lockFile))
        {
            var (exitCode, stdout, stderr) = AwsSdkJsFixture.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], environment: null, s_installTimeout)
                .GetAwaiter().GetResult();
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"npm ci failed with exit code {exitCode}.\n{stdout}\n{stderr}");
            }
        }

        return true;
    }
}
