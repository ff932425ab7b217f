using System.Diagnostics;

namespace PromptGen.Testing.Tests;

/// <summary>The offline quick start: the sample with --emulator prints the scripted hello-world answer and exits 0.</summary>
public sealed class HelloBedrockSampleTests
{
    [Fact]
    public async Task The_sample_with_emulator_prints_the_hello_world_answer_and_exits_0()
    {
        var (exitCode, stdout, stderr) = await RunSampleAsync("--emulator");

        Assert.Equal(0, exitCode);
        Assert.Equal(ConverseScript.HelloWorldAnswer + Environment.NewLine, stdout);
        Assert.Matches(@"^Using the local Bedrock emulator at http://127\.0\.0\.1:\d+/ \(no AWS call, no credentials needed\)\.\r?\n$", stderr);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunSampleAsync(params string[] arguments) =>
        RunSampleAsync(
            new Dictionary<string, string>
            {
                // With the emulator, the machine's AWS configuration must not matter: prove it by pointing it elsewhere.
                ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = "http://127.0.0.1:9",
                ["AWS_BEARER_TOKEN_BEDROCK"] = "not-a-key",
                ["AWS_PROFILE"] = "no-such-profile",
            },
            arguments);

    /// <summary>Runs the built sample with exactly <paramref name="environment"/> of the AWS settings.</summary>
    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunSampleAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        // The project reference builds the sample next to its own project; the test runs that build.
        var sample = Path.Combine(TestSupport.RepositoryRoot, "samples", "HelloBedrock", "bin", TestSupport.Configuration, "net10.0", "HelloBedrock.dll");
        Assert.True(File.Exists(sample), $"The sample was not built: {sample}");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(sample);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        TestSupport.SetAwsEnvironment(startInfo, environment);

        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
