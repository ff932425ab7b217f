using System.Text;

namespace PromptGen;

/// <summary>
/// The answer of a Converse call with everything Bedrock said about it: the value the prompt method returns, its text,
/// why the model stopped, the tokens and time it took, its reasoning, and the raw response. The result of prompt
/// methods declared <c>Task&lt;PromptResponse&lt;string&gt;&gt;</c>.
/// </summary>
/// <typeparam name="T">The type of <see cref="Value"/>: <see cref="string"/>, the answer's text.</typeparam>
public sealed class PromptResponse<T>
{
    /// <summary>Creates a response.</summary>
    /// <param name="value">The value read from the answer.</param>
    /// <param name="response">The raw Converse response it was read from.</param>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public PromptResponse(T value, ConverseResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Value = value;
        Response = response;
        Text = response.GetText();
        ReasoningText = PromptResults.ReasoningTextOf(response);
    }

    /// <summary>The value read from the answer: for <see cref="string"/>, its text.</summary>
    public T Value { get; }

    /// <summary>The text of the answer: its text blocks, concatenated.</summary>
    public string Text { get; }

    /// <summary>Why the model stopped (<see cref="StopReason.EndTurn"/>, <see cref="StopReason.MaxTokens"/>, ...).</summary>
    public StopReason StopReason => Response.StopReason;

    /// <summary>The tokens the call used, when Bedrock reported them.</summary>
    public TokenUsage? Usage => Response.Usage;

    /// <summary>How long the call took, when Bedrock reported it.</summary>
    public ConverseMetrics? Metrics => Response.Metrics;

    /// <summary>The model's reasoning (its reasoning text blocks, concatenated), or <see langword="null"/> when it sent none.</summary>
    public string? ReasoningText { get; }

    /// <summary>The raw Converse response.</summary>
    public ConverseResponse Response { get; }
}

/// <summary>What <see cref="PromptResponse{T}"/> and <see cref="PromptStream{T}"/> read from Bedrock's shapes.</summary>
internal static class PromptResults
{
    public static string? ReasoningTextOf(ConverseResponse response)
    {
        StringBuilder? reasoning = null;
        foreach (var block in response.Output?.Message?.Content ?? [])
        {
            if (block.ReasoningContent?.ReasoningText?.Text is { } text)
            {
                (reasoning ??= new StringBuilder()).Append(text);
            }
        }

        return reasoning?.ToString();
    }
}
