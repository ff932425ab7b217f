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

    /// <summary>The frame's total length exceeds the event-stream limit of 16 MiB.</summary>
    FrameTooLarge,

    /// <summary>The frame's headers length exceeds the event-stream limit of 128 KiB.</summary>
    HeadersTooLarge,

    /// <summary>A header is malformed: unknown value type, or a name or value running past the headers section.</summary>
    InvalidHeader,

    /// <summary>The lengths in the prelude are inconsistent (shorter than a minimal frame, or headers longer than the frame).</summary>
    InvalidLength,
}

/// <summary>
/// A frame of the ConverseStream response is corrupt, truncated or outside the event-stream limits. A
/// <see cref="BedrockException"/> like every failure of a Bedrock call, without an error code or status; not retried.
/// </summary>
public sealed class EventStreamException : BedrockException
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
