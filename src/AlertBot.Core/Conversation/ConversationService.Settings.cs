using AlertBot.Core.Platforms;
using AlertBot.Core.Storage;

namespace AlertBot.Core.Conversation;

/// <summary>/quiet, /pause, /resume, /timezone and /stop (with its <c>stop:yes</c> / <c>stop:no</c> buttons).</summary>
public sealed partial class ConversationService
{
    private async Task QuietCommandAsync(Turn turn, string argument, CancellationToken ct)
    {
        var off = argument.Trim().ToLowerInvariant() is "off" or "إلغاء" or "ايقاف" or "إيقاف";
        QuietWindow window = default;
        if (!off && !SettingsInput.TryParseQuiet(argument, out window))
        {
            var current = turn.Recipient is { QuietFrom: { } from, QuietUntil: { } until }
                ? BotTexts.QuietHours(new QuietWindow(from, until, turn.Recipient.QuietMode))
                : BotTexts.NoQuietHours;
            await ReplyAsync(turn, Join("\n\n", current, BotTexts.QuietUsage), ct);
            return;
        }

        if (!await MayChangeAsync(turn, ct))
        {
            return;
        }

        var recipient = turn.Recipient;
        recipient.QuietFrom = off ? null : window.From;
        recipient.QuietUntil = off ? null : window.Until;
        recipient.QuietMode = off ? QuietMode.Hold : window.Mode;
        await db.SaveChangesAsync(ct);
        await ReplyAsync(turn, off ? BotTexts.QuietOff : BotTexts.QuietSet(window), ct);
    }

    private async Task PauseCommandAsync(Turn turn, bool paused, CancellationToken ct)
    {
        if (!await MayChangeAsync(turn, ct))
        {
            return;
        }

        if (turn.Recipient.Paused == paused)
        {
            await ReplyAsync(turn, paused ? BotTexts.AlreadyPaused : BotTexts.NotPaused, ct);
            return;
        }

        await subscriptions.SetPausedAsync(turn.Recipient, paused, ct);
        await ReplyAsync(turn, paused ? BotTexts.Paused : BotTexts.Resumed, ct);
    }

    private async Task TimeZoneCommandAsync(Turn turn, string argument, CancellationToken ct)
    {
        if (argument.Length == 0)
        {
            await ReplyAsync(turn, BotTexts.TimeZoneCurrent(turn.Recipient.TimeZone), ct);
            return;
        }

        if (!SettingsInput.TryParseTimeZone(argument, out var zone))
        {
            await ReplyAsync(turn, BotTexts.UnknownTimeZone(Echo(argument)), ct);
            return;
        }

        if (!await MayChangeAsync(turn, ct))
        {
            return;
        }

        turn.Recipient.TimeZone = zone;
        await db.SaveChangesAsync(ct);
        await ReplyAsync(turn, BotTexts.TimeZoneSet(zone), ct);
    }

    private async Task StopCommandAsync(Turn turn, CancellationToken ct)
    {
        if (!await MayChangeAsync(turn, ct))
        {
            return;
        }

        var language = turn.Language;
        await ReplyAsync(
            turn,
            new OutgoingMessage(
                BotTexts.StopConfirm.For(language),
                [[new ChatButton(Label(BotTexts.ButtonStopYes, language), "stop:yes"), new ChatButton(Label(BotTexts.ButtonStopNo, language), "stop:no")]]),
            ct);
    }

    private async Task<bool> StopPressAsync(Turn turn, string answer, CancellationToken ct)
    {
        if (answer is not ("yes" or "no"))
        {
            return false;
        }

        if (!await MayChangeAsync(turn, ct))
        {
            return true;
        }

        await AnswerAsync(turn, null, ct);
        if (answer == "no")
        {
            await ShowAsync(turn, new OutgoingMessage(BotTexts.StopCancelled.For(turn.Language)), ct);
            return true;
        }

        // The goodbye goes out in the chat's language, read before the recipient and its settings are deleted.
        var goodbye = BotTexts.Forgotten.For(turn.Language);
        await subscriptions.ForgetAsync(turn.Recipient, ct);
        await ShowAsync(turn, new OutgoingMessage(goodbye), ct);
        return true;
    }
}
