namespace PromptGen.Testing;

/// <summary>
/// A failure a script injects. Faults counted in deltas apply to ConverseStream; on a Converse call they apply to
/// the whole answer (an in-stream exception becomes the HTTP error of the same type).
/// </summary>
public abstract class ScriptedFault
{
    private protected ScriptedFault()
    {
    }

    /// <summary>How many deltas are sent before the fault fires; faults not counted in deltas never fire mid-stream.</summary>
    internal virtual int DeltasBefore => int.MaxValue;
}

/// <summary>An HTTP error response instead of an answer, as Bedrock sends before any stream starts.</summary>
public sealed class ServiceErrorFault : ScriptedFault
{
    /// <summary>Creates the fault.</summary>
    /// <param name="errorType">The <c>x-amzn-ErrorType</c>, for example <c>ThrottlingException</c>.</param>
    /// <param name="message">The <c>message</c> of the error document.</param>
    /// <param name="statusCode">The HTTP status; <see langword="null"/> takes the status the service model gives the type.</param>
    public ServiceErrorFault(string errorType, string message, int? statusCode = null)
    {
        ErrorType = BedrockErrors.ToPascalCase(errorType ?? throw new ArgumentNullException(nameof(errorType)));
        Message = message ?? throw new ArgumentNullException(nameof(message));
        StatusCode = statusCode ?? BedrockErrors.GetStatusCode(ErrorType);
    }

    /// <summary>The error type, PascalCase as in <c>x-amzn-ErrorType</c>.</summary>
    public string ErrorType { get; }

    /// <summary>The error message.</summary>
    public string Message { get; }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }
}

/// <summary>An exception frame (<c>:message-type exception</c>) sent after a number of deltas.</summary>
public sealed class StreamExceptionFault : ScriptedFault
{
    /// <summary>Creates the fault.</summary>
    /// <param name="afterDeltas">How many <c>contentBlockDelta</c> events are sent first.</param>
    /// <param name="exceptionType">The exception type, for example <c>modelStreamErrorException</c> (either casing).</param>
    /// <param name="message">The <c>message</c> of the exception payload.</param>
    public StreamExceptionFault(int afterDeltas, string exceptionType, string message)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterDeltas);
        AfterDeltas = afterDeltas;
        ExceptionType = BedrockErrors.ToCamelCase(exceptionType ?? throw new ArgumentNullException(nameof(exceptionType)));
        Message = message ?? throw new ArgumentNullException(nameof(message));
    }

    internal override int DeltasBefore => AfterDeltas;

    /// <summary>How many deltas precede the exception.</summary>
    public int AfterDeltas { get; }

    /// <summary>The exception type, camelCase as in the <c>:exception-type</c> header.</summary>
    public string ExceptionType { get; }

    /// <summary>The exception message.</summary>
    public string Message { get; }
}

/// <summary>A frame whose message CRC does not match its bytes, sent after a number of deltas; the stream then ends.</summary>
public sealed class CorruptFrameFault : ScriptedFault
{
    /// <summary>Creates the fault.</summary>
    /// <param name="afterDeltas">How many deltas are sent intact first.</param>
    public CorruptFrameFault(int afterDeltas)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterDeltas);
        AfterDeltas = afterDeltas;
    }

    internal override int DeltasBefore => AfterDeltas;

    /// <summary>How many deltas precede the corrupt frame.</summary>
    public int AfterDeltas { get; }
}

/// <summary>The server stops sending after a number of deltas, for a while or until the client gives up.</summary>
public sealed class StallFault : ScriptedFault
{
    /// <summary>Creates the fault.</summary>
    /// <param name="afterDeltas">How many deltas are sent first.</param>
    /// <param name="duration">How long to stall before going on; <see cref="Timeout.InfiniteTimeSpan"/> stalls until the client leaves.</param>
    public StallFault(int afterDeltas, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterDeltas);
        if (duration < TimeSpan.Zero && duration != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(duration));
        }

        AfterDeltas = afterDeltas;
        Duration = duration;
    }

    internal override int DeltasBefore => AfterDeltas;

    /// <summary>How many deltas precede the stall.</summary>
    public int AfterDeltas { get; }

    /// <summary>How long the stall lasts.</summary>
    public TimeSpan Duration { get; }
}

/// <summary>The connection (HTTP/1.1) or stream (HTTP/2) is aborted after a number of deltas.</summary>
public sealed class DropConnectionFault : ScriptedFault
{
    /// <summary>Creates the fault.</summary>
    /// <param name="afterDeltas">How many deltas are sent first.</param>
    public DropConnectionFault(int afterDeltas)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterDeltas);
        AfterDeltas = afterDeltas;
    }

    internal override int DeltasBefore => AfterDeltas;

    /// <summary>How many deltas precede the drop.</summary>
    public int AfterDeltas { get; }
}
