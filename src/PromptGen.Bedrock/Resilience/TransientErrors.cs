using System.Net;
using PromptGen.Bedrock.EventStream;

namespace PromptGen.Bedrock.Resilience;

/// <summary>Which failures AWS's standard retry mode retries, applied to what this client throws.</summary>
internal static class TransientErrors
{
    // The throttling error codes of AWS's retry specification: the errors that adaptive mode slows the client down for.
    private static readonly HashSet<string> s_throttlingCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    // Beyond throttling, the transient codes of standard mode and those Bedrock's service model types; they can reach a
    // client from a front end or proxy as well as from Bedrock.
    private static readonly HashSet<string> s_retryableCodes = new(s_throttlingCodes, StringComparer.OrdinalIgnoreCase)
    {
        "ModelNotReadyException",
        "ServiceUnavailableException",
        "InternalServerException",
        "RequestTimeout",
        "RequestTimeoutException",
    };

    /// <summary>Whether <paramref name="exception"/> may succeed when the same request is sent again.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        // A stalled attempt is retried only before the stream's first event, like every failure here.
        BedrockTimeoutException => true,
        BedrockProtocolException or EventStreamException => false,
        BedrockConnectionException connection => IsTransientNetworkFailure(connection.InnerException),
        BedrockException bedrock => (bedrock.ErrorCode is { } code && s_retryableCodes.Contains(code))
            || bedrock.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            || (bedrock.ErrorCode is null && bedrock.StatusCode is >= HttpStatusCode.InternalServerError),
        _ => false,
    };

    // A failure of the HTTP stack, inside a BedrockConnectionException.
    private static bool IsTransientNetworkFailure(Exception? exception) => exception switch
    {
        HttpRequestException http => http.HttpRequestError switch
        {
            // Failures that a second attempt cannot fix: TLS, proxy authentication, protocol negotiation, local limits.
            HttpRequestError.SecureConnectionError
                or HttpRequestError.UserAuthenticationError
                or HttpRequestError.ProxyTunnelError
                or HttpRequestError.VersionNegotiationError
                or HttpRequestError.ExtendedConnectNotSupported
                or HttpRequestError.ConfigurationLimitExceeded => false,
            _ => true,
        },

        // A body read that failed before the stream delivered anything: a reset or closed connection.
        IOException => true,
        _ => false,
    };

    /// <summary>
    /// Whether Bedrock throttled the attempt: what adaptive mode lowers its send rate for. <see cref="ModelNotReadyException"/>
    /// shares throttling's 429 but says nothing about the client's rate, so it is not one.
    /// </summary>
    public static bool IsThrottling(Exception exception) =>
        exception is BedrockException { ErrorCode: { } code } && s_throttlingCodes.Contains(code);

    /// <summary>Whether the failure is a timeout, which costs more of the retry quota.</summary>
    public static bool IsTimeout(Exception exception) =>
        exception is BedrockTimeoutException or BedrockConnectionException { InnerException: HttpRequestException { InnerException: TimeoutException } };
}
