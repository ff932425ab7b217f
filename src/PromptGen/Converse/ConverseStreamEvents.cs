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

/// <summary>A piece of a content block arrived (<c>contentBlockDelta</c>).</summary>
public sealed class ContentBlockDeltaEvent : ConverseStreamEvent
{
    /// <summary>The index of the content block this delta belongs to.</summary>
    public int ContentBlockIndex { get; set; }

    /// <summary>The delta itself.</summary>
    public ContentBlockDelta? Delta { get; set; }
}

/// <summary>The payload of a <see cref="ContentBlockDeltaEvent"/>. Exactly one member is set.</summary>
public sealed class ContentBlockDelta
{
    /// <summary>The next piece of text.</summary>
    public string? Text { get; set; }
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
    /// <summary>Why the model stopped.</summary>
    public StopReason StopReason { get; set; }
}

/// <summary>Usage and metrics of the stream, sent last (<c>metadata</c>).</summary>
public sealed class MetadataEvent : ConverseStreamEvent
{
    /// <summary>Tokens consumed by the call.</summary>
    public TokenUsage? Usage { get; set; }

    /// <summary>Stream metrics.</summary>
    public ConverseStreamMetrics? Metrics { get; set; }
}
