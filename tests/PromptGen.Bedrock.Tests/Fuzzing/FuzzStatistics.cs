using System.Globalization;
using System.Text;

namespace PromptGen.Bedrock.Tests.Fuzzing;

/// <summary>Outcome counts of a fuzz pass, reported through the test output.</summary>
internal sealed class FuzzStatistics
{
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long Inputs { get; private set; }

    public long this[string outcome] => _counts.GetValueOrDefault(outcome);

    public void CountInput() => Inputs++;

    public void Count(string outcome, long by = 1) => _counts[outcome] = _counts.GetValueOrDefault(outcome) + by;

    public string Format(string title, TimeSpan elapsed)
    {
        var text = new StringBuilder()
            .Append(title).Append(": ").Append(Inputs).Append(" inputs in ").Append(elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)).AppendLine(" s");
        foreach (var (outcome, count) in _counts)
        {
            text.Append("  ").Append(outcome).Append(": ").Append(count).AppendLine();
        }

        return text.ToString();
    }
}
