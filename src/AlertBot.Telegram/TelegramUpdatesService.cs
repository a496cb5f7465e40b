using System.Diagnostics;
using AlertBot.Core.Delivery;
using AlertBot.Core.Platforms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace AlertBot.Telegram;

/// <summary>
/// Brings the bot up on Telegram and keeps updates coming. At start: getMe (the bot's username), the command menus
/// in Arabic and English (setMyCommands per <c>language_code</c>), and in webhook mode setWebhook with the secret.
/// In polling mode it then long-polls getUpdates, but only while this process leads (the dispatcher's election on its
/// own lock: Telegram answers 409 to a second poller); the offset moves past every update, handled or skipped.
/// Failures back off (a 429's retry_after at least) and never end the loop.
/// </summary>
public sealed partial class TelegramUpdatesService(
    TelegramClient client,
    TelegramInbound inbound,
    TelegramBotIdentity identity,
    DispatchLeadership leadership,
    TelegramHealth health,
    TelegramMetrics metrics,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramUpdatesService> logger) : BackgroundService
{
    /// <summary>The poller's advisory lock ("AlertTgP"), apart from the dispatcher's.</summary>
    public const long PollerLockKey = 0x416C_6572_7454_6750;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private TelegramOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RetryingAsync("start", PrepareAsync, stoppingToken);
            if (Options.Mode == TelegramMode.Polling)
            {
                await PollAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        var me = await TelegramErrors.CallAsync(() => client.Bot.GetMe(ct), ct);
        identity.Username = me.Username;
        await TelegramErrors.CallAsync(() => client.Bot.SetMyCommands(CommandsIn(english: true), languageCode: null, cancellationToken: ct), ct);
        await TelegramErrors.CallAsync(() => client.Bot.SetMyCommands(CommandsIn(english: true), languageCode: "en", cancellationToken: ct), ct);
        await TelegramErrors.CallAsync(() => client.Bot.SetMyCommands(CommandsIn(english: false), languageCode: "ar", cancellationToken: ct), ct);
        if (Options.Mode == TelegramMode.Webhook)
        {
            await TelegramErrors.CallAsync(
                () => client.Bot.SetWebhook(
                    Options.WebhookUrl!,
                    allowedUpdates: AllowedUpdateTypes,
                    secretToken: Options.WebhookSecret,
                    cancellationToken: ct),
                ct);
            LogWebhookSet(me.Username);
        }
        else
        {
            LogStarted(me.Username);
        }

        health.Succeeded();
    }

    private async Task PollAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await using var lease = await leadership.AcquireAsync(PollerLockKey, ct);
            LogPolling(Environment.MachineName, Environment.ProcessId);

            // A webhook left from an earlier deployment would make every getUpdates a 409.
            await RetryingAsync("deleteWebhook", c => TelegramErrors.CallAsync(() => client.Bot.DeleteWebhook(cancellationToken: c), c), ct);
            long? offset = null;
            var backoff = FirstBackoff;
            while (!ct.IsCancellationRequested && await lease.IsHeldAsync(ct))
            {
                IReadOnlyList<System.Text.Json.JsonElement> updates;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    updates = await client.GetUpdatesAsync(offset, Options.PollTimeoutSeconds, TelegramInbound.AllowedUpdates, ct);
                    metrics.Polled(Stopwatch.GetElapsedTime(started));
                    health.Succeeded();
                    backoff = FirstBackoff;
                }
                catch (PlatformException ex)
                {
                    metrics.Error("poll");
                    health.Failed(ex.Message);
                    var wait = ex.RetryAfter is { } retryAfter && retryAfter > backoff ? retryAfter : backoff;
                    LogPollFailed(ex.Message, wait.TotalSeconds);
                    await Task.Delay(wait, time, ct);
                    backoff = Min(backoff * 2, MaxBackoff);
                    continue;
                }

                foreach (var raw in updates)
                {
                    await inbound.HandleAsync(raw, ct);

                    // Handled, skipped or failed, the offset moves past it: one bad update never blocks the rest.
                    if (TelegramInbound.IdOf(raw) is { } id && (offset is null || id + 1 > offset))
                    {
                        offset = id + 1;
                    }
                }
            }

            LogLostLead();
        }
    }

    private async Task RetryingAsync(string what, Func<CancellationToken, Task> step, CancellationToken ct)
    {
        var backoff = FirstBackoff;
        while (true)
        {
            try
            {
                await step(ct);
                return;
            }
            catch (PlatformException ex)
            {
                metrics.Error(what);
                health.Failed($"{what}: {ex.Message}");
                var wait = ex.RetryAfter is { } retryAfter && retryAfter > backoff ? retryAfter : backoff;
                LogStepFailed(what, ex.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, ct);
                backoff = Min(backoff * 2, MaxBackoff);
            }
        }
    }

    private static readonly UpdateType[] AllowedUpdateTypes =
        [UpdateType.Message, UpdateType.ChannelPost, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    private static BotCommand[] CommandsIn(bool english) =>
        [.. TelegramTexts.Commands.Select(c => new BotCommand(c.Command, english ? c.En : c.Ar))];

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: @{Username} is up; long polling for updates")]
    private partial void LogStarted(string? username);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: @{Username} is up; updates arrive at the webhook")]
    private partial void LogWebhookSet(string? username);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: this process ({Machine}, pid {ProcessId}) polls for updates")]
    private partial void LogPolling(string machine, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: lost the poller's lock; standing by")]
    private partial void LogLostLead();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: getUpdates failed ({Reason}); again in {Seconds} s")]
    private partial void LogPollFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: {Step} failed ({Reason}); again in {Seconds} s")]
    private partial void LogStepFailed(string step, string reason, double seconds);
}
