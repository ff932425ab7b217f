using Amazon.Runtime.Internal;

namespace PromptGen.Bedrock.Resilience;

/// <summary>
/// The client-side send-rate limiter of AWS's adaptive retry mode: AWSSDK.Core's own <see cref="TokenBucket"/> (the one
/// the AWS SDK for .NET runs in that mode), on the client's <see cref="TimeProvider"/>. It stays out of the way until
/// the first throttling response; from then on every attempt takes a token, and the rate tokens come at backs off on
/// each throttle and recovers on each success (CUBIC), so a client that is being throttled sends less instead of
/// retrying into the limit.
/// </summary>
internal sealed class AdaptiveSendRate(TimeProvider timeProvider) : TokenBucket
{
    /// <summary>Whether the limiter is on: it turns on at the first throttle and stays on.</summary>
    public bool IsLimiting => Enabled;

    /// <summary>Waits for a token when the limiter is on; at once when it is not (before the first throttle).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public Task AcquireAsync(CancellationToken cancellationToken) => TryAcquireTokenAsync(1, failFast: false, cancellationToken);

    /// <summary>Feeds one attempt's outcome to the rate: a throttling error lowers it, anything else lets it recover.</summary>
    public void Record(bool throttled) => UpdateClientSendingRate(throttled);

    // Seconds on the client's clock: the bucket only compares and subtracts these.
    protected override double GetTimestamp() => timeProvider.GetTimestamp() / (double)timeProvider.TimestampFrequency;

    protected override Task WaitForTokenAsync(int delayMs, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(delayMs), timeProvider, cancellationToken);

    // Calls are async: the synchronous wait is never taken, but it must not block on another clock if it were.
    protected override void WaitForToken(int delayMs) => WaitForTokenAsync(delayMs, CancellationToken.None).GetAwaiter().GetResult();
}
