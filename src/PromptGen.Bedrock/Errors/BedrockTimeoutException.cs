using System.Globalization;

namespace PromptGen.Bedrock;

/// <summary>Which wait of a call ran out of time.</summary>
public enum BedrockTimeoutKind
{
    /// <summary>
    /// Connecting, sending the request and receiving the response headers took longer than
    /// <see cref="BedrockClientOptions.FirstByteTimeout"/>.
    /// </summary>
    FirstByte,

    /// <summary>The response sent no bytes for <see cref="BedrockClientOptions.IdleTimeout"/> while more were expected.</summary>
    Idle,
}

/// <summary>
/// A call to Amazon Bedrock ended because the service (or the network) stopped answering: no response headers within
/// <see cref="BedrockClientOptions.FirstByteTimeout"/>, or no bytes of the response within
/// <see cref="BedrockClientOptions.IdleTimeout"/>. The connection was aborted; a stream ends after the text that had arrived.
/// </summary>
/// <remarks>The caller's own cancellation is an <see cref="OperationCanceledException"/>, never this exception.</remarks>
public sealed class BedrockTimeoutException : BedrockException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Which wait ran out.</param>
    /// <param name="timeout">The limit that was reached.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if the response headers had arrived.</param>
    /// <param name="innerException">The cancellation that aborted the wait.</param>
    public BedrockTimeoutException(BedrockTimeoutKind kind, TimeSpan timeout, string? requestId = null, Exception? innerException = null)
        : base(Describe(kind, timeout), errorCode: null, statusCode: null, requestId, innerException)
    {
        Kind = kind;
        Timeout = timeout;
    }

    /// <summary>Which wait ran out.</summary>
    public BedrockTimeoutKind Kind { get; }

    /// <summary>The limit that was reached.</summary>
    public TimeSpan Timeout { get; }

    private static string Describe(BedrockTimeoutKind kind, TimeSpan timeout) => kind switch
    {
        BedrockTimeoutKind.FirstByte =>
            string.Create(CultureInfo.InvariantCulture, $"Amazon Bedrock sent no response within {timeout.TotalSeconds:0.###} s (BedrockClientOptions.FirstByteTimeout)."),
        _ =>
            string.Create(CultureInfo.InvariantCulture, $"The Amazon Bedrock response stalled: no bytes arrived for {timeout.TotalSeconds:0.###} s (BedrockClientOptions.IdleTimeout)."),
    };
}
