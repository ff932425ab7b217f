namespace PromptGen.Bedrock.EventStream;

/// <summary>Why an event-stream frame could not be decoded.</summary>
public enum EventStreamErrorReason
{
    /// <summary>The CRC-32 of the 8-byte prelude does not match the prelude checksum.</summary>
    PreludeChecksumMismatch,

    /// <summary>The CRC-32 of the frame does not match the trailing message checksum.</summary>
    MessageChecksumMismatch,

    /// <summary>The stream ended in the middle of a frame.</summary>
    TruncatedFrame,

    /// <summary>The frame's total length exceeds <see cref="EventStreamFrame.MaxFrameLength"/>.</summary>
    FrameTooLarge,

    /// <summary>The frame's headers length exceeds <see cref="EventStreamFrame.MaxHeadersLength"/>.</summary>
    HeadersTooLarge,

    /// <summary>A header is malformed: unknown value type, or a name or value running past the headers section.</summary>
    InvalidHeader,

    /// <summary>The lengths in the prelude are inconsistent (shorter than a minimal frame, or headers longer than the frame).</summary>
    InvalidLength,
}

/// <summary>An event-stream frame is corrupt, truncated or outside the supported limits.</summary>
public sealed class EventStreamException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why decoding failed.</param>
    /// <param name="message">A message naming the problem.</param>
    public EventStreamException(EventStreamErrorReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Why decoding failed.</summary>
    public EventStreamErrorReason Reason { get; }
}
