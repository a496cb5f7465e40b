using System.Globalization;
using AlertBot.Core.Conversation;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace AlertBot.Telegram;

/// <summary>
/// <c>/manage</c>: a channel (or group) configured from the admin's private chat. <c>/manage</c> lists the chats where the
/// person is an admin (asked of Telegram) and the bot is present; picking one shows that chat's menu in the private chat.
/// Everything the bot sends there on that chat's behalf is registered under the managed chat as well (message id
/// <c>via&lt;private chat&gt;:&lt;message&gt;</c>), so a press on it, or a command sent as a reply to it, acts on the managed
/// chat: the conversation then asks Telegram for the person's rights in that chat at every change, as in the chat itself.
/// Nothing is remembered per person, so it works the same on every instance.
/// </summary>
public sealed partial class TelegramManagedChats(
    AlertBotDbFactory dbFactory,
    IServiceScopeFactory scopes,
    MessageSender sender,
    IssuedButtons issuedButtons,
    TelegramClient client,
    ILogger<TelegramManagedChats> logger)
{
    public const string Command = "/manage";
    public const string PickData = "mg:";

    /// <summary>Chats whose rights are asked at one <c>/manage</c>, at most (those the person added first).</summary>
    public const int MaxCandidates = 30;

    /// <summary>The id under which a private-chat message is registered in the chat it acts for.</summary>
    public static string ViaId(ChatRef privateChat, string messageId) => $"via{privateChat.ChatId}:{messageId}";

    /// <summary>The managed chat a private-chat message acts for, when it is one the bot sent on a chat's behalf.</summary>
    public async Task<ChatRef?> ManagedByAsync(ChatRef privateChat, string messageId, CancellationToken ct)
    {
        var via = ViaId(privateChat, messageId);
        await using var db = dbFactory.Create();
        var chatId = await db.IssuedMenus.AsNoTracking()
            .Where(m => m.Platform == TelegramPlatform.PlatformName && m.MessageId == via)
            .Select(m => m.ChatId).FirstOrDefaultAsync(ct);
        if (chatId is null)
        {
            return null;
        }

        var recipient = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.Platform == TelegramPlatform.PlatformName && r.ChatId == chatId, ct);
        return recipient is { Active: true } ? recipient.ToChatRef() : null;
    }

    /// <summary><c>/manage</c>: the chats where the person is an admin and the bot is present, as buttons.</summary>
    public async Task ListAsync(ChatRef privateChat, ChatSender from, CancellationToken ct)
    {
        List<Recipient> candidates;
        await using (var db = dbFactory.Create())
        {
            candidates = await db.Recipients.AsNoTracking()
                .Where(r => r.Platform == TelegramPlatform.PlatformName && r.Kind != ChatKind.Private && r.DeactivatedAt == null)
                .OrderByDescending(r => r.AddedByUserId == from.UserId).ThenByDescending(r => r.Id)
                .Take(MaxCandidates)
                .ToListAsync(ct);
        }

        var rows = new List<IReadOnlyList<ChatButton>>();
        foreach (var recipient in candidates)
        {
            var chat = recipient.ToChatRef();
            MemberRights rights;
            try
            {
                rights = await sender.GetMemberRightsAsync(chat, from.UserId, ct);
            }
            catch (PlatformException ex)
            {
                LogRightsUnknown(chat.ChatId, ex.Message);
                continue;
            }

            if (rights.IsAdmin)
            {
                rows.Add([new ChatButton((chat.Kind == ChatKind.Channel ? "📢 " : "👥 ") + await TitleAsync(chat, ct), PickData + chat.ChatId)]);
            }
        }

        var text = rows.Count == 0 ? TelegramTexts.ManageNone : TelegramTexts.ManagePick;
        await sender.SendAsync(privateChat, new OutgoingMessage(text, rows), ct);
    }

    /// <summary>A chat picked from the <c>/manage</c> list: its rights checked again, then its menu in the private chat.</summary>
    public async Task PickAsync(ChatRef privateChat, ChatSender from, string chatId, string pressId, CancellationToken ct)
    {
        Recipient? recipient;
        await using (var db = dbFactory.Create())
        {
            recipient = await db.Recipients.AsNoTracking()
                .SingleOrDefaultAsync(r => r.Platform == TelegramPlatform.PlatformName && r.ChatId == chatId && r.Kind != ChatKind.Private && r.DeactivatedAt == null, ct);
        }

        var managed = recipient?.ToChatRef();
        if (managed is null || !(await sender.GetMemberRightsAsync(managed, from.UserId, ct)).IsAdmin)
        {
            await sender.AnswerButtonAsync(privateChat, pressId, BotTexts.NotAdmin.For(ChatLanguage.En), ct);
            return;
        }

        await sender.AnswerButtonAsync(privateChat, pressId, null, ct);
        var replies = new ManagedReplies(sender, issuedButtons, privateChat, managed);
        await replies.ReplyAsync(new OutgoingMessage(TelegramTexts.Managing(await TitleAsync(managed, ct))), ct);
        await TextAsync(managed, from, "/subscribe", replies, ct);
    }

    /// <summary>A command sent as a reply to a message the bot sent for <paramref name="managed"/>: run there.</summary>
    public Task TextAsync(ChatRef privateChat, ChatRef managed, ChatSender from, string text, CancellationToken ct) =>
        TextAsync(managed, from, text, new ManagedReplies(sender, issuedButtons, privateChat, managed), ct);

    /// <summary>A press on a message the bot sent for <paramref name="managed"/>: acts there, answered in the private chat.</summary>
    public async Task PressAsync(ChatRef privateChat, ChatRef managed, ChatSender from, string messageId, string data, string pressId, CancellationToken ct)
    {
        var replies = new ManagedReplies(sender, issuedButtons, privateChat, managed, pressId, messageId);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ConversationService>()
                .HandlePressAsync(new ButtonPress(managed, from, ViaId(privateChat, messageId), data, pressId), replies, ct);
        }
        finally
        {
            if (!replies.Acknowledged)
            {
                await sender.AnswerButtonAsync(privateChat, pressId, null, ct);
            }
        }
    }

    private async Task TextAsync(ChatRef managed, ChatSender from, string text, ManagedReplies replies, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConversationService>().HandleTextAsync(new IncomingText(managed, from, text), replies, ct);
    }

    private async Task<string> TitleAsync(ChatRef chat, CancellationToken ct)
    {
        try
        {
            var info = await TelegramErrors.CallAsync(
                () => client.Bot.GetChat(long.Parse(chat.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), ct), ct);
            return info.Title ?? info.Username ?? chat.ChatId;
        }
        catch (Exception ex) when (ex is PlatformException or System.Text.Json.JsonException)
        {
            LogTitleUnknown(chat.ChatId, ex.Message);
            return chat.ChatId;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram /manage: the rights in chat {ChatId} could not be asked ({Reason}); left out")]
    private partial void LogRightsUnknown(string chatId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram /manage: the title of chat {ChatId} could not be read ({Reason}); its id is shown")]
    private partial void LogTitleUnknown(string chatId, string reason);

    /// <summary>
    /// Replies of a turn that acts on <c>managed</c> from <c>privateChat</c>: sent to the private chat, and registered under
    /// the managed chat (with what their buttons issue) so that presses and replies find their way back.
    /// </summary>
    private sealed class ManagedReplies(
        MessageSender sender,
        IssuedButtons issuedButtons,
        ChatRef privateChat,
        ChatRef managed,
        string? pressId = null,
        string? pressedMessageId = null) : IReplyContext
    {
        /// <summary>A message without buttons is registered too, with this pair that no press can use.</summary>
        private static readonly IssuedButton Marker = new("~via", "~via");

        public bool Acknowledged { get; private set; }

        public async Task ReplyAsync(OutgoingMessage message, CancellationToken ct)
        {
            foreach (var part in ChatReplies.Split(message, ChatCapabilities.Telegram.MaxTextLength))
            {
                var (id, _) = await sender.SendAsync(privateChat, part, ct);
                await RegisterAsync(id, part, ct);
            }
        }

        public async Task ShowAsync(OutgoingMessage message, CancellationToken ct)
        {
            var parts = ChatReplies.Split(message, ChatCapabilities.Telegram.MaxTextLength);
            if (pressedMessageId is null || parts.Count > 1)
            {
                await ReplyAsync(message, ct);
                return;
            }

            await sender.EditAsync(privateChat, pressedMessageId, parts[0], ct);
            await RegisterAsync(pressedMessageId, parts[0], ct);
        }

        public async Task AcknowledgeAsync(string? notice, CancellationToken ct)
        {
            if (pressId is null || Acknowledged)
            {
                return;
            }

            await sender.AnswerButtonAsync(privateChat, pressId, notice, ct);
            Acknowledged = true;
        }

        public Task ReplyPrivatelyAsync(OutgoingMessage message, CancellationToken ct) => ReplyAsync(message, ct);

        private Task RegisterAsync(string messageId, OutgoingMessage message, CancellationToken ct)
        {
            var (_, issued) = IssuedButtons.Fit(message, ChatCapabilities.Telegram);
            return issuedButtons.RecordAsync(managed, ViaId(privateChat, messageId), issued.Count == 0 ? [Marker] : issued, ct);
        }
    }
}
