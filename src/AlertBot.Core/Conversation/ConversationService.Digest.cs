using System.Globalization;
using AlertBot.Core.Digests;
using AlertBot.Core.Platforms;
using AlertBot.Core.Rendering;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;

namespace AlertBot.Core.Conversation;

public sealed partial class ConversationService
{
    /// <summary>
    /// <c>/digest</c>: the chat's scheduled digest. Showing it is open to all; setting, changing, deleting and previewing
    /// it are for the chat's admins, asked of the platform at each change.
    /// </summary>
    private async Task DigestCommandAsync(Turn turn, string argument, CancellationToken ct)
    {
        var (verb, rest) = SplitWord(argument);
        var who = $"{turn.Chat.Platform}:{turn.From.UserId}";
        var recipientId = turn.Recipient.Id;
        switch (verb.ToLowerInvariant())
        {
            case "":
            {
                var current = await digests.FindAsync(recipientId, ct);
                await ReplyAsync(turn, current is null ? Join("\n\n", BotTexts.NoDigest, BotTexts.DigestUsage) : BotTexts.DigestSummary(ViewOf(current)), ct);
                return;
            }

            case "off" or "delete":
                if (await MayChangeAsync(turn, ct))
                {
                    var insteadOfAlerts = (await digests.FindAsync(recipientId, ct))?.InsteadOfAlerts == true;
                    await ReplyAsync(
                        turn,
                        !await digests.DeleteAsync(recipientId, ct) ? BotTexts.NoDigest
                            : insteadOfAlerts ? Join("\n", BotTexts.DigestDeleted, BotTexts.DigestModeOff)
                            : BotTexts.DigestDeleted,
                        ct);
                }

                return;
            case "pause" or "resume":
            {
                var paused = verb.Equals("pause", StringComparison.OrdinalIgnoreCase);
                await ChangeDigestAsync(turn, s => s.Paused = paused, who, ct);
                return;
            }

            case "lang":
                if (!TryParseLanguage(rest, out var language))
                {
                    await ReplyAsync(turn, BotTexts.DigestUsage, ct);
                    return;
                }

                await ChangeDigestAsync(turn, s => s.Language = language, who, ct);
                return;
            case "empty":
            {
                var empty = rest.Trim().ToLowerInvariant() switch
                {
                    "line" or "سطر" => EmptyDigest.NoIncidentsLine,
                    "nothing" or "none" or "لا شيء" => EmptyDigest.Nothing,
                    _ => (EmptyDigest?)null,
                };
                if (empty is null)
                {
                    await ReplyAsync(turn, BotTexts.DigestUsage, ct);
                    return;
                }

                await ChangeDigestAsync(turn, s => s.WhenEmpty = empty.Value, who, ct);
                return;
            }

            case "only" or "instead" or "ملخص" or "instant" or "alerts" or "فوري":
            {
                var instead = verb.ToLowerInvariant() is "only" or "instead" or "ملخص";
                if (!await MayChangeAsync(turn, ct))
                {
                    return;
                }

                var setting = await digests.SetInsteadOfAlertsAsync(recipientId, instead, who, ct);
                await ReplyAsync(
                    turn,
                    setting is null ? Join("\n\n", BotTexts.DigestModeNeedsDigest, BotTexts.DigestUsage)
                        : Join("\n\n", instead ? BotTexts.DigestModeOn : BotTexts.DigestModeOff, BotTexts.DigestSummary(ViewOf(setting))),
                    ct);
                return;
            }

            case "preview":
                await DigestPreviewAsync(turn, ct);
                return;
            case "help":
                await ReplyAsync(turn, BotTexts.DigestUsage, ct);
                return;
            default:
                await SetDigestAsync(turn, argument, who, ct);
                return;
        }
    }

    private async Task SetDigestAsync(Turn turn, string argument, string who, CancellationToken ct)
    {
        if (!DigestSchedule.TryParse(argument, out var spec, out var error))
        {
            await ReplyAsync(turn, BotTexts.DigestBadSchedule(error), ct);
            return;
        }

        var filter = DigestFilter.Everything;
        if (spec.Target.Length > 0)
        {
            if (spec.Target.Length > SubscriptionTargets.MaxNameLength || targets.Resolve(spec.Target).Chosen is not { } target)
            {
                await ReplyAsync(turn, BotTexts.DigestUnknownTarget(Echo(spec.Target)), ct);
                return;
            }

            filter = new DigestFilter(
                target.PlaceId is { } place ? [place] : [],
                target.ActorId is { } actor ? [actor] : [],
                target.EventType is { } type ? [type] : []);
        }

        if (!await MayChangeAsync(turn, ct))
        {
            return;
        }

        var setting = await digests.SetAsync(turn.Recipient, spec, filter, who, ct);
        await ReplyAsync(turn, BotTexts.DigestSummary(ViewOf(setting)), ct);
    }

    private async Task ChangeDigestAsync(Turn turn, Action<DigestSetting> change, string who, CancellationToken ct)
    {
        if (!await MayChangeAsync(turn, ct))
        {
            return;
        }

        var setting = await digests.ChangeAsync(turn.Recipient.Id, change, who, ct);
        await ReplyAsync(turn, setting is null ? BotTexts.NoDigest : BotTexts.DigestSummary(ViewOf(setting)), ct);
    }

    /// <summary>The digest of the last period, to the admin who asked alone (ephemeral, or their private chat); nothing is sent to the chat or recorded.</summary>
    private async Task DigestPreviewAsync(Turn turn, CancellationToken ct)
    {
        if (!await MayChangeAsync(turn, ct))
        {
            return;
        }

        if (await digests.FindAsync(turn.Recipient.Id, ct) is not { } setting)
        {
            await ReplyAsync(turn, BotTexts.NoDigest, ct);
            return;
        }

        var preview = await digests.PreviewAsync(setting, platforms.Get(turn.Chat.Platform), ct);
        await turn.Replies.ReplyPrivatelyAsync(new OutgoingMessage(BotTexts.DigestPreviewHeader.For(turn.Language)), ct);
        if (preview.Map is { } map)
        {
            await turn.Replies.ReplyPrivatelyAsync(new OutgoingMessage(string.Empty) { Image = map }, ct);
        }

        foreach (var part in preview.Parts)
        {
            await turn.Replies.ReplyPrivatelyAsync(new OutgoingMessage(part) { IsMarkup = true }, ct);
        }
    }

    private DigestView ViewOf(DigestSetting setting)
    {
        var zone = DigestRequests.Zone(setting.TimeZone);
        var next = digests.NextRun(setting) is { } at
            ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : null;
        var times = string.Join(", ", setting.Crons);
        var (scheduleAr, scheduleEn) = setting.ScheduleKind switch
        {
            DigestScheduleKind.Daily => ("يوميًا " + string.Join("، ", setting.Crons.Select(TimeOfCron)), "daily at " + string.Join(", ", setting.Crons.Select(TimeOfCron))),
            DigestScheduleKind.Weekly => ("أسبوعيًا (cron " + times + ")", "weekly (cron " + times + ")"),
            _ => ("cron " + times, "cron " + times),
        };
        var covered = setting.PlaceIds.Select(p => new SubscriptionTarget(p, null, null))
            .Concat(setting.ActorIds.Select(a => new SubscriptionTarget(null, a, null)))
            .Concat(setting.EventTypes.Select(t => new SubscriptionTarget(null, null, t)))
            .Select(targets.Describe)
            .ToList();
        var filterAr = covered.Count == 0 ? "كل الحوادث المؤكدة" : string.Join("، ", covered.Select(c => c.Ar));
        var filterEn = covered.Count == 0 ? "every confirmed incident" : string.Join(", ", covered.Select(c => c.En));
        if (setting.InsteadOfAlerts)
        {
            filterAr = covered.Count == 0 ? "اشتراكات هذه المحادثة، بدل التنبيهات الفورية" : $"اشتراكات هذه المحادثة ضمن: {filterAr}، بدل التنبيهات الفورية";
            filterEn = covered.Count == 0 ? "this chat's subscriptions, instead of instant alerts" : $"this chat's subscriptions within {filterEn}, instead of instant alerts";
        }
        var language = setting.Language switch { ChatLanguage.Ar => "ar", ChatLanguage.En => "en", _ => "ar+en" };
        return new DigestView(scheduleAr, scheduleEn, setting.TimeZone, filterAr, filterEn, language, setting.WhenEmpty == EmptyDigest.NoIncidentsLine, setting.Paused, next);
    }

    /// <summary>"08:00" from a daily cron "0 8 * * *".</summary>
    private static string TimeOfCron(string cron)
    {
        var fields = cron.Split(' ');
        return int.TryParse(fields[0], CultureInfo.InvariantCulture, out var minute) && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var hour)
            ? string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}")
            : cron;
    }

    private static (string Word, string Remainder) SplitWord(string text)
    {
        var trimmed = text.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (trimmed, string.Empty) : (trimmed[..space], trimmed[(space + 1)..].Trim());
    }
}
