namespace PromptGen.Bedrock.Resilience;

/// <summary>
/// The retry token bucket of AWS's standard retry mode, one per client: every retry spends tokens and every success
/// returns some, so when most calls fail the client stops multiplying the load with retries and fails fast instead.
/// </summary>
internal sealed class RetryQuota
{
    /// <summary>The bucket's size, and how full it starts.</summary>
    public const int Capacity = 500;

    /// <summary>What a retry after an error costs.</summary>
    public const int RetryCost = 5;

    /// <summary>What a retry after a timeout costs.</summary>
    public const int TimeoutRetryCost = 10;

    /// <summary>What a call that succeeded at its first attempt returns.</summary>
    public const int SuccessIncrement = 1;

    private int _available = Capacity;

    /// <summary>The tokens left.</summary>
    public int Available => Volatile.Read(ref _available);

    /// <summary>Takes <paramref name="cost"/> tokens if that many are left.</summary>
    public bool TryAcquire(int cost)
    {
        var available = Volatile.Read(ref _available);
        while (available >= cost)
        {
            var seen = Interlocked.CompareExchange(ref _available, available - cost, available);
            if (seen == available)
            {
                return true;
            }

            available = seen;
        }

        return false;
    }

    /// <summary>Returns tokens after a success: what the retry that succeeded cost, or the increment for a first-try success.</summary>
    public void Release(int amount)
    {
        var available = Volatile.Read(ref _available);
        while (available < Capacity)
        {
            var seen = Interlocked.CompareExchange(ref _available, Math.Min(Capacity, available + amount), available);
            if (seen == available)
            {
                return;
            }

            available = seen;
        }
    }
}
