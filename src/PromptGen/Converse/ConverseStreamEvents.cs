using System.Text.Json;

namespace PromptGen;

/// <summary>
/// An event of a ConverseStream response. The concrete types mirror the members of Bedrock's
/// <c>ConverseStreamOutput</c> union; event types this version does not know are skipped by the transport.
/// </summary>
public abstract class ConverseStreamEvent
{
    private protected ConverseStreamEvent()
    {
    }
}

/// <summary>The model started its message (<c>messageStart</c>).</summary>
public sealed class MessageStartEvent : ConverseStreamEvent
{
    /// <summary>The role of the message being generated, normally <see cref="ConversationRole.Assistant"/>.</summary>
    public ConversationRole Role { get; set; }
}

/// <summary>
/// A content block that needs an introduction started (<c>contentBlockStart</c>): a tool use announces its id and
/// name here. Text and reasoning blocks start with their first delta instead.
/// </summary>
public sealed class ContentBlockStartEvent : ConverseStreamEvent
{
    /// <summary>The index of the content block that starts.</summary>
    public int ContentBlockIndex { get; set; }

    /// <summary>What starts.</summary>
    public ContentBlockStart? Start { get; set; }
}

/// <summary>The start of a content block (<c>ContentBlockStart</c>). Exactly one member is set.</summary>
public sealed class ContentBlockStart
{
    /// <summary>A tool use starts; its input follows as <see cref="ContentBlockDelta.ToolUse"/> fragments.</summary>
    public ToolUseBlockStart? ToolUse { get; set; }

    /// <summary>A tool result starts (tools the service runs itself).</summary>
    public ToolResultBlockStart? ToolResult { get; set; }

    /// <summary>An image starts.</summary>
    public ImageBlockStart? Image { get; set; }
}

/// <summary>The start of a tool use (<c>ToolUseBlockStart</c>).</summary>
public sealed class ToolUseBlockStart
{
    /// <summary>The id of the call.</summary>
    public string ToolUseId { get; set; } = "";

    /// <summary>The name of the tool.</summary>
    public string Name { get; set; } = "";

    /// <summary>The kind of call, for tools the service runs itself.</summary>
    public ToolUseType? Type { get; set; }
}

/// <summary>The start of a tool result (<c>ToolResultBlockStart</c>).</summary>
public sealed class ToolResultBlockStart
{
    /// <summary>The id of the call the result answers.</summary>
    public string ToolUseId { get; set; } = "";

    /// <summary>The kind of result.</summary>
    public string? Type { get; set; }

    /// <summary>Whether the call succeeded.</summary>
    public ToolResultStatus? Status { get; set; }
}

/// <summary>The start of an image (<c>ImageBlockStart</c>).</summary>
public sealed class ImageBlockStart
{
    /// <summary>The image's format.</summary>
    public ImageFormat Format { get; set; }
}

/// <summary>A piece of a content block arrived (<c>contentBlockDelta</c>).</summary>
public sealed class ContentBlockDeltaEvent : ConverseStreamEvent
{
    /// <summary>The index of the content block this delta belongs to.</summary>
    public int ContentBlockIndex { get; set; }

    /// <summary>The delta itself.</summary>
    public ContentBlockDelta? Delta { get; set; }
}

/// <summary>
/// The payload of a <see cref="ContentBlockDeltaEvent"/> (<c>ContentBlockDelta</c>). Exactly one member is set; a
/// delta of a kind this version does not know has none set.
/// </summary>
public sealed class ContentBlockDelta
{
    /// <summary>The next piece of text.</summary>
    public string? Text { get; set; }

    /// <summary>The next fragment of a tool use's input.</summary>
    public ToolUseBlockDelta? ToolUse { get; set; }

    /// <summary>The next pieces of a tool result (tools the service runs itself).</summary>
    public IList<ToolResultBlockDelta>? ToolResult { get; set; }

    /// <summary>The next piece of the model's reasoning.</summary>
    public ReasoningContentBlockDelta? ReasoningContent { get; set; }

    /// <summary>The next citation of the generated text.</summary>
    public CitationsDelta? Citation { get; set; }

    /// <summary>The next piece of an image.</summary>
    public ImageBlockDelta? Image { get; set; }
}

/// <summary>A fragment of a tool use's input (<c>ToolUseBlockDelta</c>).</summary>
public sealed class ToolUseBlockDelta
{
    /// <summary>
    /// A fragment of the input's JSON text. Fragments are not JSON on their own: concatenate every fragment of the
    /// block, then parse.
    /// </summary>
    public string Input { get; set; } = "";
}

/// <summary>A piece of a tool result (<c>ToolResultBlockDelta</c>). Exactly one member is set.</summary>
public sealed class ToolResultBlockDelta
{
    /// <summary>Text.</summary>
    public string? Text { get; set; }

    /// <summary>JSON.</summary>
    public JsonElement? Json { get; set; }
}

/// <summary>A piece of the model's reasoning (<c>ReasoningContentBlockDelta</c>). Exactly one member is set.</summary>
public sealed class ReasoningContentBlockDelta
{
    /// <summary>The next piece of reasoning text.</summary>
    public string? Text { get; set; }

    /// <summary>Encrypted reasoning (base64 on the wire).</summary>
    public ReadOnlyMemory<byte>? RedactedContent { get; set; }

    /// <summary>The signature of the reasoning text, sent after it.</summary>
    public string? Signature { get; set; }
}

/// <summary>A piece of an image (<c>ImageBlockDelta</c>).</summary>
public sealed class ImageBlockDelta
{
    /// <summary>The image's source.</summary>
    public ImageSource? Source { get; set; }

    /// <summary>Why the image could not be produced.</summary>
    public ErrorBlock? Error { get; set; }
}

/// <summary>A content block ended (<c>contentBlockStop</c>).</summary>
public sealed class ContentBlockStopEvent : ConverseStreamEvent
{
    /// <summary>The index of the content block that ended.</summary>
    public int ContentBlockIndex { get; set; }
}

/// <summary>The model finished its message (<c>messageStop</c>).</summary>
public sealed class MessageStopEvent : ConverseStreamEvent
{
    /// <summary>Why the model stopped. A reason this version does not know is kept as is.</summary>
    public StopReason StopReason { get; set; }

    /// <summary>
    /// The model-specific response fields asked for with <see cref="ConverseRequest.AdditionalModelResponseFieldPaths"/>.
    /// </summary>
    public JsonElement? AdditionalModelResponseFields { get; set; }
}

/// <summary>Usage, metrics and trace of the stream, sent last (<c>metadata</c>).</summary>
public sealed class MetadataEvent : ConverseStreamEvent
{
    /// <summary>Tokens consumed by the call, including prompt cache reads and writes.</summary>
    public TokenUsage? Usage { get; set; }

    /// <summary>Stream metrics.</summary>
    public ConverseStreamMetrics? Metrics { get; set; }

    /// <summary>The guardrail and prompt router trace, when asked for.</summary>
    public ConverseStreamTrace? Trace { get; set; }

    /// <summary>The latency profile the call ran with.</summary>
    public PerformanceConfiguration? PerformanceConfig { get; set; }

    /// <summary>The service tier the call ran in.</summary>
    public ServiceTier? ServiceTier { get; set; }
}
