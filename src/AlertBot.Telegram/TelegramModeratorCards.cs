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

namespace AlertBot.Telegram;

/// <summary>
/// The moderators' chat (<c>Telegram:ModeratorChatId</c>): every pending event arrives as a <see cref="ModeratorCard"/>,
/// and its card is edited whenever the event changes, whatever surface changed it (console, API, a card), because the
/// card follows the audit log. Presses act as the presser's moderator identity (<c>telegram:&lt;id&gt;</c>); presses of
/// anyone not in <c>Moderation:Moderators</c> are refused and answered. Reject asks for the reason as a reply to the
/// card. One process of a deployment posts the cards (its own lock in the dispatcher's election).
/// </summary>
public sealed partial class TelegramModeratorCards(
    AlertBotDbFactory dbFactory,
    IServiceScopeFactory scopes,
    MessageSender sender,
    Gazetteer gazetteer,
    ModeratorDirectory moderators,
    DispatchLeadership leadership,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramModeratorCards> logger) : BackgroundService
{
    /// <summary>The cards' advisory lock ("AlertTgC").</summary>
    public const long CardsLockKey = 0x416C_6572_7454_6743;

    public static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refreshing = new(1, 1);

    /// <summary>At start, pending events without a card get one, newest first, up to this many.</summary>
    public const int CatchUpLimit = 100;

    public static readonly string NotModerator = "Only moderators can do this. · هذا للمشرفين فقط.";
    public static readonly string AskReason = "Reply to this card with the reason for rejecting. · ردّ على هذه البطاقة بسبب الرفض.";

    /// <summary>The moderators' chat, when one is configured.</summary>
    public ChatRef? Chat => options.Value.ModeratorChatId is { } id
        ? new ChatRef(TelegramPlatform.PlatformName, id.ToString(CultureInfo.InvariantCulture), ChatKind.Group)
        : null;

    public bool IsModeratorChat(ChatRef chat) => Chat is { } moderatorChat && moderatorChat.ChatId == chat.ChatId;

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

    /// <summary>A press under a card: acts when the presser is a moderator, answers either way, and refreshes the card.</summary>
    public async Task PressAsync(ChatRef chat, ChatSender from, string pressId, string action, long eventId, CancellationToken ct)
    {
        if (!moderators.IsModerator(ModeratorDirectory.Telegram, from.UserId))
        {
            LogRefused(from.UserId, action, eventId);
            await sender.AnswerButtonAsync(chat, pressId, NotModerator, ct);
            return;
        }

        var who = ModeratorDirectory.Identity(ModeratorDirectory.Telegram, from.UserId);
        string notice;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var moderation = scope.ServiceProvider.GetRequiredService<ModerationService>();
            ModerationResult? result = null;
            switch (action)
            {
                case ModeratorCard.Confirm:
                    result = await moderation.ConfirmAsync(eventId, who, ct);
                    break;
                case ModeratorCard.Claim:
                    result = await moderation.ClaimAsync(eventId, who, ct);
                    break;
                case ModeratorCard.Merge:
                    var linked = await scope.ServiceProvider.GetRequiredService<AlertBotDb>().Events.AsNoTracking()
                        .Where(e => e.Id == eventId).Select(e => e.LinkedEventId).SingleOrDefaultAsync(ct);
                    result = linked is { } into
                        ? await moderation.MergeAsync(eventId, into, who, ct)
                        : ModerationResult.Fail(ModerationFailureKind.Invalid, "This event is linked to no other event.");
                    break;
            }

            notice = result switch
            {
                null => AskReason,
                { Succeeded: false } => result.Failure!.Message,
                { AwaitingSecondModerator: true } => "Confirmed once; a second moderator must confirm. · بانتظار تأكيد مشرف ثانٍ.",
                _ => "Done. · تم.",
            };
        }

        await sender.AnswerButtonAsync(chat, pressId, notice, ct);
        await RefreshAsync(eventId, ct);
    }

    /// <summary>A moderator replied to a card: the reply is the reason of a rejection.</summary>
    public async Task<bool> ReplyAsync(ChatRef chat, ChatSender from, string repliedToMessageId, string text, CancellationToken ct)
    {
        if (await EventOfCardAsync(repliedToMessageId, ct) is not { } eventId)
        {
            return false;
        }

        if (!moderators.IsModerator(ModeratorDirectory.Telegram, from.UserId))
        {
            await sender.SendAsync(chat, new OutgoingMessage(NotModerator) { ReplyToMessageId = repliedToMessageId }, ct);
            return true;
        }

        ModerationResult result;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var reason = text.Length > ModerationService.MaxReasonLength ? text[..ModerationService.MaxReasonLength] : text;
            result = await scope.ServiceProvider.GetRequiredService<ModerationService>()
                .RejectAsync(eventId, ModeratorDirectory.Identity(ModeratorDirectory.Telegram, from.UserId), reason, ct);
        }

        if (!result.Succeeded)
        {
            await sender.SendAsync(chat, new OutgoingMessage(result.Failure!.Message) { ReplyToMessageId = repliedToMessageId }, ct);
        }

        await RefreshAsync(eventId, ct);
        return true;
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

        var card = ModeratorCard.Render(e, gazetteer, time.GetUtcNow());
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
            // Deleted by someone in the chat: a pending event gets a new card.
            if (e.Status == EventStatus.Pending)
            {
                await sender.SendAsync(chat, card, ct);
            }
        }
    }

    /// <summary>Refreshes the card of every event the audit log mentions after <paramref name="cursor"/>; returns the new cursor.</summary>
    private async Task<long> FollowAsync(long cursor, CancellationToken ct)
    {
        List<(long Id, long? EventId, string Action, string? Detail)> entries;
        await using (var db = dbFactory.Create())
        {
            entries = (await db.AuditEntries.AsNoTracking()
                .Where(a => a.Id > cursor && (a.EventId != null || a.Action == ModerationActions.SourceDisabled))
                .OrderBy(a => a.Id)
                .Take(500)
                .Select(a => new { a.Id, a.EventId, a.Action, a.Detail })
                .ToListAsync(ct)).ConvertAll(a => (a.Id, a.EventId, a.Action, a.Detail));
        }

        foreach (var eventId in entries.Select(a => a.EventId).OfType<long>().Distinct())
        {
            await RefreshAsync(eventId, ct);
        }

        foreach (var disabled in entries.Where(a => a.Action == ModerationActions.SourceDisabled))
        {
            await AnnounceDisabledSourceAsync(disabled.Detail ?? string.Empty, ct);
        }

        return entries.Count == 0 ? cursor : entries[^1].Id;
    }

    /// <summary>The feed watcher gave up on a failing source: the moderators hear it where they work.</summary>
    private async Task AnnounceDisabledSourceAsync(string detail, CancellationToken ct)
    {
        if (Chat is not { } chat)
        {
            return;
        }

        var text = $"⚠️ A feed source was disabled after repeated failures · أُوقف مصدر بعد إخفاقات متكررة\n{detail}\n"
            + "Check it and enable it again on the console's Sources page. · راجعه وأعد تفعيله من صفحة المصادر في لوحة التحكم.";
        await sender.SendAsync(chat, new OutgoingMessage(text.Length > 4000 ? text[..4000] : text), ct);
    }

    /// <summary>After a start or a change of leader: cards for pending events that have none, and cards still showing buttons brought up to date.</summary>
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

    /// <summary>The card of an event: the moderators' chat message whose buttons act on it.</summary>
    private async Task<string?> CardOfAsync(long eventId, CancellationToken ct)
    {
        var marker = "\"" + ModeratorCard.Data(ModeratorCard.Confirm, eventId) + "\"";
        await using var db = dbFactory.Create();
        return await CardsQuery(db).Where(m => m.ButtonsJson.Contains(marker)).OrderByDescending(m => m.Id).Select(m => m.MessageId).FirstOrDefaultAsync(ct);
    }

    private async Task<long?> EventOfCardAsync(string messageId, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var json = await CardsQuery(db).Where(m => m.MessageId == messageId).Select(m => m.ButtonsJson).FirstOrDefaultAsync(ct);
        return json is null ? null : EventOfButtons(json);
    }

    private IQueryable<IssuedMenu> CardsQuery(AlertBotDb db)
    {
        var chatId = Chat!.ChatId;
        return db.IssuedMenus.AsNoTracking()
            .Where(m => m.Platform == TelegramPlatform.PlatformName && m.ChatId == chatId && m.ButtonsJson.Contains("\"" + ModeratorCard.Confirm + ":"));
    }

    private static long? EventOfButtons(string buttonsJson)
    {
        var at = buttonsJson.IndexOf("\"" + ModeratorCard.Confirm + ":", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + ModeratorCard.Confirm.Length + 2;
        var end = buttonsJson.IndexOf('"', start);
        return end > start && long.TryParse(buttonsJson.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private async Task<long> LastAuditIdAsync(CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id, ct) ?? 0;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram: the moderators' cards stopped for a moment; they catch up")]
    private partial void LogFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: user {UserId}, not a moderator, pressed {Action} on event {EventId}; refused")]
    private partial void LogRefused(string userId, string action, long eventId);
}
