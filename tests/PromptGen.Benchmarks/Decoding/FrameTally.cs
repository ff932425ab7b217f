namespace PromptGen.Benchmarks.Decoding;

/// <summary>
/// What a decoder saw of a stream: the routing headers Bedrock dispatches on and the payload of every frame. The
/// setup compares the tallies of both decoders, so they are known to have done the same work.
/// </summary>
public record struct FrameTally
{
    /// <summary>Frames decoded.</summary>
    public int Frames { get; private set; }

    /// <summary>Frames whose <c>:message-type</c> is <c>event</c>.</summary>
    public int Events { get; private set; }

    /// <summary>Frames whose <c>:event-type</c> is <c>contentBlockDelta</c>.</summary>
    public int ContentBlockDeltas { get; private set; }

    /// <summary>The payload bytes of all frames.</summary>
    public long PayloadBytes { get; private set; }

    /// <summary>Counts one decoded frame.</summary>
    public void Add(string? messageType, string? eventType, int payloadLength)
    {
        Frames++;
        PayloadBytes += payloadLength;
        if (messageType == "event")
        {
            Events++;
        }

        if (eventType == "contentBlockDelta")
        {
            ContentBlockDeltas++;
        }
    }
}
