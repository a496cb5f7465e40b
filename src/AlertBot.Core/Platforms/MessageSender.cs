using System.Collections.Concurrent;
using System.Diagnostics;
using AlertBot.Core.Delivery;
using AlertBot.Core.Diagnostics;

namespace AlertBot.Core.Platforms;

/// <summary>
/// Every outbound call to a platform goes through here: it waits for the platform's send limits first (one limiter per
/// platform in this process, shared by conversation replies and alerts), holds the platform after a 429 for its
/// retry_after, and counts the outcome.
/// </summary>
public sealed class MessageSender(ChatPlatforms platforms, AlertBotMetrics metrics, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SendRateLimiter> _limiters = new(StringComparer.Ordinal);

    /// <summary>The limiter applied to a platform's sends in this process.</summary>
    public SendRateLimiter LimiterFor(string platform) =>
        _limiters.GetOrAdd(platform, name => new SendRateLimiter(platforms.Get(name).Limits, time));

    public async Task<string> SendAsync(string platform, string chatId, OutgoingMessage message, CancellationToken ct)
    {
        var adapter = platforms.Get(platform);
        await LimiterFor(platform).ReserveAsync(chatId, adapter.KindOf(chatId), ct);
        var started = Stopwatch.GetTimestamp();
        var id = await Counted(platform, () => adapter.SendAsync(chatId, message, ct));
        metrics.MessageSent(platform, Stopwatch.GetElapsedTime(started));
        return id;
    }

    public async Task EditAsync(string platform, string chatId, string messageId, OutgoingMessage message, CancellationToken ct)
    {
        var adapter = platforms.Get(platform);
        await LimiterFor(platform).ReserveAsync(chatId, adapter.KindOf(chatId), ct);
        await Counted(platform, async () =>
        {
            await adapter.EditAsync(chatId, messageId, message, ct);
            return messageId;
        });
    }

    public async Task DeleteAsync(string platform, string chatId, string messageId, CancellationToken ct)
    {
        var adapter = platforms.Get(platform);
        await LimiterFor(platform).ReserveAsync(chatId, adapter.KindOf(chatId), ct);
        await Counted(platform, async () =>
        {
            await adapter.DeleteAsync(chatId, messageId, ct);
            return messageId;
        });
    }

    public Task AnswerButtonAsync(string platform, string pressId, string? notice, CancellationToken ct) =>
        platforms.Get(platform).AnswerButtonAsync(pressId, notice, ct);

    private async Task<string> Counted(string platform, Func<Task<string>> call)
    {
        try
        {
            return await call();
        }
        catch (PlatformException ex)
        {
            if (ex.Failure == PlatformFailure.RateLimited)
            {
                metrics.RateLimited(platform);
                LimiterFor(platform).Hold(time.GetUtcNow() + (ex.RetryAfter ?? TimeSpan.FromSeconds(1)));
            }

            metrics.MessageFailed(platform, ex.Failure.ToString());
            throw;
        }
    }
}
