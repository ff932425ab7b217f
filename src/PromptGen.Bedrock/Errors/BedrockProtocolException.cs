using System.Net;

namespace PromptGen.Bedrock;

/// <summary>
/// A response from Bedrock (or from the configured endpoint) could not be understood: for example an event whose
/// JSON payload is invalid, or a response body that is not a Converse response. Never silently skipped, because
/// dropping a delta would corrupt the answer without anyone noticing.
/// </summary>
public sealed class BedrockProtocolException : BedrockException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be understood.</param>
    /// <param name="eventType">The <c>:event-type</c> or <c>:exception-type</c> of the offending frame, if any.</param>
    /// <param name="statusCode">The HTTP status of the response, if relevant.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, for example a <see cref="System.Text.Json.JsonException"/>.</param>
    public BedrockProtocolException(
        string message,
        string? eventType = null,
        HttpStatusCode? statusCode = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(message, errorCode: null, statusCode, requestId, innerException)
    {
        EventType = eventType;
    }

    /// <summary>The <c>:event-type</c> (or <c>:exception-type</c>) of the frame that could not be read, if any.</summary>
    public string? EventType { get; }
}
