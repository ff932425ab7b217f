namespace PromptGen;

/// <summary>
/// Inference parameters sent in the request's <c>inferenceConfig</c>. Only the properties written in the
/// attribute are sent; the model's own defaults apply to the rest. On the interface it applies to every
/// method; a method-level attribute wins property by property.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class InferenceAttribute : Attribute
{
    /// <summary>The maximum number of tokens the model may generate (at least 1).</summary>
    public int MaxTokens { get; set; }

    /// <summary>The sampling temperature, between 0 and 1.</summary>
    public float Temperature { get; set; }

    /// <summary>The nucleus sampling probability mass, between 0 and 1.</summary>
    public float TopP { get; set; }

    /// <summary>Sequences that stop generation when the model produces them.</summary>
    public string[]? StopSequences { get; set; }
}
