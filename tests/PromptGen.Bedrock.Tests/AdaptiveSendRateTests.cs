using Microsoft.Extensions.Time.Testing;
using PromptGen.Bedrock.Resilience;

namespace PromptGen.Bedrock.Tests;

/// <summary>
/// Adaptive mode's send-rate limiter (AWSSDK.Core's token bucket on the client's clock), driven by a fake clock: how long
/// each attempt waits for its token is read off that clock, in 10 ms steps. A wait can read a few steps long (the
/// clock may move on before the woken wait takes its token) but never short, so the bounds allow for that.
/// </summary>
public sealed class AdaptiveSendRateTests
{
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_twoSecondsAndSlack = TimeSpan.FromSeconds(2.2);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Before_the_first_throttle_no_attempt_waits()
    {
        var sendRate = new AdaptiveSendRate(_time);

        for (var i = 0; i < 100; i++)
        {
            Assert.True(sendRate.AcquireAsync(CancellationToken.None).IsCompletedSuccessfully);
            sendRate.Record(throttled: false);
        }

        Assert.False(sendRate.IsLimiting);
    }

    [Fact]
    public async Task After_a_throttle_every_attempt_waits_for_a_token_at_the_minimum_rate_until_one_succeeds()
    {
        var sendRate = ThrottledAfterFiveQuickSuccesses();

        // Without a success in between, tokens come at AWS's minimum rate of one every 2 s; the first sooner, since
        // the bucket kept filling while the first attempts ran.
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            waits.Add(await WaitForTokenAsync(sendRate));
        }

        Assert.True(sendRate.IsLimiting);
        Assert.InRange(waits[0], s_step, s_twoSecondsAndSlack);
        Assert.All(waits[1..], wait => Assert.InRange(wait, TimeSpan.FromSeconds(2), s_twoSecondsAndSlack));
    }

    [Fact]
    public async Task Successes_after_a_throttle_raise_the_rate_again()
    {
        var sendRate = ThrottledAfterFiveQuickSuccesses();

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            waits.Add(await WaitForTokenAsync(sendRate));
            sendRate.Record(throttled: false);
        }

        Assert.True(waits[0] > TimeSpan.Zero, "The first attempt after the throttle did not wait.");
        Assert.All(waits[^10..], wait => Assert.Equal(TimeSpan.Zero, wait));

        // The limiter stays on, ready to slow down again at the next throttle.
        Assert.True(sendRate.IsLimiting);
    }

    [Fact]
    public async Task A_wait_for_a_token_ends_with_the_callers_cancellation()
    {
        var sendRate = ThrottledAfterFiveQuickSuccesses();
        using var cancellation = new CancellationTokenSource();

        var waiting = sendRate.AcquireAsync(cancellation.Token);
        Assert.False(waiting.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    private AdaptiveSendRate ThrottledAfterFiveQuickSuccesses()
    {
        var sendRate = new AdaptiveSendRate(_time);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(sendRate.AcquireAsync(CancellationToken.None).IsCompletedSuccessfully);
            sendRate.Record(throttled: false);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        sendRate.Record(throttled: true);
        return sendRate;
    }

    // Advances the fake clock in steps until the token is granted; returns how far it had to go.
    private async Task<TimeSpan> WaitForTokenAsync(AdaptiveSendRate sendRate)
    {
        var start = _time.GetUtcNow();
        var acquiring = sendRate.AcquireAsync(CancellationToken.None);
        for (var steps = 0; !acquiring.IsCompleted; steps++)
        {
            Assert.True(steps < 1_000, "No token within 10 s of fake time.");
            _time.Advance(s_step);

            // The wait's continuation runs on the thread pool: give it the chance to take the token.
            await Task.Delay(1);
        }

        await acquiring;
        return _time.GetUtcNow() - start;
    }
}
