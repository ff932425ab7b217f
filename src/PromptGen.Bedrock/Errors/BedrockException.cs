using System.Net;

namespace PromptGen.Bedrock;

/// <summary>
/// An error returned by Amazon Bedrock Runtime, either as an HTTP error response or as an error inside a
/// ConverseStream response. Errors the service model names are thrown as the derived type of the same name
/// (for example <see cref="ThrottlingException"/>); an error code this version does not know is thrown as
/// <see cref="BedrockException"/> itself, with <see cref="ErrorCode"/> set.
/// </summary>
public class BedrockException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="errorCode">The service's error code, for example <c>ThrottlingException</c>, if known.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public BedrockException(
        string message,
        string? errorCode = null,
        HttpStatusCode? statusCode = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The service's error code, for example <c>ValidationException</c>, or <see langword="null"/> when none was sent.</summary>
    public string? ErrorCode { get; }

    /// <summary>
    /// The HTTP status of the error response, or <see langword="null"/> when the error arrived inside a
    /// ConverseStream response (whose HTTP status was a success).
    /// </summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The request id Bedrock assigned to the call (<c>x-amzn-RequestId</c>), for AWS support cases.</summary>
    public string? RequestId { get; }
}
