namespace PromptGen.Bedrock;

/// <summary>
/// How a <see cref="BedrockConverseClient"/> retries a call that failed transiently: AWS's standard retry mode
/// (exponential backoff with full jitter, capped, and a per-client retry quota that stops retry storms when the
/// service is failing), by default three attempts in all.
/// </summary>
/// <remarks>
/// <para>
/// Retried: throttling (<see cref="ThrottlingException"/> and the other throttling codes), <see cref="ModelNotReadyException"/>,
/// <see cref="ServiceUnavailableException"/>, <see cref="InternalServerException"/> and any other HTTP 5xx, a
/// <see cref="BedrockTimeoutException"/>, and transient network failures (connection refused
/// or reset, a response that ends early), whether they arrive as an HTTP error or inside the stream.
/// </para>
/// <para>
/// A ConverseStream call is retried only until its first event: once the stream has started (its <c>messageStart</c>
/// has been read), a failure is thrown, never retried, so no event or text is ever delivered twice.
/// The caller's cancellation is never retried.
/// </para>
/// </remarks>
public sealed class BedrockRetryOptions
{
    /// <summary>AWS's standard-mode default number of attempts, the first one included.</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>
    /// The number of attempts, the first one included; <c>1</c> disables retries. Unset: <c>AWS_MAX_ATTEMPTS</c>, else the
    /// <c>max_attempts</c> of the AWS profile (<c>AWS_PROFILE</c>, else <c>default</c>), else <see cref="DefaultMaxAttempts"/>
    /// (five in legacy mode, the .NET SDK's legacy default). The mode comes from <c>AWS_RETRY_MODE</c>, else the
    /// profile's <c>retry_mode</c>.
    /// </summary>
    public int? MaxAttempts { get; set; }

    /// <summary>
    /// The retry mode. Unset: <c>AWS_RETRY_MODE</c>, else the profile's <c>retry_mode</c>, else
    /// <see cref="BedrockRetryMode.Standard"/>.
    /// </summary>
    public BedrockRetryMode? Mode { get; set; }

    /// <summary>
    /// The backoff base: retry <c>n</c> (from 1) waits a random time between zero and
    /// <c>min(BaseDelay × 2^(n-1), MaxDelay)</c> ("full jitter"). Default: 1 second, as AWS's standard mode.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap on one backoff delay. Default: 20 seconds, as AWS's standard mode.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>The AWS SDKs' retry modes.</summary>
public enum BedrockRetryMode
{
    /// <summary>
    /// Exponential backoff with full jitter and a per-client retry quota; three attempts by default. The AWS SDKs' default.
    /// </summary>
    Standard,

    /// <summary>
    /// Standard mode plus a client-side send-rate limiter (AWSSDK.Core's token bucket): once Bedrock throttles the
    /// client, every attempt waits for a token, at a rate that backs off on throttling and recovers on success.
    /// </summary>
    Adaptive,

    /// <summary>The .NET SDK's legacy mode: five attempts by default and no retry quota.</summary>
    Legacy,
}
