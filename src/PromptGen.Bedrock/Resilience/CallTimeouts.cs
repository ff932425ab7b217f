namespace PromptGen.Bedrock.Resilience;

/// <summary>
/// The cancellation one attempt of a call runs under: the caller's token, plus a timer armed around each wait on the
/// network (the response headers, then every read of the body) and disarmed between them, so the time a consumer
/// spends on an event never counts as the service being idle.
/// </summary>
/// <remarks>
/// One timer serves the whole attempt and re-arming it does not allocate. A token that fired cannot be reset, which
/// is why every attempt gets its own instance.
/// </remarks>
internal sealed class CallTimeouts : IDisposable
{
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _source;
    private BedrockTimeoutKind _armedKind;
    private TimeSpan _armedTimeout = Timeout.InfiniteTimeSpan;

    public CallTimeouts(CancellationToken callerToken)
    {
        _callerToken = callerToken;
        _source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
    }

    /// <summary>Whether the caller cancelled the call: a failure then is the cancellation's doing, not the network's.</summary>
    public bool IsCallerCancelled => _callerToken.IsCancellationRequested;

    /// <summary>The token to pass to the network call being timed.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Starts timing one wait; <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as the caller does.</summary>
    public void Arm(BedrockTimeoutKind kind, TimeSpan timeout)
    {
        _armedKind = kind;
        _armedTimeout = timeout;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _source.CancelAfter(timeout);
        }
    }

    /// <summary>Stops timing: the wait is over.</summary>
    public void Disarm()
    {
        if (_armedTimeout != Timeout.InfiniteTimeSpan)
        {
            _source.CancelAfter(Timeout.InfiniteTimeSpan);
            _armedTimeout = Timeout.InfiniteTimeSpan;
        }
    }

    /// <summary>
    /// Turns the failure of a timed wait into the <see cref="BedrockTimeoutException"/> it stands for, when the timer
    /// (and not the caller) ended it; otherwise returns <see langword="null"/> and the failure stands.
    /// </summary>
    public BedrockTimeoutException? AsTimeout(Exception exception, string? requestId)
    {
        // An aborted read can surface as a cancellation or, on some transports, as an I/O error of the aborted socket.
        if (exception is not (OperationCanceledException or IOException or HttpRequestException)
            || _callerToken.IsCancellationRequested
            || !_source.IsCancellationRequested
            || _armedTimeout == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        return new BedrockTimeoutException(_armedKind, _armedTimeout, requestId, exception);
    }

    /// <summary>
    /// Runs one wait for the network under <paramref name="timeout"/>: a wait the timer ends (not the caller) fails
    /// with the <see cref="BedrockTimeoutException"/> it stands for. For per-call waits; the per-frame read is timed inline.
    /// </summary>
    public async Task<T> TimeAsync<T>(BedrockTimeoutKind kind, TimeSpan timeout, string? requestId, Func<CancellationToken, Task<T>> wait)
    {
        try
        {
            Arm(kind, timeout);
            return await wait(Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (AsTimeout(exception, requestId) is { } timeoutException)
        {
            throw timeoutException;
        }
        finally
        {
            Disarm();
        }
    }

    public void Dispose() => _source.Dispose();
}
