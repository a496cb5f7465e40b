using System.Globalization;
using System.Text.Json;
using AlertBot.Core.Conversation;
using AlertBot.Core.Events;
using AlertBot.Core.Platforms;
using AlertBot.Core.Rendering;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace AlertBot.Telegram;

/// <summary>What became of one update: handled, skipped (unhandled kind, malformed, not for this bot), or failed while handling.</summary>
public enum UpdateOutcome
{
    Handled,
    Skipped,
    Failed,
}

/// <summary>
/// Turns each Telegram update into the port's records and hands it on in a fresh DI scope: texts and button presses
/// to <see cref="ConversationService"/> (with a <see cref="ChatReplies"/> for the turn), the bot's own membership
/// changes (<c>my_chat_member</c>) and group migrations to <see cref="ChatLifecycle"/>. Every update is handled alone:
/// a malformed, huge or unknown one is logged and skipped, and a failure in one never stops the next.
/// </summary>
public sealed partial class TelegramInbound(
    IServiceScopeFactory scopes,
    MessageSender sender,
    ChatPlatforms platforms,
    IssuedButtons issuedButtons,
    TelegramModeratorCards cards,
    TelegramManagedChats managedChats,
    TelegramBotIdentity identity,
    ModeratorDirectory moderators,
    TelegramMetrics metrics,
    ILogger<TelegramInbound> logger)
{
    /// <summary>The update kinds the bot asks for (getUpdates and setWebhook <c>allowed_updates</c>).</summary>
    public static readonly IReadOnlyList<string> AllowedUpdates = ["message", "channel_post", "callback_query", "my_chat_member"];

    /// <summary>An update larger than this (raw JSON characters) is skipped unread; Telegram's own are far smaller.</summary>
    public const int MaxUpdateLength = 256 * 1024;

    /// <summary>The update's id, when it has a readable one (the poller's offset moves past it either way).</summary>
    public static long? IdOf(JsonElement raw) =>
        raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("update_id", out var id) && id.TryGetInt64(out var value) ? value : null;

    /// <summary>Reads and handles one raw update; never throws but for cancellation.</summary>
    public async Task<UpdateOutcome> HandleAsync(JsonElement raw, CancellationToken ct)
    {
        var id = IdOf(raw);
        var length = raw.ValueKind == JsonValueKind.Undefined ? 0 : raw.GetRawText().Length;
        if (length > MaxUpdateLength)
        {
            metrics.Received("too_large");
            LogTooLarge(id, length);
            return UpdateOutcome.Skipped;
        }

        Update? update;
        try
        {
            update = raw.Deserialize<Update>(JsonBotAPI.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException or ArgumentException)
        {
            update = null;
            LogMalformed(ex, id);
        }

        if (update is null)
        {
            metrics.Received("malformed");
            metrics.Error("malformed_update");
            return UpdateOutcome.Skipped;
        }

        var kind = update.Type == UpdateType.Unknown ? "unknown" : JsonNamingPolicy.SnakeCaseLower.ConvertName(update.Type.ToString());
        metrics.Received(kind);
        try
        {
            return await HandleAsync(update, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            metrics.Error("handler");
            LogHandlerFailed(ex, update.Id, kind);
            return UpdateOutcome.Failed;
        }
    }

    private Task<UpdateOutcome> HandleAsync(Update update, CancellationToken ct) => update switch
    {
        { Message: { } message } => MessageAsync(message, ct),
        { ChannelPost: { } post } => MessageAsync(post, ct),
        { CallbackQuery: { } press } => PressAsync(press, ct),
        { MyChatMember: { } membership } => MembershipAsync(membership, ct),
        _ => Skip(update),
    };

    private Task<UpdateOutcome> Skip(Update update)
    {
        LogUnhandled(update.Id, update.Type);

        return Task.FromResult(UpdateOutcome.Skipped);
    }

    private async Task<UpdateOutcome> MessageAsync(Message message, CancellationToken ct)
    {
        if (message.MigrateToChatId is { } to)
        {
            await MovedAsync(message.Chat.Id, to, ct);
            return UpdateOutcome.Handled;
        }

        if (message.MigrateFromChatId is { } migratedFrom)
        {
            await MovedAsync(migratedFrom, message.Chat.Id, ct);
            return UpdateOutcome.Handled;
        }

        if (ChatOf(message) is not { } chat)
        {
            LogUnhandledChat(message.Chat.Type);
            return UpdateOutcome.Skipped;
        }

        var text = message.Text ?? message.Caption;
        var sentByChat = message.SenderChat is { } senderChat && senderChat.Id == message.Chat.Id;
        var userId = message.From?.Id ?? (sentByChat ? message.Chat.Id : (long?)null);
        if (userId is null)
        {
            return UpdateOutcome.Skipped;
        }

        var author = new ChatSender(UserIdOf(userId.Value), IsChat: sentByChat, LanguageCode: message.From?.LanguageCode);
        if (cards.IsModeratorChat(chat) && message.ReplyToMessage is { From.IsBot: true } replied && text is { Length: > 0 } && !text.StartsWith('/')
            && await cards.ReplyAsync(chat, author, replied.MessageId.ToString(CultureInfo.InvariantCulture), text, ct))
        {
            return UpdateOutcome.Handled;
        }

        if (chat.Kind == ChatKind.Private && IsCommand(text, TelegramManagedChats.Command))
        {
            await managedChats.ListAsync(chat, author, ct);
            return UpdateOutcome.Handled;
        }

        // A command sent as a reply to what the bot sent on behalf of a managed chat runs in that chat.
        if (chat.Kind == ChatKind.Private && message.ReplyToMessage is { From.IsBot: true } managedMessage && text is not null && text.StartsWith('/')
            && await managedChats.ManagedByAsync(chat, managedMessage.MessageId.ToString(CultureInfo.InvariantCulture), ct) is { } managed)
        {
            await managedChats.TextAsync(chat, managed, author, text, ct);
            return UpdateOutcome.Handled;
        }

        if (chat.Kind == ChatKind.Private && message.ForwardOrigin is MessageOriginChannel origin)
        {
            await FileForwardedPostAsync(chat, author, origin, text, ct);
            return UpdateOutcome.Handled;
        }

        if (chat.Kind != ChatKind.Private)
        {
            // In groups and channels the bot answers commands only, and only those addressed to it (or to no bot).
            if (text is null || !text.StartsWith('/') || !IsForThisBot(text))
            {
                return UpdateOutcome.Skipped;
            }
        }

        var from = author;

        // Stickers, photos without a caption: the conversation answers that it understands commands.
        var turn = new IncomingText(chat, from, text ?? string.Empty);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConversationService>().HandleTextAsync(turn, new ChatReplies(sender, platforms, chat, from), ct);
        if (chat.ThreadId is { } topic && IsCommand(text, "/subscribe"))
        {
            await FollowTopicAsync(scope.ServiceProvider.GetRequiredService<AlertBotDb>(), chat, from, topic, ct);
        }

        return UpdateOutcome.Handled;
    }

    /// <summary>
    /// A moderator or curator forwards a channel's post to the bot: it is filed as a report of that channel (its
    /// <c>t.me</c> link as the URL), and the bot answers with what became of it. Anyone else is told they cannot.
    /// </summary>
    private async Task FileForwardedPostAsync(ChatRef chat, ChatSender from, MessageOriginChannel origin, string? text, CancellationToken ct)
    {
        string answer;
        if (!moderators.MayFileReports(ModeratorDirectory.Telegram, from.UserId))
        {
            answer = TelegramTexts.ForwardNotAllowed;
        }
        else if (string.IsNullOrWhiteSpace(text))
        {
            answer = TelegramTexts.ForwardWithoutText;
        }
        else
        {
            var channel = origin.Chat;
            var source = channel.Title ?? channel.Username ?? channel.Id.ToString(CultureInfo.InvariantCulture);
            var submission = new ReportSubmission(
                source.Length > ReportIngestor.MaxSourceLength ? source[..ReportIngestor.MaxSourceLength] : source,
                PostLink(channel, origin.MessageId),
                Title: null,
                text,
                Language: null,
                PublishedAt: origin.Date == default ? null : new DateTimeOffset(DateTime.SpecifyKind(origin.Date, DateTimeKind.Utc)),
                SubmittedBy: ModeratorDirectory.Identity(ModeratorDirectory.Telegram, from.UserId));
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ReportIngestor>().IngestAsync(submission, ct);
                answer = TelegramTexts.Filed(result);
                LogFiled(from.UserId, source, result.ReportId, result.EventId);
            }
            catch (ReportRejectedException ex)
            {
                answer = TelegramTexts.NotFiled(ex.Message);
            }
        }

        await sender.SendAsync(chat, new OutgoingMessage(answer), ct);
    }

    /// <summary>The post's public link: <c>t.me/&lt;username&gt;/&lt;id&gt;</c>, or <c>t.me/c/&lt;internal id&gt;/&lt;id&gt;</c> for a private channel.</summary>
    private static string PostLink(Chat channel, int messageId)
    {
        var post = messageId.ToString(CultureInfo.InvariantCulture);
        if (channel.Username is { Length: > 0 } username)
        {
            return $"https://t.me/{username}/{post}";
        }

        var id = channel.Id.ToString(CultureInfo.InvariantCulture);
        return $"https://t.me/c/{(id.StartsWith("-100", StringComparison.Ordinal) ? id[4..] : id.TrimStart('-'))}/{post}";
    }

    /// <summary>
    /// A forum supergroup's alerts go to the topic where an admin last subscribed; the chat's recipient was made when
    /// the bot was added (no topic yet), so the topic is taken from that admin's command.
    /// </summary>
    private async Task FollowTopicAsync(AlertBotDb db, ChatRef chat, ChatSender from, string topic, CancellationToken ct)
    {
        var recipient = await db.Recipients.SingleOrDefaultAsync(r => r.Platform == chat.Platform && r.ChatId == chat.ChatId, ct);
        if (recipient is null || recipient.ThreadId == topic)
        {
            return;
        }

        if (from.IsChat || (await sender.GetMemberRightsAsync(chat, from.UserId, ct)).IsAdmin)
        {
            recipient.ThreadId = topic;
            await db.SaveChangesAsync(ct);
            LogTopicChosen(chat.ChatId, topic);
        }
    }

    private async Task<UpdateOutcome> PressAsync(CallbackQuery query, CancellationToken ct)
    {
        var message = query.Message;
        var chat = message is null || message.Date == default ? null : ChatOf(message);
        var from = new ChatSender(UserIdOf(query.From.Id), LanguageCode: query.From.LanguageCode);
        if (chat is null || string.IsNullOrEmpty(query.Data))
        {
            // A press on a message the bot can no longer see (or without data): answered, changing nothing.
            var anywhere = new ChatRef(TelegramPlatform.PlatformName, from.UserId, ChatKind.Private);
            await sender.AnswerButtonAsync(anywhere, query.Id, BotTexts.StaleButton.For(ChatLanguage.En), ct);
            return UpdateOutcome.Skipped;
        }

        var pressedId = message!.MessageId.ToString(CultureInfo.InvariantCulture);
        if (cards.IsModeratorChat(chat)
            && await issuedButtons.ResolveAsync(chat, pressedId, query.Data, ct) is { } issued
            && ModeratorCard.TryParse(issued, out var action, out var eventId))
        {
            await cards.PressAsync(chat, from, query.Id, action, eventId, ct);
            return UpdateOutcome.Handled;
        }

        if (chat.Kind == ChatKind.Private)
        {
            if (await managedChats.ManagedByAsync(chat, pressedId, ct) is { } managed)
            {
                await managedChats.PressAsync(chat, managed, from, pressedId, query.Data, query.Id, ct);
                return UpdateOutcome.Handled;
            }

            if (await issuedButtons.ResolveAsync(chat, pressedId, query.Data, ct) is { } picked && picked.StartsWith(TelegramManagedChats.PickData, StringComparison.Ordinal))
            {
                await managedChats.PickAsync(chat, from, picked[TelegramManagedChats.PickData.Length..], query.Id, ct);
                return UpdateOutcome.Handled;
            }
        }

        var replies = new AnsweredReplies(new ChatReplies(sender, platforms, chat, from, query.Id, pressedId));
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ConversationService>()
                .HandlePressAsync(new ButtonPress(chat, from, pressedId, query.Data, query.Id), replies, ct);
        }
        finally
        {
            // Every press is answered, so the user's spinner stops even when handling failed.
            if (!replies.Acknowledged)
            {
                await AnswerQuietlyAsync(chat, query.Id, ct);
            }
        }

        return UpdateOutcome.Handled;
    }

    private async Task AnswerQuietlyAsync(ChatRef chat, string pressId, CancellationToken ct)
    {
        try
        {
            await sender.AnswerButtonAsync(chat, pressId, null, ct);
        }
        catch (PlatformException ex)
        {
            LogAnswerFailed(pressId, ex.Message);
        }
    }

    private async Task<UpdateOutcome> MembershipAsync(ChatMemberUpdated update, CancellationToken ct)
    {
        var chat = KindOf(update.Chat.Type) is { } kind ? new ChatRef(TelegramPlatform.PlatformName, UserIdOf(update.Chat.Id), kind) : null;
        if (chat is null)
        {
            return UpdateOutcome.Skipped;
        }

        await using var scope = scopes.CreateAsyncScope();
        var lifecycle = scope.ServiceProvider.GetRequiredService<ChatLifecycle>();
        var member = update.NewChatMember;
        var by = UserIdOf(update.From.Id);
        if (chat.Kind == ChatKind.Private)
        {
            // A private chat's my_chat_member tells that the user blocked (kicked) or unblocked the bot.
            if (member.Status == ChatMemberStatus.Kicked)
            {
                await lifecycle.BlockedAsync(chat, ct);
                LogBlocked(chat.ChatId);
            }
            else if (member.Status == ChatMemberStatus.Member)
            {
                await lifecycle.UnblockedAsync(chat, ct);
            }

            return UpdateOutcome.Handled;
        }

        var canPost = member switch
        {
            ChatMemberOwner => true,
            ChatMemberAdministrator admin => chat.Kind != ChatKind.Channel || admin.CanPostMessages,
            ChatMemberMember => chat.Kind != ChatKind.Channel,
            ChatMemberRestricted restricted => restricted.IsMember && restricted.CanSendMessages,
            _ => false,
        };
        var present = member.Status is not (ChatMemberStatus.Left or ChatMemberStatus.Kicked);
        if (canPost)
        {
            await lifecycle.AddedAsync(chat, by, ct);
            LogAdded(chat.ChatId, chat.Kind, by);
            return UpdateOutcome.Handled;
        }

        await lifecycle.RemovedAsync(chat, ct);
        LogRemoved(chat.ChatId, present);
        if (present)
        {
            // In the chat but unable to post (a channel that did not give the right): tell the admin who did it.
            await TellAdminAsync(by, TelegramTexts.CannotPost(update.Chat.Title ?? chat.ChatId), ct);
        }

        return UpdateOutcome.Handled;
    }

    private async Task TellAdminAsync(string userId, Bilingual text, CancellationToken ct)
    {
        var chat = new ChatRef(TelegramPlatform.PlatformName, userId, ChatKind.Private);
        try
        {
            await sender.SendAsync(chat, new OutgoingMessage(text.For(ChatLanguage.Both)), ct);
        }
        catch (PlatformException ex)
        {
            // The admin never opened a private chat with the bot: Telegram refuses, nothing more can be done.
            LogAdminUnreachable(userId, ex.Message);
        }
    }

    private async Task MovedAsync(long fromChatId, long toChatId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChatLifecycle>()
            .MovedAsync(TelegramPlatform.PlatformName, UserIdOf(fromChatId), UserIdOf(toChatId), ct);
    }

    private bool IsForThisBot(string text)
    {
        var end = text.IndexOfAny([' ', '\n', '\t']);
        var command = end < 0 ? text : text[..end];
        var at = command.IndexOf('@', StringComparison.Ordinal);
        return at < 0 || identity.Username is not { } name || string.Equals(command[(at + 1)..], name, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsCommand(string? text, string command) =>
        text is not null && text.StartsWith(command, StringComparison.OrdinalIgnoreCase)
        && (text.Length == command.Length || text[command.Length] is ' ' or '@' or '\n');

    private static ChatRef? ChatOf(Message message)
    {
        if (KindOf(message.Chat.Type) is not { } kind)
        {
            return null;
        }

        var topic = message.IsTopicMessage && message.MessageThreadId is { } thread ? thread.ToString(CultureInfo.InvariantCulture) : null;
        return new ChatRef(TelegramPlatform.PlatformName, UserIdOf(message.Chat.Id), kind, topic);
    }

    private static ChatKind? KindOf(ChatType type) => type switch
    {
        ChatType.Private => ChatKind.Private,
        ChatType.Group or ChatType.Supergroup => ChatKind.Group,
        ChatType.Channel => ChatKind.Channel,
        _ => null,
    };

    private static string UserIdOf(long id) => id.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: update {UpdateId} is {Length} characters long; skipped")]
    private partial void LogTooLarge(long? updateId, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: update {UpdateId} could not be read; skipped")]
    private partial void LogMalformed(Exception ex, long? updateId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: update {UpdateId} ({Kind}) is not one the bot handles; skipped")]
    private partial void LogUnhandled(long updateId, UpdateType kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: a message in a chat of type {ChatType}; skipped")]
    private partial void LogUnhandledChat(ChatType chatType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram: handling update {UpdateId} ({Kind}) failed; the next ones go on")]
    private partial void LogHandlerFailed(Exception ex, long updateId, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: the bot was added to chat {ChatId} ({Kind}) by {UserId}")]
    private partial void LogAdded(string chatId, ChatKind kind, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: the bot can no longer post in chat {ChatId} (still a member: {Present}); nothing more is sent there")]
    private partial void LogRemoved(string chatId, bool present);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: user {ChatId} blocked the bot")]
    private partial void LogBlocked(string chatId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: chat {ChatId} now receives its alerts in topic {Topic}")]
    private partial void LogTopicChosen(string chatId, string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: moderator {UserId} forwarded a post of {Source}: report {ReportId}, event {EventId}")]
    private partial void LogFiled(string userId, string source, long reportId, long? eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: answering button press {PressId} failed ({Reason})")]
    private partial void LogAnswerFailed(string pressId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: could not tell admin {UserId} privately ({Reason})")]
    private partial void LogAdminUnreachable(string userId, string reason);

    /// <summary>The turn's replies, remembering whether the press was acknowledged.</summary>
    private sealed class AnsweredReplies(ChatReplies inner) : IReplyContext
    {
        public bool Acknowledged { get; private set; }

        public Task ReplyAsync(OutgoingMessage message, CancellationToken ct) => inner.ReplyAsync(message, ct);

        public Task ShowAsync(OutgoingMessage message, CancellationToken ct) => inner.ShowAsync(message, ct);

        public async Task AcknowledgeAsync(string? notice, CancellationToken ct)
        {
            await inner.AcknowledgeAsync(notice, ct);
            Acknowledged = true;
        }

        public Task ReplyPrivatelyAsync(OutgoingMessage message, CancellationToken ct) => inner.ReplyPrivatelyAsync(message, ct);
    }
}
