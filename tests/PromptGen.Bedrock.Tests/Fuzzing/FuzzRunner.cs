using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace PromptGen.Bedrock.Tests.Fuzzing;

/// <summary>A fuzz input failed a check; the message names the input so that it can be reproduced.</summary>
internal sealed class FuzzFailureException(string input, Exception inner) : Exception($"{input}\nfailed: {inner.Message}", inner);

/// <summary>
/// Runs a deterministic fuzz pass: input <c>i</c> is built from a <see cref="Random"/> seeded with the pass's seed
/// and <c>i</c> alone, so any failure is reproduced by its seed and index. The seed is fixed; set
/// <c>PROMPTGEN_FUZZ_SEED</c> to explore others.
/// </summary>
internal static class FuzzRunner
{
    public const int DefaultSeed = 0x5EED_E5;

    // A pass that has not finished by then is hung somewhere; the guards inside should trip long before.
    private static readonly TimeSpan s_passTimeout = TimeSpan.FromMinutes(2);

    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("PROMPTGEN_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : DefaultSeed;

    public static async Task<FuzzStatistics> RunAsync(
        ITestOutputHelper output,
        string pass,
        int count,
        Func<int, Random, FuzzInput> generate,
        Func<int, Random, FuzzInput, FuzzStatistics, Task> check)
    {
        var seed = Seed;
        var statistics = new FuzzStatistics();
        var current = -1;
        FuzzInput? input = null;
        var stopwatch = Stopwatch.StartNew();
        var run = Task.Run(async () =>
        {
            for (var index = 0; index < count; index++)
            {
                current = index;
                input = null;
                var random = new Random(unchecked((seed * 1_000_003) + index));
                try
                {
                    input = generate(index, random);
                    statistics.Count($"mutation: {input.Kind}");
                    statistics.CountInput();
                    await check(index, random, input, statistics);
                }
                catch (Exception exception)
                {
                    throw new FuzzFailureException(Describe(pass, seed, index, input), exception);
                }
            }
        });

        try
        {
            await run.WaitAsync(s_passTimeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Hang: {Describe(pass, seed, current, input)} did not finish within {s_passTimeout}.");
        }

        output.WriteLine(statistics.Format($"Fuzz pass '{pass}', seed {seed}", stopwatch.Elapsed));
        Assert.Equal(count, statistics.Inputs);
        return statistics;
    }

    private static string Describe(string pass, int seed, int index, FuzzInput? input) =>
        input is null
            ? $"fuzz pass '{pass}' input {index} (seed {seed})"
            : $"fuzz pass '{pass}' input {index} (seed {seed}; rerun with PROMPTGEN_FUZZ_SEED={seed}), {input.Kind}: {input.Description}; " +
              $"{input.Bytes.Length} bytes: {Convert.ToHexString(input.Bytes.AsSpan(0, Math.Min(input.Bytes.Length, 256)))}{(input.Bytes.Length > 256 ? "..." : "")}";
}
