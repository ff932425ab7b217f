namespace PromptGen;

/// <summary>Run-time settings of a generated prompt client, passed to its <c>Create</c> factory.</summary>
public sealed class PromptClientOptions
{
    /// <summary>
    /// The model id every method of the client calls, overriding <see cref="ModelAttribute"/>. Use it to pick a
    /// model, an inference profile or an ARN per environment. <see langword="null"/> keeps the attributes' model.
    /// </summary>
    public string? ModelId { get; set; }

    /// <summary>
    /// Inference settings that override those of <see cref="InferenceAttribute"/>, member by member:
    /// each member set here replaces the attribute's value; unset members keep it.
    /// </summary>
    public InferenceConfiguration? Inference { get; set; }
}
