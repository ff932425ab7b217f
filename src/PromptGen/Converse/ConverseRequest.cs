using System.Text.Json.Serialization;

namespace PromptGen;

/// <summary>
/// A Bedrock Converse or ConverseStream request: the conversation, the system prompt and the inference settings.
/// Mirrors the <c>ConverseRequest</c> shape of the Bedrock Runtime API; only what is set is sent.
/// </summary>
public sealed class ConverseRequest
{
    /// <summary>
    /// The model id, inference profile id or ARN. It travels in the request path, not in the body.
    /// </summary>
    [JsonIgnore]
    public string ModelId { get; set; } = "";

    /// <summary>The conversation so far, oldest first; the last message is normally the user's turn.</summary>
    public IList<Message> Messages { get; set; } = new List<Message>();

    /// <summary>System prompt blocks, or <see langword="null"/> for none.</summary>
    public IList<SystemContentBlock>? System { get; set; }

    /// <summary>Inference parameters, or <see langword="null"/> for the model's defaults.</summary>
    public InferenceConfiguration? InferenceConfig { get; set; }
}

/// <summary>One turn of a conversation.</summary>
public sealed class Message
{
    /// <summary>Who sent the message.</summary>
    public ConversationRole Role { get; set; }

    /// <summary>The message's content blocks.</summary>
    public IList<ContentBlock> Content { get; set; } = new List<ContentBlock>();

    /// <summary>Creates a user message holding one text block.</summary>
    /// <param name="text">The message text.</param>
    public static Message FromUserText(string text) =>
        new() { Role = ConversationRole.User, Content = { new ContentBlock { Text = text } } };
}

/// <summary>A block of message content. Exactly one member is set.</summary>
public sealed class ContentBlock
{
    /// <summary>Text content.</summary>
    public string? Text { get; set; }
}

/// <summary>A block of the system prompt. Exactly one member is set.</summary>
public sealed class SystemContentBlock
{
    /// <summary>System prompt text.</summary>
    public string? Text { get; set; }
}

/// <summary>Inference parameters. Only the members that are set are sent.</summary>
public sealed class InferenceConfiguration
{
    /// <summary>The maximum number of tokens to generate.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>The sampling temperature, between 0 and 1.</summary>
    public float? Temperature { get; set; }

    /// <summary>The nucleus sampling probability mass, between 0 and 1.</summary>
    public float? TopP { get; set; }

    /// <summary>Sequences that stop generation.</summary>
    public IList<string>? StopSequences { get; set; }
}
