using AlertBot.Core.Platforms;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AlertBot.Core.Routing;

/// <summary>
/// What platforms tell of a chat's life, handled the same way for every adapter: the bot added to a group or channel
/// (and by whom), removed, blocked and unblocked by a user, and the chat moved to a new id (Telegram's group →
/// supergroup), which the recipient follows with its subscriptions, settings, sent-message registry and menus.
/// </summary>
public sealed partial class ChatLifecycle(AlertBotDb db, SubscriptionService subscriptions, TimeProvider time, ILogger<ChatLifecycle> logger)
    : IChatMigrations
{
    public const string RemovedReason = "the bot was removed from the chat";
    public const string BlockedReason = "the user blocked the bot";

    /// <summary>
    /// The recipient of a chat, made at its first contact (a message, a press, the bot added to it) with the kind and
    /// thread the platform told and the given language. Another instance making the same chat at the same moment loses
    /// nothing: the unique (platform, chat id) keeps one row, and the loser reads the winner's.
    /// </summary>
    public async Task<Recipient> GetOrCreateAsync(ChatRef chat, ChatLanguage language, string? addedByUserId, CancellationToken ct)
    {
        if (await FindAsync(chat.Platform, chat.ChatId, ct) is { } existing)
        {
            return existing;
        }

        var recipient = new Recipient
        {
            Platform = chat.Platform,
            ChatId = chat.ChatId,
            Kind = chat.Kind,
            ThreadId = chat.ThreadId,
            Language = language,
            AddedByUserId = addedByUserId,
            CreatedAt = time.GetUtcNow(),
        };
        db.Recipients.Add(recipient);
        try
        {
            await db.SaveChangesAsync(ct);
            return recipient;
        }
        catch (DbUpdateException)
        {
            db.Entry(recipient).State = EntityState.Detached;
            return await FindAsync(chat.Platform, chat.ChatId, ct)
                ?? throw new InvalidOperationException($"Recipient {chat.Platform}:{chat.ChatId} could be neither created nor found.");
        }
    }

    /// <summary>The bot was added to a chat: its recipient exists (active) with the kind the platform told, and who added it.</summary>
    public async Task<Recipient> AddedAsync(ChatRef chat, string? byUserId, CancellationToken ct)
    {
        var recipient = await GetOrCreateAsync(chat, ChatLanguage.Both, byUserId, ct);
        if (recipient.AddedByUserId != byUserId && byUserId is not null)
        {
            recipient.AddedByUserId = byUserId;
            await db.SaveChangesAsync(ct);
        }

        if (!recipient.Active)
        {
            await subscriptions.ReactivateAsync(recipient, ct);
        }

        return recipient;
    }

    /// <summary>The bot was removed from a group or channel: nothing more is sent there until it is added again.</summary>
    public Task RemovedAsync(ChatRef chat, CancellationToken ct) => DeactivateAsync(chat, RemovedReason, ct);

    /// <summary>A user blocked the bot in their private chat.</summary>
    public Task BlockedAsync(ChatRef chat, CancellationToken ct) => DeactivateAsync(chat, BlockedReason, ct);

    /// <summary>A user unblocked the bot: alerts resume with the subscriptions they had.</summary>
    public async Task UnblockedAsync(ChatRef chat, CancellationToken ct)
    {
        if (await FindAsync(chat.Platform, chat.ChatId, ct) is { Active: false } recipient)
        {
            await subscriptions.ReactivateAsync(recipient, ct);
        }
    }

    /// <summary>
    /// The chat now lives at <paramref name="toChatId"/>. The recipient row keeps its id, so its subscriptions, settings,
    /// outbox and sent-message registry follow it. If the new id already has a recipient of its own (it wrote to the
    /// bot before the old id was retired), that one is kept and the old one is deactivated, saying where it went.
    /// </summary>
    public async Task MovedAsync(string platform, string fromChatId, string toChatId, CancellationToken ct)
    {
        var recipient = await FindAsync(platform, fromChatId, ct);
        if (recipient is null)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await FindAsync(platform, toChatId, ct) is { } there)
        {
            await transaction.RollbackAsync(ct);

            // The recipient itself: another send to this chat learned of the same move and committed it after this one
            // read the old id, so it is already where it belongs.
            if (there.Id == recipient.Id) return;

            LogMovedOntoExisting(platform, fromChatId, toChatId);
            await subscriptions.DeactivateAsync(recipient.Id, $"the chat moved to {toChatId}, which has its own settings", ct);
            return;
        }

        recipient.ChatId = toChatId;
        await db.SaveChangesAsync(ct);
        await IssuedButtons.MoveAsync(db, platform, fromChatId, toChatId, ct);
        await transaction.CommitAsync(ct);
        LogMoved(platform, fromChatId, toChatId);
    }

    private async Task DeactivateAsync(ChatRef chat, string reason, CancellationToken ct)
    {
        if (await FindAsync(chat.Platform, chat.ChatId, ct) is { Active: true } recipient)
        {
            await subscriptions.DeactivateAsync(recipient.Id, reason, ct);
        }
    }

    private Task<Recipient?> FindAsync(string platform, string chatId, CancellationToken ct) =>
        db.Recipients.SingleOrDefaultAsync(r => r.Platform == platform && r.ChatId == chatId, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Platform}: chat {FromChatId} moved to {ToChatId}; its recipient, subscriptions and registry moved with it")]
    private partial void LogMoved(string platform, string fromChatId, string toChatId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform}: chat {FromChatId} moved to {ToChatId}, which already has a recipient; the old one is deactivated")]
    private partial void LogMovedOntoExisting(string platform, string fromChatId, string toChatId);
}
