namespace PromptGen;

/// <summary>The answer of a (non-streaming) Converse call.</summary>
public sealed class ConverseResponse
{
    /// <summary>The model's output.</summary>
    public ConverseOutput? Output { get; set; }

    /// <summary>Why the model stopped.</summary>
    public StopReason StopReason { get; set; }

    /// <summary>Tokens consumed by the call.</summary>
    public TokenUsage? Usage { get; set; }

    /// <summary>Call metrics.</summary>
    public ConverseMetrics? Metrics { get; set; }

    /// <summary>Concatenates the text blocks of the output message.</summary>
    /// <returns>The answer text; empty when the output holds no text.</returns>
    public string GetText()
    {
        var content = Output?.Message?.Content;
        if (content is null || content.Count == 0)
        {
            return "";
        }

        if (content.Count == 1)
        {
            return content[0].Text ?? "";
        }

        return string.Concat(content.Select(block => block.Text));
    }
}

/// <summary>The output of a Converse call.</summary>
public sealed class ConverseOutput
{
    /// <summary>The assistant message the model generated.</summary>
    public Message? Message { get; set; }
}

/// <summary>Token counts of a call.</summary>
public sealed class TokenUsage
{
    /// <summary>Tokens in the request.</summary>
    public int InputTokens { get; set; }

    /// <summary>Tokens the model generated.</summary>
    public int OutputTokens { get; set; }

    /// <summary>Input plus output tokens.</summary>
    public int TotalTokens { get; set; }
}

/// <summary>Metrics of a Converse call.</summary>
public sealed class ConverseMetrics
{
    /// <summary>Time the call took, in milliseconds.</summary>
    public long LatencyMs { get; set; }
}

/// <summary>Metrics of a ConverseStream call.</summary>
public sealed class ConverseStreamMetrics
{
    /// <summary>Time the stream took, in milliseconds.</summary>
    public long LatencyMs { get; set; }
}
