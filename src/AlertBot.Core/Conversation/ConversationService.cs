using AlertBot.Core.Platforms;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Conversation;

/// <summary>
/// Platform-neutral chat handling: each platform adapter turns its updates into <see cref="IncomingText"/> and
/// <see cref="ButtonPress"/> and hands them here, in a fresh DI scope.
/// </summary>
public sealed class ConversationService(AlertBotDb db, MessageSender sender, ChatPlatforms platforms, TimeProvider time)
{
    private const int MaxEchoedCommandLength = 40;

    public async Task HandleTextAsync(IncomingText message, CancellationToken ct)
    {
        var text = message.Text.Trim();
        var recipient = await GetOrCreateRecipientAsync(message.Platform, message.ChatId, ct);
        if (!text.StartsWith('/'))
        {
            // In groups the bot hears everything it is sent; it answers only commands there.
            if (message.ChatKind == ChatKind.Private)
            {
                await ReplyAsync(message, BotTexts.NotACommand.For(recipient.Language), ct);
            }

            return;
        }

        var (command, argument) = SplitCommand(text);
        switch (command)
        {
            case "/start":
                await ReplyAsync(message, new OutgoingMessage(BotTexts.Welcome.For(ChatLanguage.Both), LanguageButtons()), ct);
                break;
            case "/help":
                await ReplyAsync(message, BotTexts.Help.For(recipient.Language), ct);
                break;
            case "/lang":
                if (!TryParseLanguage(argument, out var language))
                {
                    await ReplyAsync(message, new OutgoingMessage(BotTexts.LanguageUsage.For(recipient.Language), LanguageButtons()), ct);
                }
                else if (await MaySetChatSettingsAsync(message.Platform, message.ChatId, message.ChatKind, message.UserId, ct))
                {
                    await SetLanguageAsync(recipient, language, ct);
                    await ReplyAsync(message, LanguageConfirmation(language), ct);
                }
                else
                {
                    await ReplyAsync(message, BotTexts.NotAdmin.For(recipient.Language), ct);
                }

                break;
            default:
                var shown = command.Length > MaxEchoedCommandLength ? command[..MaxEchoedCommandLength] + "…" : command;
                await ReplyAsync(message, BotTexts.UnknownCommand(shown).For(recipient.Language), ct);
                break;
        }
    }

    public async Task HandlePressAsync(ButtonPress press, CancellationToken ct)
    {
        var recipient = await GetOrCreateRecipientAsync(press.Platform, press.ChatId, ct);
        if (press.Data.StartsWith("lang:", StringComparison.Ordinal) && TryParseLanguage(press.Data["lang:".Length..], out var language))
        {
            if (!await MaySetChatSettingsAsync(press.Platform, press.ChatId, press.ChatKind, press.UserId, ct))
            {
                await sender.AnswerButtonAsync(press.Platform, press.PressId, BotTexts.NotAdmin.For(recipient.Language), ct);
                return;
            }

            await SetLanguageAsync(recipient, language, ct);
            await sender.AnswerButtonAsync(press.Platform, press.PressId, null, ct);
            await sender.SendAsync(press.Platform, press.ChatId, new OutgoingMessage(LanguageConfirmation(language) + "\n\n" + BotTexts.Help.For(language)), ct);
            return;
        }

        // Data the bot never issued (forged, or from an older version): refuse, change nothing.
        await sender.AnswerButtonAsync(press.Platform, press.PressId, BotTexts.StaleButton.For(recipient.Language), ct);
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

    private async Task<bool> MaySetChatSettingsAsync(string platform, string chatId, ChatKind kind, string userId, CancellationToken ct)
    {
        if (kind == ChatKind.Private)
        {
            return true;
        }

        // Rights are asked of the platform at every change, never remembered.
        var rights = await platforms.Get(platform).GetMemberRightsAsync(chatId, userId, ct);
        return rights.IsAdmin;
    }

    private async Task<Recipient> GetOrCreateRecipientAsync(string platform, string chatId, CancellationToken ct)
    {
        var recipient = await db.Recipients.SingleOrDefaultAsync(r => r.Platform == platform && r.ChatId == chatId, ct);
        if (recipient is not null)
        {
            return recipient;
        }

        recipient = new Recipient { Platform = platform, ChatId = chatId, CreatedAt = time.GetUtcNow() };
        db.Recipients.Add(recipient);
        try
        {
            await db.SaveChangesAsync(ct);
            return recipient;
        }
        catch (DbUpdateException)
        {
            // Another instance created it first (unique platform + chat id): use theirs.
            db.Entry(recipient).State = EntityState.Detached;
            return await db.Recipients.SingleAsync(r => r.Platform == platform && r.ChatId == chatId, ct);
        }
    }

    private async Task SetLanguageAsync(Recipient recipient, ChatLanguage language, CancellationToken ct)
    {
        recipient.Language = language;
        await db.SaveChangesAsync(ct);
    }

    private Task<string> ReplyAsync(IncomingText to, string text, CancellationToken ct) => ReplyAsync(to, new OutgoingMessage(text), ct);

    private Task<string> ReplyAsync(IncomingText to, OutgoingMessage message, CancellationToken ct) =>
        sender.SendAsync(to.Platform, to.ChatId, message, ct);
}
