using System.Security.Cryptography;
using System.Text;
using AlertBot.Core.Platforms;

namespace AlertBot.Discord;

/// <summary>The port's <see cref="OutgoingMessage"/> as Discord's message body: markdown content, buttons as action rows.</summary>
internal static class DiscordMessages
{
    public const int MaxContentLength = 2000;

    private const int ActionRow = 1;
    private const int Button = 2;
    private const int Secondary = 2;
    private const int LinkStyle = 5;

    /// <summary>
    /// The body of a message: plain text escaped for Discord's markdown (alerts come written already), the buttons as
    /// action rows, <c>allowed_mentions: {parse: []}</c>, and the silent and reply flags.
    /// </summary>
    public static MessageBody Body(OutgoingMessage message, int? flags = null) => new()
    {
        Content = ContentOf(message),
        Components = ComponentsOf(message),
        AllowedMentions = AllowedMentions.None,
        Flags = FlagsOf(flags ?? 0, message),
        MessageReference = message.ReplyToMessageId is { } id ? new MessageReference(id) : null,
    };

    private static int? FlagsOf(int flags, OutgoingMessage message)
    {
        var all = flags | (message.Silent ? DiscordRestClient.SuppressNotifications : 0);
        return all == 0 ? null : all;
    }

    /// <summary>
    /// The body with a nonce made from the channel, the content and the buttons, and <c>enforce_nonce</c>: Discord answers
    /// a second create with the same nonce from the bot within a few minutes with the message it already made. The same
    /// message to the same channel is the same alert part sent again (a retry after a lost answer, a crash between
    /// sending and recording); the bot's other messages in channels differ in their text.
    /// </summary>
    public static MessageBody WithNonce(string channelId, MessageBody body)
    {
        var material = new StringBuilder(channelId).Append('\n').Append(body.Content).Append('\n');
        foreach (var embed in body.Embeds ?? [])
        {
            material.Append(embed.Title).Append('\n').Append(embed.Description).Append('\n');
        }

        foreach (var button in body.Components?.SelectMany(r => r.Components ?? []) ?? [])
        {
            material.Append(button.CustomId ?? button.Url).Append('\u001f');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(material.ToString()));
        return body with { Nonce = Convert.ToHexStringLower(hash)[..25], EnforceNonce = true };
    }

    /// <summary>The body carrying <paramref name="image"/> as an uploaded file (files[0]) shown in an embed; the caption, if any, stays the content.</summary>
    public static MessageBody WithImage(MessageBody body, ChatImage image) => body with
    {
        Content = string.IsNullOrEmpty(body.Content) ? null : body.Content,
        Attachments = [new AttachmentRef(0, image.FileName, image.AltText)],
        Embeds = [new Embed { Image = new EmbedImage("attachment://" + image.FileName) }],
    };

    /// <summary>An edit replaces content and buttons (an empty list removes them).</summary>
    public static MessageBody EditBody(OutgoingMessage message) => new()
    {
        Content = ContentOf(message),
        Components = ComponentsOf(message) ?? [],
        AllowedMentions = AllowedMentions.None,
    };

    public static InteractionCallbackData CallbackData(OutgoingMessage message, bool ephemeral) => new()
    {
        Content = ContentOf(message),
        Components = ComponentsOf(message) ?? [],
        AllowedMentions = AllowedMentions.None,
        Flags = ephemeral ? DiscordRestClient.Ephemeral : null,
    };

    public static string ContentOf(OutgoingMessage message)
    {
        var content = message.IsMarkup ? message.Text : Escape(message.Text);
        if (content.Length <= MaxContentLength)
        {
            return content;
        }

        var cut = MaxContentLength - 1;
        while (cut > 0 && (char.IsLowSurrogate(content[cut]) || content[cut - 1] == '\\'))
        {
            cut--;
        }

        return content[..cut] + "…";
    }

    public static List<Component>? ComponentsOf(OutgoingMessage message) =>
        message.Buttons.Count == 0
            ? null
            : [.. message.Buttons.Where(r => r.Count > 0).Select(row => new Component
            {
                Type = ActionRow,
                Components = [.. row.Select(b => b.Url is { } url
                    ? new Component { Type = Button, Style = LinkStyle, Label = b.Label, Url = url.AbsoluteUri }
                    : new Component { Type = Button, Style = Secondary, Label = b.Label, CustomId = b.Data })],
            })];

    /// <summary>The port's capabilities on Discord, with plain text counted as <see cref="Escape"/> writes it.</summary>
    public static ChatCapabilities Capabilities { get; } = ChatCapabilities.Discord with { PlainTextWeight = Weight };

    /// <summary>How many characters of content one character of plain text becomes once escaped.</summary>
    public static int Weight(char c) => IsSpecial(c) || c == '@' ? 2 : 1;

    /// <summary>Markdown's special characters escaped; <c>@</c> followed by a zero-width space so that nothing reads as a mention.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (IsSpecial(c))
            {
                sb.Append('\\');
            }

            sb.Append(c);
            if (c == '@')
            {
                sb.Append('\u200B');
            }
        }

        return sb.ToString();
    }

    private static bool IsSpecial(char c) =>
        c is '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '<' or '#' or '-' or '[' or ']' or '(' or ')' or ':';
}
