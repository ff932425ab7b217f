namespace PromptGen.Bedrock;

/// <summary>
/// A call to Amazon Bedrock failed in the network rather than in the service: the connection was refused, reset or
/// closed early, the host name did not resolve, or TLS failed. The <see cref="Exception.InnerException"/> is what
/// <see cref="HttpClient"/> threw (an <see cref="HttpRequestException"/>, or an <see cref="IOException"/> while the
/// response was being read).
/// </summary>
/// <remarks>
/// Failures before a ConverseStream's first event, and of Converse calls, are retried as
/// <see cref="BedrockClientOptions.Retry"/> says (TLS and proxy-authentication failures are not: another attempt cannot
/// fix them); this exception is what remains when the attempts run out. A stream that fails after its first event
/// ends with this exception after the text that had arrived.
/// </remarks>
public sealed class BedrockConnectionException : BedrockException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the endpoint.</param>
    /// <param name="innerException">The exception the HTTP stack threw.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if the response headers had arrived.</param>
    public BedrockConnectionException(string message, Exception innerException, string? requestId = null)
        : base(message, errorCode: null, statusCode: null, requestId, innerException ?? throw new ArgumentNullException(nameof(innerException)))
    {
        HttpRequestError = innerException switch
        {
            HttpRequestException http => http.HttpRequestError,
            HttpIOException io => io.HttpRequestError,
            _ => null,
        };
    }

    /// <summary>
    /// How the HTTP stack classified the failure (for example <see cref="System.Net.Http.HttpRequestError.ConnectionError"/>
    /// or <see cref="System.Net.Http.HttpRequestError.NameResolutionError"/>), or <see langword="null"/> when it did not.
    /// </summary>
    public HttpRequestError? HttpRequestError { get; }
}
