using System.Diagnostics;
using AlertBot.Core.Diagnostics;

namespace AlertBot.Core.Platforms;

/// <summary>Sends through a platform and counts the outcome; every outbound message goes through here.</summary>
public sealed class MessageSender(ChatPlatforms platforms, AlertBotMetrics metrics)
{
    public async Task<string> SendAsync(string platform, string chatId, OutgoingMessage message, CancellationToken ct)
    {
        var adapter = platforms.Get(platform);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var id = await adapter.SendAsync(chatId, message, ct);
            metrics.MessageSent(platform, Stopwatch.GetElapsedTime(started));
            return id;
        }
        catch (PlatformException ex)
        {
            if (ex.Failure == PlatformFailure.RateLimited)
            {
                metrics.RateLimited(platform);
            }

            metrics.MessageFailed(platform, ex.Failure.ToString());
            throw;
        }
    }

    public Task AnswerButtonAsync(string platform, string pressId, string? notice, CancellationToken ct) =>
        platforms.Get(platform).AnswerButtonAsync(pressId, notice, ct);
}
