using System.Globalization;
using AlertBot.Core.Platforms;
using AlertBot.Core.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Extensions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace AlertBot.Telegram;

/// <summary>
/// Telegram through the port: every message goes as <c>parse_mode=HTML</c> (plain text escaped here, alerts written by
/// <see cref="PlatformMarkup.TelegramHtml"/>), link previews off, <c>disable_notification</c> for silent messages, the
/// forum topic as <c>message_thread_id</c>, and <c>allow_paid_broadcast</c> when paid broadcast is on. The Bot API's
/// errors come back as <see cref="PlatformException"/> (<see cref="TelegramErrors"/>); retries belong to the caller.
/// </summary>
public sealed partial class TelegramPlatform(
    TelegramClient client,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPlatform> logger) : IChatPlatform
{
    public const string PlatformName = "telegram";

    /// <summary>Telegram shows at most 200 characters of a button answer.</summary>
    public const int MaxAnswerLength = 200;

    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    private readonly SendRateLimiter _gate = new(options.Value.Limits, time, paced: true);

    public string Name => PlatformName;

    public PlatformMarkup Markup => PlatformMarkup.TelegramHtml;

    public ChatCapabilities Capabilities => ChatCapabilities.Telegram;

    /// <summary>Telegram's fixed classes: bot-wide a second (the paid rate with paid broadcast), per chat a second, per group a minute.</summary>
    public ISendGate Gate => _gate;

    /// <summary>A Telegram private chat has the user's id.</summary>
    public ChatRef? PrivateChatWith(string userId) => new(PlatformName, userId, ChatKind.Private);

    public async Task<string> SendAsync(ChatRef chat, OutgoingMessage message, CancellationToken ct)
    {
        var chatId = ChatIdOf(chat);
        if (message.Image is { } image)
        {
            // A photo (multipart upload) with the text as its HTML caption: a digest's map.
            var caption = HtmlOf(message);
            var photo = await TelegramErrors.CallAsync(() => client.Bot.SendPhoto(
                chatId: chatId,
                photo: InputFile.FromStream(new MemoryStream(image.Png, writable: false), image.FileName),
                caption: caption.Length == 0 ? null : caption,
                parseMode: ParseMode.Html,
                replyParameters: ReplyTo(message),
                replyMarkup: KeyboardOf(message),
                messageThreadId: ThreadOf(chat),
                disableNotification: message.Silent,
                allowPaidBroadcast: options.Value.PaidBroadcast,
                cancellationToken: ct), ct);
            return photo.MessageId.ToString(CultureInfo.InvariantCulture);
        }

        var sent = await TelegramErrors.CallAsync(() => client.Bot.SendMessage(
            chatId: chatId,
            text: HtmlOf(message),
            parseMode: ParseMode.Html,
            replyParameters: ReplyTo(message),
            replyMarkup: KeyboardOf(message),
            linkPreviewOptions: NoPreview,
            messageThreadId: ThreadOf(chat),
            disableNotification: message.Silent,
            allowPaidBroadcast: options.Value.PaidBroadcast,
            cancellationToken: ct), ct);
        return sent.MessageId.ToString(CultureInfo.InvariantCulture);
    }

    public Task EditAsync(ChatRef chat, string messageId, OutgoingMessage message, CancellationToken ct)
    {
        var chatId = ChatIdOf(chat);
        var id = MessageIdOf(messageId);
        return TelegramErrors.CallAsync(() => client.Bot.EditMessageText(
            chatId: chatId,
            messageId: id,
            text: HtmlOf(message),
            parseMode: ParseMode.Html,
            replyMarkup: KeyboardOf(message),
            linkPreviewOptions: NoPreview,
            cancellationToken: ct), ct);
    }

    public Task DeleteAsync(ChatRef chat, string messageId, CancellationToken ct)
    {
        var chatId = ChatIdOf(chat);
        var id = MessageIdOf(messageId);
        return TelegramErrors.CallAsync(() => client.Bot.DeleteMessage(chatId, id, ct), ct);
    }

    public async Task AnswerButtonAsync(string pressId, string? notice, CancellationToken ct)
    {
        var text = notice is { Length: > MaxAnswerLength } ? notice[..(MaxAnswerLength - 1)] + "…" : notice;
        try
        {
            await TelegramErrors.CallAsync(() => client.Bot.AnswerCallbackQuery(pressId, text, cancellationToken: ct), ct);
        }
        catch (PlatformException ex) when (ex.Failure == PlatformFailure.Rejected && TelegramErrors.IsQueryTooOld(ex.Message))
        {
            // The press is older than Telegram's answer window: the spinner is gone already, nothing to answer.
            LogPressTooOld(pressId);
        }
    }

    /// <summary>Asked at every change (rights are never remembered): creator and administrators are admins.</summary>
    public async Task<MemberRights> GetMemberRightsAsync(ChatRef chat, string userId, CancellationToken ct)
    {
        if (chat.Kind == ChatKind.Private)
        {
            return new MemberRights(chat.ChatId == userId, chat.ChatId == userId);
        }

        if (!long.TryParse(userId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var user))
        {
            return new MemberRights(false, false);
        }

        var chatId = ChatIdOf(chat);
        var member = await TelegramErrors.CallAsync(() => client.Bot.GetChatMember(chatId, user, ct), ct);
        return RightsOf(member);
    }

    internal static MemberRights RightsOf(ChatMember member) => member switch
    {
        ChatMemberOwner or ChatMemberAdministrator => new MemberRights(true, true),
        ChatMemberMember => new MemberRights(true, false),
        ChatMemberRestricted restricted => new MemberRights(restricted.IsMember, false),
        _ => new MemberRights(false, false),
    };

    /// <summary>Plain text is escaped for HTML; markup (alerts) was escaped when it was written.</summary>
    internal static string HtmlOf(OutgoingMessage message) => message.IsMarkup ? message.Text : HtmlText.Escape(message.Text);

    private static InlineKeyboardMarkup? KeyboardOf(OutgoingMessage message) =>
        message.Buttons.Count == 0
            ? null
            : new InlineKeyboardMarkup(message.Buttons.Select(row => row.Select(b =>
                b.Url is { } url ? InlineKeyboardButton.WithUrl(b.Label, url.AbsoluteUri) : InlineKeyboardButton.WithCallbackData(b.Label, b.Data))));

    private static ReplyParameters? ReplyTo(OutgoingMessage message) =>
        message.ReplyToMessageId is { } id && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var messageId)
            ? new ReplyParameters { MessageId = messageId, AllowSendingWithoutReply = true }
            : null;

    private static ChatId ChatIdOf(ChatRef chat) =>
        long.TryParse(chat.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? new ChatId(id)
            : throw new PlatformException(PlatformFailure.Rejected, $"'{chat.ChatId}' is not a Telegram chat id");

    private static int? ThreadOf(ChatRef chat) =>
        chat.ThreadId is { } thread && int.TryParse(thread, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static int MessageIdOf(string messageId) =>
        int.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new PlatformException(PlatformFailure.MessageGone, $"'{messageId}' is not a Telegram message id");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram: button press {PressId} was too old to answer")]
    private partial void LogPressTooOld(string pressId);
}
