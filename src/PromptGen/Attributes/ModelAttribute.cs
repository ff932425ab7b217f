namespace PromptGen;

/// <summary>
/// Names the Bedrock model (a model id, an inference profile id or an ARN) that a prompt method calls.
/// On the interface it applies to every method; on a method it wins over the interface.
/// <see cref="PromptClientOptions.ModelId"/> overrides both at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="modelId">The model id, for example <c>anthropic.claude-3-haiku-20240307-v1:0</c>.</param>
    public ModelAttribute(string modelId) => ModelId = modelId;

    /// <summary>The model id, inference profile id or ARN sent in the request path.</summary>
    public string ModelId { get; }
}
