using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace PromptGen.Bedrock.Resilience;

/// <summary>
/// AWS's standard retry mode on Polly: which failures are retried (<see cref="TransientErrors"/>), how long to wait
/// (full-jitter exponential backoff), and the per-client <see cref="RetryQuota"/>. One instance serves a client's calls.
/// </summary>
internal sealed class RetryPipeline
{
    private static readonly ResiliencePropertyKey<int> s_retryCostKey = new("PromptGen.Bedrock.RetryCost");
    private static readonly ResiliencePropertyKey<string> s_modelIdKey = new("PromptGen.Bedrock.ModelId");

    private readonly ResiliencePipeline _pipeline;
    private readonly RetryQuota? _quota;
    private readonly AdaptiveSendRate? _sendRate;

    private readonly ILogger _logger;

    private RetryPipeline(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, BedrockRetryMode mode, TimeProvider timeProvider, ILogger logger)
    {
        MaxAttempts = maxAttempts;
        _logger = logger;
        Mode = mode;
        _quota = mode == BedrockRetryMode.Legacy ? null : new RetryQuota();
        _sendRate = mode == BedrockRetryMode.Adaptive ? new AdaptiveSendRate(timeProvider) : null;
        if (maxAttempts == 1)
        {
            _pipeline = ResiliencePipeline.Empty;
            return;
        }

        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxAttempts - 1,
                ShouldHandle = arguments => new ValueTask<bool>(ShouldRetry(arguments.Outcome.Exception, arguments.AttemptNumber, arguments.Context)),
                DelayGenerator = arguments => new ValueTask<TimeSpan?>(GetDelay(arguments.AttemptNumber, baseDelay, maxDelay)),
                OnRetry = arguments =>
                {
                    OnRetry(arguments.Context, arguments.AttemptNumber + 1, arguments.RetryDelay, arguments.Outcome.Exception!);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>The number of attempts a call may take, the first one included.</summary>
    public int MaxAttempts { get; }

    /// <summary>The mode the settings resolved to.</summary>
    public BedrockRetryMode Mode { get; }

    /// <summary>The retry quota, or <see langword="null"/> when the mode has none (legacy).</summary>
    public RetryQuota? Quota => _quota;

    /// <summary>The adaptive mode's send-rate limiter, or <see langword="null"/> in the other modes.</summary>
    public AdaptiveSendRate? SendRate => _sendRate;

    /// <summary>
    /// Reads the retry settings as the AWS SDKs do: <paramref name="options"/> first, then <c>AWS_MAX_ATTEMPTS</c> and
    /// <c>AWS_RETRY_MODE</c>, then the <c>max_attempts</c> and <c>retry_mode</c> of the AWS profile.
    /// </summary>
    /// <param name="options">The explicit settings.</param>
    /// <param name="getEnvironmentVariable">Reads an environment variable.</param>
    /// <param name="readSharedConfig">Reads the profile's settings; called only when the options and the environment leave one unset.</param>
    /// <param name="timeProvider">The clock backoff waits on.</param>
    /// <param name="logger">Where each retry is logged; <see langword="null"/> logs nothing.</param>
    /// <exception cref="BedrockConfigurationException">An environment variable or the profile holds a value the AWS SDKs would refuse.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static RetryPipeline Create(
        BedrockRetryOptions options,
        Func<string, string?> getEnvironmentVariable,
        Func<SharedConfigRetrySettings> readSharedConfig,
        TimeProvider timeProvider,
        ILogger? logger = null)
    {
        if (options.MaxAttempts is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxAttempts, "BedrockRetryOptions.MaxAttempts must be at least 1 (1 disables retries).");
        }

        if (options.BaseDelay < TimeSpan.Zero || options.MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "BedrockRetryOptions.BaseDelay and MaxDelay must not be negative.");
        }

        var environmentMode = options.Mode is null ? getEnvironmentVariable("AWS_RETRY_MODE")?.Trim() : null;
        var maxAttempts = options.MaxAttempts ?? ReadMaxAttempts(getEnvironmentVariable);
        SharedConfigRetrySettings? sharedConfig = (options.Mode is null && string.IsNullOrEmpty(environmentMode)) || maxAttempts is null
            ? readSharedConfig()
            : null;

        var mode = options.Mode
            ?? (string.IsNullOrEmpty(environmentMode)
                ? ParseMode(sharedConfig?.RetryMode, $"The retry_mode of AWS profile '{sharedConfig?.ProfileName}'")
                : ParseMode(environmentMode, "AWS_RETRY_MODE"));

        if (maxAttempts is null && sharedConfig?.MaxAttempts is { } profileAttempts)
        {
            maxAttempts = profileAttempts >= 1
                ? profileAttempts
                : throw new BedrockConfigurationException(
                    $"The max_attempts of AWS profile '{sharedConfig.Value.ProfileName}' is {profileAttempts}; it must be at least 1.");
        }

        // The .NET SDK's legacy mode makes four retries by default.
        var defaultAttempts = mode == BedrockRetryMode.Legacy ? 5 : BedrockRetryOptions.DefaultMaxAttempts;
        return new RetryPipeline(maxAttempts ?? defaultAttempts, options.BaseDelay, options.MaxDelay, mode, timeProvider, logger ?? NullLogger.Instance);
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails with an error not worth retrying, or runs out of attempts.</summary>
    /// <param name="attempt">One attempt of the call.</param>
    /// <param name="state">What the attempt needs.</param>
    /// <param name="operation">The Bedrock operation (<c>Converse</c> or <c>ConverseStream</c>), named in retry logs.</param>
    /// <param name="modelId">The model called, named in retry logs.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public async ValueTask<TResult> ExecuteAsync<TResult, TState>(
        Func<TState, CancellationToken, ValueTask<TResult>> attempt,
        TState state,
        string operation,
        string modelId,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        try
        {
            if (MaxAttempts > 1)
            {
                context.Properties.Set(s_modelIdKey, modelId);
            }

            var result = await _pipeline.ExecuteAsync(
                static (context, call) => call.self._sendRate is null
                    ? call.attempt(call.state, context.CancellationToken)
                    : call.self.RateLimitedAttemptAsync(call.attempt, call.state, context.CancellationToken),
                context,
                (self: this, attempt, state)).ConfigureAwait(false);

            // A success refills the quota: by the cost of the retry that succeeded, or a little for a first-try success.
            _quota?.Release(context.Properties.TryGetValue(s_retryCostKey, out var cost) ? cost : RetryQuota.SuccessIncrement);
            return result;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // Adaptive mode: every attempt takes a token once the limiter is on, and reports whether it was throttled.
    private async ValueTask<TResult> RateLimitedAttemptAsync<TResult, TState>(
        Func<TState, CancellationToken, ValueTask<TResult>> attempt,
        TState state,
        CancellationToken cancellationToken)
    {
        await _sendRate!.AcquireAsync(cancellationToken).ConfigureAwait(false);
        TResult result;
        try
        {
            result = await attempt(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            _sendRate.Record(throttled: TransientErrors.IsThrottling(exception));
            throw;
        }

        _sendRate.Record(throttled: false);
        return result;
    }

    // The one place every retry passes: its log line now, its telemetry event later.
    private void OnRetry(ResilienceContext context, int failedAttempt, TimeSpan delay, Exception exception)
    {
        if (!_logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        RetryLog.Retrying(
            _logger,
            context.OperationKey ?? "call",
            context.Properties.GetValue(s_modelIdKey, "?"),
            failedAttempt,
            MaxAttempts,
            (long)delay.TotalMilliseconds,
            (exception as BedrockException)?.ErrorCode ?? exception.GetType().Name,
            exception.Message,
            exception);
    }

    private bool ShouldRetry(Exception? exception, int attemptNumber, ResilienceContext context)
    {
        // Polly asks even after the last attempt; answering there must not spend the quota on a retry that never happens.
        if (exception is null || attemptNumber >= MaxAttempts - 1 || context.CancellationToken.IsCancellationRequested
            || !TransientErrors.IsTransient(exception))
        {
            return false;
        }

        var cost = TransientErrors.IsTimeout(exception) ? RetryQuota.TimeoutRetryCost : RetryQuota.RetryCost;
        if (_quota is not null && !_quota.TryAcquire(cost))
        {
            return false;
        }

        context.Properties.Set(s_retryCostKey, cost);
        return true;
    }

    // AWS standard mode: retry n (from 1) waits random(0, 1) × min(base × 2^(n-1), cap).
    private static TimeSpan GetDelay(int attemptNumber, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var ceiling = Math.Min(baseDelay.Ticks * Math.Pow(2, attemptNumber), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * ceiling));
    }

    private static BedrockRetryMode ParseMode(string? value, string source) =>
        string.IsNullOrEmpty(value)
            ? BedrockRetryMode.Standard
            : value.ToUpperInvariant() switch
            {
                "STANDARD" => BedrockRetryMode.Standard,
                "ADAPTIVE" => BedrockRetryMode.Adaptive,
                "LEGACY" => BedrockRetryMode.Legacy,
                _ => throw new BedrockConfigurationException($"{source} is '{value}'; the AWS SDKs accept standard, adaptive or legacy."),
            };

    private static int? ReadMaxAttempts(Func<string, string?> getEnvironmentVariable)
    {
        var configured = getEnvironmentVariable("AWS_MAX_ATTEMPTS")?.Trim();
        if (string.IsNullOrEmpty(configured))
        {
            return null;
        }

        return int.TryParse(configured, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= 1
            ? parsed
            : throw new BedrockConfigurationException($"AWS_MAX_ATTEMPTS is '{configured}'; it must be a whole number of at least 1.");
    }
}

/// <summary>The retry log messages, generated by <c>[LoggerMessage]</c> so that a disabled level costs nothing.</summary>
internal static partial class RetryLog
{
    [LoggerMessage(
        EventId = 1,
        EventName = "BedrockRetry",
        Level = LogLevel.Warning,
        Message = "Bedrock {Operation} call to model {ModelId} failed on attempt {Attempt} of {MaxAttempts} with {Error}: {ErrorMessage} Retrying in {DelayMilliseconds} ms.")]
    public static partial void Retrying(
        ILogger logger,
        string operation,
        string modelId,
        int attempt,
        int maxAttempts,
        long delayMilliseconds,
        string error,
        string errorMessage,
        Exception exception);
}
