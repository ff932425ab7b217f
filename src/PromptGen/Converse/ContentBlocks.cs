using System.Text.Json;

namespace PromptGen;

// Binary members (image, document, video and audio bytes, redacted reasoning) are ReadOnlyMemory<byte>: base64
// strings on the wire, as the service model's blob type prescribes, and plain bytes in C#.

/// <summary>A block of message content (<c>ContentBlock</c>). Exactly one member is set.</summary>
public sealed class ContentBlock
{
    /// <summary>Text content.</summary>
    public string? Text { get; set; }

    /// <summary>An image.</summary>
    public ImageBlock? Image { get; set; }

    /// <summary>A document.</summary>
    public DocumentBlock? Document { get; set; }

    /// <summary>A video.</summary>
    public VideoBlock? Video { get; set; }

    /// <summary>An audio clip.</summary>
    public AudioBlock? Audio { get; set; }

    /// <summary>A tool call the model made (in an assistant message).</summary>
    public ToolUseBlock? ToolUse { get; set; }

    /// <summary>The result of a tool call (in a user message).</summary>
    public ToolResultBlock? ToolResult { get; set; }

    /// <summary>Content the guardrail evaluates.</summary>
    public GuardrailConverseContentBlock? GuardContent { get; set; }

    /// <summary>A prompt cache checkpoint after the content before it.</summary>
    public CachePointBlock? CachePoint { get; set; }

    /// <summary>The model's reasoning (in an assistant message).</summary>
    public ReasoningContentBlock? ReasoningContent { get; set; }

    /// <summary>Generated text with its citations (in an assistant message).</summary>
    public CitationsContentBlock? CitationsContent { get; set; }

    /// <summary>A search result the model may cite.</summary>
    public SearchResultBlock? SearchResult { get; set; }

    /// <summary>A tool made available from this point of the conversation.</summary>
    public ToolAdditionBlock? ToolAddition { get; set; }

    /// <summary>A tool withdrawn from this point of the conversation.</summary>
    public ToolRemovalBlock? ToolRemoval { get; set; }
}

/// <summary>A block of the system prompt (<c>SystemContentBlock</c>). Exactly one member is set.</summary>
public sealed class SystemContentBlock
{
    /// <summary>System prompt text.</summary>
    public string? Text { get; set; }

    /// <summary>System prompt content the guardrail evaluates.</summary>
    public GuardrailConverseContentBlock? GuardContent { get; set; }

    /// <summary>A prompt cache checkpoint after the system blocks before it.</summary>
    public CachePointBlock? CachePoint { get; set; }
}

/// <summary>An image (<c>ImageBlock</c>).</summary>
public sealed class ImageBlock
{
    /// <summary>The image's format.</summary>
    public ImageFormat Format { get; set; }

    /// <summary>Where the image comes from.</summary>
    public ImageSource? Source { get; set; }

    /// <summary>Why the image could not be produced, in a response.</summary>
    public ErrorBlock? Error { get; set; }
}

/// <summary>The source of an image (<c>ImageSource</c>). Exactly one member is set.</summary>
public sealed class ImageSource
{
    /// <summary>The image's bytes (base64 on the wire).</summary>
    public ReadOnlyMemory<byte>? Bytes { get; set; }

    /// <summary>The image's location in Amazon S3.</summary>
    public S3Location? S3Location { get; set; }
}

/// <summary>An object in Amazon S3 (<c>S3Location</c>).</summary>
public sealed class S3Location
{
    /// <summary>The object's <c>s3://</c> URI.</summary>
    public string Uri { get; set; } = "";

    /// <summary>The id of the account that owns the bucket, if not the caller's.</summary>
    public string? BucketOwner { get; set; }
}

/// <summary>An error reported in place of content (<c>ErrorBlock</c>).</summary>
public sealed class ErrorBlock
{
    /// <summary>The error message.</summary>
    public string? Message { get; set; }
}

/// <summary>A document (<c>DocumentBlock</c>).</summary>
public sealed class DocumentBlock
{
    /// <summary>The document's format.</summary>
    public DocumentFormat? Format { get; set; }

    /// <summary>The document's name, as the model sees it.</summary>
    public string Name { get; set; } = "";

    /// <summary>Where the document comes from.</summary>
    public DocumentSource? Source { get; set; }

    /// <summary>Context for the model about the document.</summary>
    public string? Context { get; set; }

    /// <summary>Whether the model cites the document.</summary>
    public CitationsConfig? Citations { get; set; }
}

/// <summary>The source of a document (<c>DocumentSource</c>). Exactly one member is set.</summary>
public sealed class DocumentSource
{
    /// <summary>The document's bytes (base64 on the wire).</summary>
    public ReadOnlyMemory<byte>? Bytes { get; set; }

    /// <summary>The document's location in Amazon S3.</summary>
    public S3Location? S3Location { get; set; }

    /// <summary>The document as text.</summary>
    public string? Text { get; set; }

    /// <summary>The document as content blocks.</summary>
    public IList<DocumentContentBlock>? Content { get; set; }
}

/// <summary>A block of a document's content (<c>DocumentContentBlock</c>). Exactly one member is set.</summary>
public sealed class DocumentContentBlock
{
    /// <summary>Text.</summary>
    public string? Text { get; set; }
}

/// <summary>Whether citations are enabled for a document (<c>CitationsConfig</c>).</summary>
public sealed class CitationsConfig
{
    /// <summary><see langword="true"/> to let the model cite the document.</summary>
    public bool Enabled { get; set; }
}

/// <summary>A video (<c>VideoBlock</c>).</summary>
public sealed class VideoBlock
{
    /// <summary>The video's format.</summary>
    public VideoFormat Format { get; set; }

    /// <summary>Where the video comes from.</summary>
    public VideoSource? Source { get; set; }
}

/// <summary>The source of a video (<c>VideoSource</c>). Exactly one member is set.</summary>
public sealed class VideoSource
{
    /// <summary>The video's bytes (base64 on the wire).</summary>
    public ReadOnlyMemory<byte>? Bytes { get; set; }

    /// <summary>The video's location in Amazon S3.</summary>
    public S3Location? S3Location { get; set; }
}

/// <summary>An audio clip (<c>AudioBlock</c>).</summary>
public sealed class AudioBlock
{
    /// <summary>The clip's format.</summary>
    public AudioFormat Format { get; set; }

    /// <summary>Where the clip comes from.</summary>
    public AudioSource? Source { get; set; }

    /// <summary>Why the clip could not be produced, in a response.</summary>
    public ErrorBlock? Error { get; set; }
}

/// <summary>The source of an audio clip (<c>AudioSource</c>). Exactly one member is set.</summary>
public sealed class AudioSource
{
    /// <summary>The clip's bytes (base64 on the wire).</summary>
    public ReadOnlyMemory<byte>? Bytes { get; set; }

    /// <summary>The clip's location in Amazon S3.</summary>
    public S3Location? S3Location { get; set; }
}

/// <summary>A tool call the model made (<c>ToolUseBlock</c>).</summary>
public sealed class ToolUseBlock
{
    /// <summary>The id of this call; the matching <see cref="ToolResultBlock"/> carries it back.</summary>
    public string ToolUseId { get; set; } = "";

    /// <summary>The name of the tool.</summary>
    public string Name { get; set; } = "";

    /// <summary>The tool's input, as JSON. Required on the wire.</summary>
    public JsonElement? Input { get; set; }

    /// <summary>The kind of call, for tools the service runs itself.</summary>
    public ToolUseType? Type { get; set; }
}

/// <summary>The result of a tool call (<c>ToolResultBlock</c>).</summary>
public sealed class ToolResultBlock
{
    /// <summary>The id of the <see cref="ToolUseBlock"/> this result answers.</summary>
    public string ToolUseId { get; set; } = "";

    /// <summary>The result's content.</summary>
    public IList<ToolResultContentBlock> Content { get; set; } = new List<ToolResultContentBlock>();

    /// <summary>Whether the call succeeded.</summary>
    public ToolResultStatus? Status { get; set; }

    /// <summary>The kind of result, for tools the service runs itself.</summary>
    public string? Type { get; set; }
}

/// <summary>A block of a tool result (<c>ToolResultContentBlock</c>). Exactly one member is set.</summary>
public sealed class ToolResultContentBlock
{
    /// <summary>A JSON result.</summary>
    public JsonElement? Json { get; set; }

    /// <summary>A text result.</summary>
    public string? Text { get; set; }

    /// <summary>An image result.</summary>
    public ImageBlock? Image { get; set; }

    /// <summary>A document result.</summary>
    public DocumentBlock? Document { get; set; }

    /// <summary>A video result.</summary>
    public VideoBlock? Video { get; set; }

    /// <summary>A search result.</summary>
    public SearchResultBlock? SearchResult { get; set; }
}

/// <summary>Content a guardrail evaluates (<c>GuardrailConverseContentBlock</c>). Exactly one member is set.</summary>
public sealed class GuardrailConverseContentBlock
{
    /// <summary>Guarded text.</summary>
    public GuardrailConverseTextBlock? Text { get; set; }

    /// <summary>A guarded image.</summary>
    public GuardrailConverseImageBlock? Image { get; set; }
}

/// <summary>Text a guardrail evaluates (<c>GuardrailConverseTextBlock</c>).</summary>
public sealed class GuardrailConverseTextBlock
{
    /// <summary>The text.</summary>
    public string Text { get; set; } = "";

    /// <summary>How the guardrail treats the text.</summary>
    public IList<GuardrailConverseContentQualifier>? Qualifiers { get; set; }
}

/// <summary>An image a guardrail evaluates (<c>GuardrailConverseImageBlock</c>).</summary>
public sealed class GuardrailConverseImageBlock
{
    /// <summary>The image's format.</summary>
    public GuardrailConverseImageFormat Format { get; set; }

    /// <summary>Where the image comes from.</summary>
    public GuardrailConverseImageSource? Source { get; set; }
}

/// <summary>The source of a guarded image (<c>GuardrailConverseImageSource</c>). Exactly one member is set.</summary>
public sealed class GuardrailConverseImageSource
{
    /// <summary>The image's bytes (base64 on the wire).</summary>
    public ReadOnlyMemory<byte>? Bytes { get; set; }
}

/// <summary>A prompt cache checkpoint (<c>CachePointBlock</c>).</summary>
public sealed class CachePointBlock
{
    /// <summary>The kind of checkpoint; <see cref="CachePointType.Default"/> unless set.</summary>
    public CachePointType Type { get; set; } = CachePointType.Default;

    /// <summary>How long the cache entry lives, or <see langword="null"/> for the service's default.</summary>
    public CacheTtl? Ttl { get; set; }
}

/// <summary>The model's reasoning (<c>ReasoningContentBlock</c>). Exactly one member is set.</summary>
public sealed class ReasoningContentBlock
{
    /// <summary>Reasoning in clear text, with its signature.</summary>
    public ReasoningTextBlock? ReasoningText { get; set; }

    /// <summary>Reasoning the model provider encrypted (base64 on the wire).</summary>
    public ReadOnlyMemory<byte>? RedactedContent { get; set; }
}

/// <summary>Reasoning in clear text (<c>ReasoningTextBlock</c>).</summary>
public sealed class ReasoningTextBlock
{
    /// <summary>The reasoning.</summary>
    public string Text { get; set; } = "";

    /// <summary>The signature that proves the reasoning came from the model; send it back unchanged.</summary>
    public string? Signature { get; set; }
}
