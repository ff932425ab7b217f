using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace PromptGen.Bedrock;

/// <summary>
/// Settings of a <see cref="BedrockConverseClient"/>. Every member is optional: what is left unset comes from the
/// AWS environment the way the AWS SDKs and CLI find it (environment variables, shared config and credentials
/// files, SSO, web identity, container and instance metadata).
/// </summary>
public sealed class BedrockClientOptions
{
    /// <summary>
    /// The AWS region, for example <c>us-east-1</c>. Unset: <c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c>,
    /// then the profile's region.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// The credentials that sign requests with SigV4. Unset: <see cref="BearerToken"/> or
    /// <c>AWS_BEARER_TOKEN_BEDROCK</c> if present, else the AWS default credential chain, resolved at the first call.
    /// </summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>
    /// The Bedrock Runtime endpoint, for example <c>https://bedrock-runtime.us-east-1.amazonaws.com</c>. Unset:
    /// <c>AWS_ENDPOINT_URL_BEDROCK_RUNTIME</c>, then <c>AWS_ENDPOINT_URL</c> (both ignored when
    /// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c>), else the region's public endpoint.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// A Bedrock API key, sent as <c>Authorization: Bearer</c> instead of a SigV4 signature. Takes precedence over
    /// <see cref="Credentials"/>. Unset: <c>AWS_BEARER_TOKEN_BEDROCK</c>, unless <see cref="Credentials"/> is set.
    /// </summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// The HTTP client to send requests with; the <see cref="BedrockConverseClient"/> does not dispose it.
    /// Takes precedence over <see cref="HttpMessageHandler"/>.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>
    /// The handler to send requests through, for example one with a proxy or logging; the
    /// <see cref="BedrockConverseClient"/> does not dispose it. Unset: a dedicated <see cref="SocketsHttpHandler"/>.
    /// </summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>The clock that dates SigV4 signatures and times retries and timeouts. Unset: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// Where the client logs, under the category <c>PromptGen.Bedrock.BedrockConverseClient</c>: every retry, as a warning
    /// (event <c>BedrockRetry</c>) naming the operation, the model, the attempt that failed, the error and the delay
    /// before the next attempt. Unset: nothing is logged.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>How failed calls are retried: AWS's standard retry mode, three attempts by default.</summary>
    public BedrockRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// How long one attempt may take to connect, send the request and receive the response headers before it fails
    /// with a <see cref="BedrockTimeoutException"/> (and is retried); <see cref="Timeout.InfiniteTimeSpan"/> waits for as
    /// long as the caller's cancellation token allows. Default: 60 seconds, the AWS SDKs' read timeout.
    /// </summary>
    /// <remarks>
    /// ConverseStream sends its headers as soon as the model starts; Converse sends them only when the whole answer
    /// is generated, so a long non-streaming answer may need more.
    /// </remarks>
    public TimeSpan FirstByteTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a response may send no bytes at all, once its headers arrived, before the call fails with a
    /// <see cref="BedrockTimeoutException"/>; <see cref="Timeout.InfiniteTimeSpan"/> disables the check. Time the caller
    /// spends on an event does not count. Default: 60 seconds.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
