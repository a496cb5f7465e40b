using AlertBot.Core.Rendering;
using System.Text;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Conversation;

/// <summary>
/// Platform-neutral chat handling: each platform adapter turns its updates into <see cref="IncomingText"/> and
/// <see cref="ButtonPress"/> and hands them here, in a fresh DI scope, with the <see cref="IReplyContext"/> through which
/// this turn is answered. Subscribing lives in <c>ConversationService.Subscriptions.cs</c>, the chat's other settings in
/// <c>ConversationService.Settings.cs</c>. Menus are sized from the platform's <see cref="ChatCapabilities"/>.
/// </summary>
public sealed partial class ConversationService(
    AlertBotDb db,
    MessageSender sender,
    ChatPlatforms platforms,
    IssuedButtons issuedButtons,
    SubscriptionService subscriptions,
    SubscriptionTargets targets,
    ChatLifecycle lifecycle,
    Digests.DigestSettings digests)
{
    private const int MaxEchoedLength = 40;

    public async Task HandleTextAsync(IncomingText message, IReplyContext replies, CancellationToken ct)
    {
        var text = message.Text.Trim();
        var recipient = await GetOrCreateRecipientAsync(message.Chat, message.From, ct);
        await ReactivateAsync(recipient, ct);
        var turn = new Turn(message.Chat, message.From, recipient, replies, Pressed: false);
        if (!text.StartsWith('/'))
        {
            // In groups the bot hears everything it is sent; it answers only commands there.
            if (message.Chat.Kind == ChatKind.Private)
            {
                await ReplyAsync(turn, BotTexts.NotACommand, ct);
            }

            return;
        }

        var (command, argument) = SplitCommand(text);
        switch (command)
        {
            case "/start" when argument.StartsWith(DeepLinkSubscribe, StringComparison.Ordinal):
                await DeepLinkSubscribeAsync(turn, argument[DeepLinkSubscribe.Length..], ct);
                break;
            case "/start":
                await ReplyAsync(turn, new OutgoingMessage(BotTexts.Welcome.For(ChatLanguage.Both), LanguageButtons()), ct);
                break;
            case "/help":
                await ReplyAsync(turn, BotTexts.Help, ct);
                break;
            case "/lang":
                await LanguageCommandAsync(turn, argument, ct);
                break;
            case "/subscribe":
                await SubscribeCommandAsync(turn, argument, ct);
                break;
            case "/unsubscribe":
                await UnsubscribeCommandAsync(turn, argument, ct);
                break;
            case "/list":
                await ReplyAsync(turn, await ListAsync(recipient, ct), ct);
                break;
            case "/quiet":
                await QuietCommandAsync(turn, argument, ct);
                break;
            case "/pause":
                await PauseCommandAsync(turn, paused: true, ct);
                break;
            case "/resume":
                await PauseCommandAsync(turn, paused: false, ct);
                break;
            case "/timezone":
                await TimeZoneCommandAsync(turn, argument, ct);
                break;
            case "/digest":
                await DigestCommandAsync(turn, argument, ct);
                break;
            case "/stop":
                await StopCommandAsync(turn, ct);
                break;
            default:
                await ReplyAsync(turn, BotTexts.UnknownCommand(Echo(command)), ct);
                break;
        }
    }

    /// <summary>
    /// A button press. Its data is honoured only when the bot issued it on that message to that chat; anything else
    /// (forged, empty, from another message or chat, from a menu since replaced) is refused and answered, changing nothing.
    /// </summary>
    public async Task HandlePressAsync(ButtonPress press, IReplyContext replies, CancellationToken ct)
    {
        var recipient = await GetOrCreateRecipientAsync(press.Chat, press.From, ct);
        await ReactivateAsync(recipient, ct);
        var turn = new Turn(press.Chat, press.From, recipient, replies, Pressed: true);
        var data = await issuedButtons.ResolveAsync(press.Chat, press.MessageId, press.Data, ct);
        var handled = false;
        if (data is not null)
        {
            var colon = data.IndexOf(':', StringComparison.Ordinal);
            var kind = colon < 0 ? data : data[..colon];
            var rest = colon < 0 ? string.Empty : data[(colon + 1)..];
            handled = kind switch
            {
                "lang" => await LanguagePressAsync(turn, rest, ct),
                "stop" => await StopPressAsync(turn, rest, ct),
                _ => await SubscriptionPressAsync(turn, kind, rest, ct),
            };
        }

        if (!handled)
        {
            // Data the bot never issued here (forged, or from an older menu) or that no longer fits: refuse, change nothing.
            await AnswerAsync(turn, BotTexts.StaleButton, ct);
        }
    }

    private async Task LanguageCommandAsync(Turn turn, string argument, CancellationToken ct)
    {
        if (!TryParseLanguage(argument, out var language))
        {
            await ReplyAsync(turn, new OutgoingMessage(BotTexts.LanguageUsage.For(turn.Language), LanguageButtons()), ct);
        }
        else if (await MayChangeAsync(turn, ct))
        {
            await SetLanguageAsync(turn.Recipient, language, ct);
            await ReplyAsync(turn, new OutgoingMessage(LanguageConfirmation(language)), ct);
        }
    }

    private async Task<bool> LanguagePressAsync(Turn turn, string value, CancellationToken ct)
    {
        if (!TryParseLanguage(value, out var language))
        {
            return false;
        }

        if (await MayChangeAsync(turn, ct))
        {
            await SetLanguageAsync(turn.Recipient, language, ct);
            await AnswerAsync(turn, null, ct);
            await ReplyAsync(turn, new OutgoingMessage(LanguageConfirmation(language) + "\n\n" + BotTexts.Help.For(language)), ct);
        }

        return true;
    }

    private static IReadOnlyList<IReadOnlyList<ChatButton>> LanguageButtons() =>
    [
        [new ChatButton(BotTexts.ButtonArabic, "lang:ar"), new ChatButton(BotTexts.ButtonEnglish, "lang:en")],
        [new ChatButton(BotTexts.ButtonBoth, "lang:both")],
    ];

    private static string LanguageConfirmation(ChatLanguage language) => language switch
    {
        ChatLanguage.Ar => BotTexts.LanguageSetAr.For(language),
        ChatLanguage.En => BotTexts.LanguageSetEn.For(language),
        _ => BotTexts.LanguageSetBoth.For(language),
    };

    private static (string Command, string Argument) SplitCommand(string text)
    {
        var space = text.IndexOfAny([' ', '\n', '\t']);
        var command = space < 0 ? text : text[..space];
        var argument = space < 0 ? string.Empty : text[(space + 1)..].Trim();

        // Telegram appends the bot's name in groups: /start@AlertBot.
        var at = command.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            command = command[..at];
        }

        return (command.ToLowerInvariant(), argument);
    }

    private static bool TryParseLanguage(string value, out ChatLanguage language)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "ar" or "arabic" or "عربي" or "العربية":
                language = ChatLanguage.Ar;
                return true;
            case "en" or "english" or "إنكليزي" or "الإنكليزية" or "انجليزي":
                language = ChatLanguage.En;
                return true;
            case "both" or "ar+en" or "كلاهما":
                language = ChatLanguage.Both;
                return true;
            default:
                language = ChatLanguage.Both;
                return false;
        }
    }

    /// <summary>
    /// Private chats always may; in groups and channels only admins: the rights the platform sent with the update when
    /// it sent them, a post by the chat itself (a channel post, an anonymous admin), or else asked of the platform at
    /// every change (rights are never remembered). A refusal is told to the user here.
    /// </summary>
    private async Task<bool> MayChangeAsync(Turn turn, CancellationToken ct)
    {
        if (turn.Chat.Kind == ChatKind.Private || turn.From.IsChat)
        {
            return true;
        }

        var rights = turn.From.Rights ?? await sender.GetMemberRightsAsync(turn.Chat, turn.From.UserId, ct);
        if (rights.IsAdmin)
        {
            return true;
        }

        if (turn.Pressed)
        {
            await AnswerAsync(turn, BotTexts.NotAdmin, ct);
        }
        else
        {
            await ReplyAsync(turn, BotTexts.NotAdmin, ct);
        }

        return false;
    }

    /// <summary>The recipient of a chat; at first contact a private chat takes the person's app language as a first guess.</summary>
    private Task<Recipient> GetOrCreateRecipientAsync(ChatRef chat, ChatSender from, CancellationToken ct) =>
        lifecycle.GetOrCreateAsync(chat, chat.Kind == ChatKind.Private ? LanguageGuess(from.LanguageCode) : ChatLanguage.Both, null, ct);

    /// <summary>The user's app language as a first guess of a private chat's language; both when it says neither.</summary>
    private static ChatLanguage LanguageGuess(string? languageCode) => languageCode?.ToLowerInvariant() switch
    {
        null => ChatLanguage.Both,
        var code when code.StartsWith("ar", StringComparison.Ordinal) => ChatLanguage.Ar,
        var code when code.StartsWith("en", StringComparison.Ordinal) => ChatLanguage.En,
        _ => ChatLanguage.Both,
    };

    /// <summary>A chat the platform had reported gone wrote again: it is reachable once more.</summary>
    private Task ReactivateAsync(Recipient recipient, CancellationToken ct) =>
        recipient.Active ? Task.CompletedTask : subscriptions.ReactivateAsync(recipient, ct);

    private async Task SetLanguageAsync(Recipient recipient, ChatLanguage language, CancellationToken ct)
    {
        recipient.Language = language;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// User input quoted back: at most <see cref="MaxEchoedLength"/> characters, on one line, without direction
    /// overrides, and with mentions (@everyone) broken by a word joiner so that no platform pings anyone.
    /// </summary>
    private static string Echo(string input)
    {
        var builder = new StringBuilder();
        foreach (var c in input)
        {
            if (builder.Length >= MaxEchoedLength)
            {
                builder.Append('…');
                break;
            }

            if (char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                builder.Append(' ');
                continue;
            }

            builder.Append(c);
            if (c is '@' or '#')
            {
                builder.Append('\u2060');
            }
        }

        return builder.ToString();
    }

    private static Task ReplyAsync(Turn turn, Bilingual text, CancellationToken ct) =>
        ReplyAsync(turn, new OutgoingMessage(text.For(turn.Language)), ct);

    private static Task ReplyAsync(Turn turn, OutgoingMessage message, CancellationToken ct) => turn.Replies.ReplyAsync(message, ct);

    private static Task AnswerAsync(Turn turn, Bilingual? notice, CancellationToken ct) =>
        turn.Replies.AcknowledgeAsync(notice?.For(turn.Language), ct);

    /// <summary>Replaces the pressed message (menus browse in place); a text command sends a new message instead.</summary>
    private static Task ShowAsync(Turn turn, OutgoingMessage message, CancellationToken ct) => turn.Replies.ShowAsync(message, ct);

    /// <summary>What one message on this chat's platform may hold.</summary>
    private ChatCapabilities CapabilitiesOf(Turn turn) => platforms.Get(turn.Chat.Platform).Capabilities;

    /// <summary>One incoming text or button press, with the chat it came from and how to answer it.</summary>
    private sealed record Turn(ChatRef Chat, ChatSender From, Recipient Recipient, IReplyContext Replies, bool Pressed)
    {
        public ChatLanguage Language => Recipient.Language;
    }
}
