using System.Text.Json;

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

    /// <summary>
    /// The model-specific response fields asked for with <see cref="ConverseRequest.AdditionalModelResponseFieldPaths"/>.
    /// </summary>
    public JsonElement? AdditionalModelResponseFields { get; set; }

    /// <summary>The guardrail and prompt router trace, when asked for.</summary>
    public ConverseTrace? Trace { get; set; }

    /// <summary>The latency profile the call ran with.</summary>
    public PerformanceConfiguration? PerformanceConfig { get; set; }

    /// <summary>The service tier the call ran in.</summary>
    public ServiceTier? ServiceTier { get; set; }

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

    /// <summary>Input tokens read from the prompt cache, when caching is in use.</summary>
    public int? CacheReadInputTokens { get; set; }

    /// <summary>Input tokens written to the prompt cache, when caching is in use.</summary>
    public int? CacheWriteInputTokens { get; set; }

    /// <summary>Cache writes broken down by time to live.</summary>
    public IList<CacheDetail>? CacheDetails { get; set; }
}

/// <summary>Tokens written to the prompt cache with one time to live (<c>CacheDetail</c>).</summary>
public sealed class CacheDetail
{
    /// <summary>The time to live of the cache entries.</summary>
    public CacheTtl Ttl { get; set; }

    /// <summary>The input tokens written with that time to live.</summary>
    public int InputTokens { get; set; }
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

/// <summary>
/// The trace of a Converse call (<c>ConverseTrace</c>). The guardrail assessment is a deep, fast-moving tree
/// (topic, content, word, sensitive information, grounding and automated reasoning policies), kept as JSON.
/// </summary>
public sealed class ConverseTrace
{
    /// <summary>The guardrail's assessment (<c>GuardrailTraceAssessment</c>), as JSON.</summary>
    public JsonElement? Guardrail { get; set; }

    /// <summary>Which model a prompt router chose.</summary>
    public PromptRouterTrace? PromptRouter { get; set; }
}

/// <summary>The trace of a ConverseStream call (<c>ConverseStreamTrace</c>).</summary>
public sealed class ConverseStreamTrace
{
    /// <summary>The guardrail's assessment (<c>GuardrailTraceAssessment</c>), as JSON.</summary>
    public JsonElement? Guardrail { get; set; }

    /// <summary>Which model a prompt router chose.</summary>
    public PromptRouterTrace? PromptRouter { get; set; }
}

/// <summary>The model a prompt router invoked (<c>PromptRouterTrace</c>).</summary>
public sealed class PromptRouterTrace
{
    /// <summary>The invoked model's ARN.</summary>
    public string? InvokedModelId { get; set; }
}
