using System.Globalization;
using AlertBot.Core.Delivery;
using AlertBot.Core.Events;
using AlertBot.Core.Platforms;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlertBot.Discord;

/// <summary>
/// The moderators' channel (<c>Discord:ModeratorChannelId</c>): every pending event arrives as a
/// <see cref="DiscordModeratorCard"/>, edited whenever the event changes from any surface (the cards follow the audit
/// log). Buttons act as the presser's moderator identity (<c>discord:&lt;user id&gt;</c>) and are honoured only as the bot
/// issued them on that card; anyone not in <c>Moderation:Moderators</c> is refused with an ephemeral answer. Reject asks
/// for the reason in a modal. One process of a deployment posts the cards (its own lock in the dispatcher's election).
/// </summary>
internal sealed partial class DiscordModeratorCards(
    AlertBotDbFactory dbFactory,
    IServiceScopeFactory scopes,
    MessageSender sender,
    Gazetteer gazetteer,
    ModeratorDirectory moderators,
    DispatchLeadership leadership,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordModeratorCards> logger) : BackgroundService
{
    /// <summary>The cards' advisory lock ("AlertDcC").</summary>
    public const long CardsLockKey = 0x416C_6572_7444_6343;

    /// <summary>At start, pending events without a card get one, newest first, up to this many.</summary>
    public const int CatchUpLimit = 100;

    public const string NotModerator = "Only moderators can do this. · هذا للمشرفين فقط.";
    public const string Done = "Done. · تم.";
    public const string AwaitingSecond = "Confirmed once; a second moderator must confirm. · بانتظار تأكيد مشرف ثانٍ.";

    public static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refreshing = new(1, 1);

    /// <summary>The moderators' channel, when one is configured.</summary>
    public ChatRef? Chat => options.Value.ModeratorChannelId is { } id ? new ChatRef(DiscordPlatform.PlatformName, id, ChatKind.Group) : null;

    public bool IsModeratorChannel(ChatRef chat) => Chat is { } channel && channel.ChatId == chat.ChatId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Chat is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await leadership.AcquireAsync(CardsLockKey, stoppingToken);
                var cursor = await LastAuditIdAsync(stoppingToken);
                await CatchUpAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested && await lease.IsHeldAsync(stoppingToken))
                {
                    cursor = await FollowAsync(cursor, stoppingToken);
                    await Task.Delay(FollowInterval, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>A press under a card: acts when the presser is a moderator, answers either way (ephemeral), and refreshes the card.</summary>
    public async Task PressAsync(ChatSender from, string action, long eventId, DiscordInteractionReplies replies, CancellationToken ct)
    {
        if (!moderators.IsModerator(ModeratorDirectory.Discord, from.UserId))
        {
            LogRefused(from.UserId, action, eventId);
            await replies.AcknowledgeAsync(NotModerator, ct);
            return;
        }

        if (action == DiscordModeratorCard.Reject)
        {
            await replies.ModalAsync(
                DiscordModeratorCard.Data(DiscordModeratorCard.Reject, eventId),
                "Reject event #" + eventId.ToString(CultureInfo.InvariantCulture) + " · رفض",
                "Reason · السبب",
                ModerationService.MaxReasonLength,
                ct);
            return;
        }

        var who = ModeratorDirectory.Identity(ModeratorDirectory.Discord, from.UserId);
        ModerationResult result;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var moderation = scope.ServiceProvider.GetRequiredService<ModerationService>();
            switch (action)
            {
                case DiscordModeratorCard.Confirm:
                    result = await moderation.ConfirmAsync(eventId, who, ct);
                    break;
                case DiscordModeratorCard.Claim:
                    result = await moderation.ClaimAsync(eventId, who, ct);
                    break;
                default:
                    var linked = await scope.ServiceProvider.GetRequiredService<AlertBotDb>().Events.AsNoTracking()
                        .Where(e => e.Id == eventId).Select(e => e.LinkedEventId).SingleOrDefaultAsync(ct);
                    result = linked is { } into
                        ? await moderation.MergeAsync(eventId, into, who, ct)
                        : ModerationResult.Fail(ModerationFailureKind.Invalid, "This event is linked to no other event.");
                    break;
            }
        }

        await replies.AcknowledgeAsync(Notice(result), ct);
        await RefreshAsync(eventId, ct);
    }

    /// <summary>The reject modal was submitted: the event is rejected with its reason, when the one submitting is a moderator.</summary>
    public async Task RejectAsync(ChatSender from, long eventId, string reason, DiscordInteractionReplies replies, CancellationToken ct)
    {
        if (!moderators.IsModerator(ModeratorDirectory.Discord, from.UserId))
        {
            LogRefused(from.UserId, DiscordModeratorCard.Reject, eventId);
            await replies.AcknowledgeAsync(NotModerator, ct);
            return;
        }

        ModerationResult result;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var cut = reason.Length > ModerationService.MaxReasonLength ? reason[..ModerationService.MaxReasonLength] : reason;
            result = await scope.ServiceProvider.GetRequiredService<ModerationService>()
                .RejectAsync(eventId, ModeratorDirectory.Identity(ModeratorDirectory.Discord, from.UserId), cut, ct);
        }

        await replies.AcknowledgeAsync(Notice(result), ct);
        await RefreshAsync(eventId, ct);
    }

    /// <summary>Posts the event's card, or edits the card it has to show the event as it is now.</summary>
    public async Task RefreshAsync(long eventId, CancellationToken ct)
    {
        if (Chat is not { } chat)
        {
            return;
        }

        // One at a time in this process: a card being posted is found by the next refresh, never posted twice.
        await _refreshing.WaitAsync(ct);
        try
        {
            await RefreshAsync(chat, eventId, ct);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private static string Notice(ModerationResult result) => result switch
    {
        { Succeeded: false } => result.Failure!.Message,
        { AwaitingSecondModerator: true } => AwaitingSecond,
        _ => Done,
    };

    private async Task RefreshAsync(ChatRef chat, long eventId, CancellationToken ct)
    {
        Event? e;
        await using (var db = dbFactory.Create())
        {
            e = await db.Events.AsNoTracking().Include(x => x.Reports.OrderBy(r => r.Id)).AsSplitQuery().SingleOrDefaultAsync(x => x.Id == eventId, ct);
        }

        if (e is null)
        {
            return;
        }

        var card = DiscordModeratorCard.Render(e, gazetteer, time.GetUtcNow());
        var messageId = await CardOfAsync(eventId, ct);
        if (messageId is null)
        {
            if (e.Status == EventStatus.Pending)
            {
                await sender.SendAsync(chat, card, ct);
            }

            return;
        }

        try
        {
            await sender.EditAsync(chat, messageId, card, ct);
        }
        catch (PlatformException ex) when (ex.Failure == PlatformFailure.MessageGone)
        {
            // Deleted by someone in the channel: a pending event gets a new card.
            if (e.Status == EventStatus.Pending)
            {
                await sender.SendAsync(chat, card, ct);
            }
        }
    }

    private async Task<long> FollowAsync(long cursor, CancellationToken ct)
    {
        List<(long Id, long EventId)> entries;
        await using (var db = dbFactory.Create())
        {
            entries = (await db.AuditEntries.AsNoTracking()
                .Where(a => a.Id > cursor && a.EventId != null)
                .OrderBy(a => a.Id)
                .Take(500)
                .Select(a => new { a.Id, a.EventId })
                .ToListAsync(ct)).ConvertAll(a => (a.Id, a.EventId!.Value));
        }

        foreach (var eventId in entries.Select(a => a.EventId).Distinct())
        {
            await RefreshAsync(eventId, ct);
        }

        return entries.Count == 0 ? cursor : entries[^1].Id;
    }

    private async Task CatchUpAsync(CancellationToken ct)
    {
        List<long> pending;
        List<string> withButtons;
        await using (var db = dbFactory.Create())
        {
            pending = await db.Events.AsNoTracking().Where(e => e.Status == EventStatus.Pending)
                .OrderByDescending(e => e.Id).Take(CatchUpLimit).Select(e => e.Id).ToListAsync(ct);
            withButtons = await CardsQuery(db).Select(m => m.ButtonsJson).ToListAsync(ct);
        }

        var carded = withButtons.Select(EventOfButtons).OfType<long>();
        foreach (var eventId in pending.Concat(carded).Distinct().Order())
        {
            await RefreshAsync(eventId, ct);
        }
    }

    /// <summary>The card of an event: the moderators' channel message whose buttons act on it.</summary>
    private async Task<string?> CardOfAsync(long eventId, CancellationToken ct)
    {
        var marker = "\"" + DiscordModeratorCard.Data(DiscordModeratorCard.Confirm, eventId) + "\"";
        await using var db = dbFactory.Create();
        return await CardsQuery(db).Where(m => m.ButtonsJson.Contains(marker)).OrderByDescending(m => m.Id).Select(m => m.MessageId).FirstOrDefaultAsync(ct);
    }

    private IQueryable<IssuedMenu> CardsQuery(AlertBotDb db)
    {
        var chatId = Chat!.ChatId;
        return db.IssuedMenus.AsNoTracking()
            .Where(m => m.Platform == DiscordPlatform.PlatformName && m.ChatId == chatId && m.ButtonsJson.Contains("\"" + DiscordModeratorCard.Confirm + ":"));
    }

    private static long? EventOfButtons(string buttonsJson)
    {
        var at = buttonsJson.IndexOf("\"" + DiscordModeratorCard.Confirm + ":", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + DiscordModeratorCard.Confirm.Length + 2;
        var end = buttonsJson.IndexOf('"', start);
        return end > start && long.TryParse(buttonsJson.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private async Task<long> LastAuditIdAsync(CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id, ct) ?? 0;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord: the moderators' cards stopped for a moment; they catch up")]
    private partial void LogFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: user {UserId}, not a moderator, pressed {Action} on event {EventId}; refused")]
    private partial void LogRefused(string userId, string action, long eventId);
}
