namespace AlertBot.Feeds.Tests;

public class FeedSourceHealthTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 12, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private static FeedSourceHealth Health(Action<FeedHealthOptions>? configure = null)
    {
        var options = new FeedHealthOptions { MaxBackoff = TimeSpan.FromHours(2), DisableAfterConsecutiveFailures = 5 };
        configure?.Invoke(options);
        return new FeedSourceHealth(options);
    }

    [Fact]
    public void Healthy_source_is_polled_at_its_interval()
    {
        var decision = Health().Evaluate(0, Now.AddMinutes(-5), FiveMinutes, Now);

        Assert.Equal(FiveMinutes, decision.NextPollDelay);
        Assert.Equal(Now + FiveMinutes, decision.NextPollAt);
        Assert.False(decision.ShouldDisable);
        Assert.Null(decision.Reason);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 80)]
    [InlineData(5, 120)]
    [InlineData(12, 120)]
    [InlineData(int.MaxValue, 120)]
    public void Failures_back_off_exponentially_up_to_the_cap(int failures, int expectedMinutes)
    {
        var decision = Health().Evaluate(failures, Now, FiveMinutes, Now);

        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), decision.NextPollDelay);
    }

    [Fact]
    public void Backoff_never_polls_more_often_than_the_configured_interval()
    {
        var decision = Health().Evaluate(3, Now, TimeSpan.FromHours(12), Now);

        Assert.Equal(TimeSpan.FromHours(12), decision.NextPollDelay);
    }

    [Fact]
    public void Retry_after_lengthens_the_delay_but_stays_under_the_cap()
    {
        var health = Health();

        Assert.Equal(TimeSpan.FromMinutes(30), health.Evaluate(1, Now, FiveMinutes, Now, TimeSpan.FromMinutes(30)).NextPollDelay);
        Assert.Equal(TimeSpan.FromHours(2), health.Evaluate(1, Now, FiveMinutes, Now, TimeSpan.FromDays(3)).NextPollDelay);
        Assert.Equal(TimeSpan.FromMinutes(20), health.Evaluate(2, Now, FiveMinutes, Now, TimeSpan.FromMinutes(1)).NextPollDelay);
    }

    [Fact]
    public void Source_is_auto_disabled_after_n_consecutive_failures_without_a_recent_success()
    {
        var health = Health();

        var belowThreshold = health.Evaluate(4, Now.AddDays(-3), FiveMinutes, Now);
        var atThreshold = health.Evaluate(5, Now.AddDays(-3), FiveMinutes, Now);
        var neverSucceeded = health.Evaluate(5, null, FiveMinutes, Now);

        Assert.False(belowThreshold.ShouldDisable);
        Assert.True(atThreshold.ShouldDisable);
        Assert.Equal("5 consecutive failures; last success 2024-05-09 12:00:00Z.", atThreshold.Reason);
        Assert.True(neverSucceeded.ShouldDisable);
        Assert.Equal("5 consecutive failures; never succeeded.", neverSucceeded.Reason);
    }

    [Fact]
    public void Recent_success_keeps_a_flapping_source_enabled_unless_the_window_is_zero()
    {
        var recent = Now.AddHours(-3);

        Assert.False(Health().Evaluate(7, recent, FiveMinutes, Now).ShouldDisable);
        Assert.True(Health(o => o.DisableOnlyWithoutSuccessFor = TimeSpan.Zero).Evaluate(7, recent, FiveMinutes, Now).ShouldDisable);
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedSourceHealth(new FeedHealthOptions { DisableAfterConsecutiveFailures = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedSourceHealth(new FeedHealthOptions { MaxBackoff = TimeSpan.Zero }));
    }
}
