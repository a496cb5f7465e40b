using System.Text;

namespace AlertBot.Core.Platforms;

/// <summary>
/// How the conversation answers one turn (a text or a button press), handed to it by the adapter with the update. Chat
/// platforms answer with ordinary sends (<see cref="ChatReplies"/>); an adapter whose platform wants an answer within a
/// deadline (Discord's interactions: 3 seconds) supplies its own, so the first answer goes back the way the platform
/// expects. Every text is split to the platform's length; buttons go under the last part.
/// </summary>
public interface IReplyContext
{
    /// <summary>A new message (or several, when long) in the chat.</summary>
    Task ReplyAsync(OutgoingMessage message, CancellationToken ct);

    /// <summary>Replaces the menu whose button was pressed (menus browse in place); for a text turn, a reply.</summary>
    Task ShowAsync(OutgoingMessage message, CancellationToken ct);

    /// <summary>Acknowledges the button press, with a short notice to the presser only; nothing for a text turn.</summary>
    Task AcknowledgeAsync(string? notice, CancellationToken ct);

    /// <summary>A reply only the person who asked sees: the chat itself when private, else ephemeral or their private chat.</summary>
    Task ReplyPrivatelyAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>
/// The reply context of chat platforms (the sandbox, Telegram): replies are sends to the chat, menus are edited in
/// place, presses answered with the platform's button answer, private replies go ephemeral where the platform has them
/// and to the user's private chat otherwise.
/// </summary>
public sealed class ChatReplies(MessageSender sender, ChatPlatforms platforms, ChatRef chat, ChatSender from, string? pressId = null, string? pressedMessageId = null)
    : IReplyContext
{
    private bool _acknowledged;

    /// <summary>The chat the turn came from (a new id once the chat moved while answering).</summary>
    public ChatRef Chat { get; private set; } = chat;

    public async Task ReplyAsync(OutgoingMessage message, CancellationToken ct)
    {
        foreach (var part in Split(message, platforms.Get(Chat.Platform).Capabilities))
        {
            (_, var to) = await sender.SendAsync(Chat, part, ct);
            Chat = to;
        }
    }

    public async Task ShowAsync(OutgoingMessage message, CancellationToken ct)
    {
        var parts = Split(message, platforms.Get(Chat.Platform).Capabilities);
        if (pressedMessageId is null || parts.Count > 1)
        {
            await ReplyAsync(message, ct);
            return;
        }

        await sender.EditAsync(Chat, pressedMessageId, parts[0], ct);
    }

    public async Task AcknowledgeAsync(string? notice, CancellationToken ct)
    {
        if (pressId is null || _acknowledged)
        {
            return;
        }

        _acknowledged = true;
        await sender.AnswerButtonAsync(Chat, pressId, notice, ct);
    }

    public async Task ReplyPrivatelyAsync(OutgoingMessage message, CancellationToken ct)
    {
        var platform = platforms.Get(Chat.Platform);
        if (Chat.Kind == ChatKind.Private)
        {
            await ReplyAsync(message, ct);
        }
        else if (platform.Capabilities.EphemeralReplies)
        {
            await ReplyAsync(message with { VisibleToUserId = from.UserId }, ct);
        }
        else if (platform.PrivateChatWith(from.UserId) is { } privateChat)
        {
            foreach (var part in Split(message, platform.Capabilities.MaxTextLength))
            {
                await sender.SendAsync(privateChat, part, ct);
            }
        }
        else
        {
            throw new PlatformException(PlatformFailure.Rejected, $"{platform.Name} offers no private reply to user {from.UserId}");
        }
    }

    /// <summary>
    /// Splits a message into parts no longer than <paramref name="maxLength"/>: between lines where it can, else between
    /// words, never inside a surrogate pair; the buttons go under the last part. Markup messages arrive split already.
    /// <paramref name="weight"/> says how many characters the platform counts for each character once written (1 when null).
    /// </summary>
    public static IReadOnlyList<OutgoingMessage> Split(OutgoingMessage message, int maxLength, Func<char, int>? weight = null)
    {
        if (message.IsMarkup || Width(message.Text, weight) <= maxLength)
        {
            return [message];
        }

        var parts = SplitText(message.Text, maxLength, weight);
        return [.. parts.Select((text, i) => message with { Text = text, Buttons = i == parts.Count - 1 ? message.Buttons : [] })];
    }

    /// <summary>Splits at the platform's length as it counts plain text (<see cref="ChatCapabilities.PlainTextWeight"/>).</summary>
    public static IReadOnlyList<OutgoingMessage> Split(OutgoingMessage message, ChatCapabilities capabilities) =>
        Split(message, capabilities.MaxTextLength, capabilities.PlainTextWeight);

    public static IReadOnlyList<string> SplitText(string text, int maxLength, Func<char, int>? weight = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var parts = new List<string>();
        var current = new StringBuilder();
        var currentWidth = 0;
        foreach (var line in text.Split('\n').SelectMany(l => CutLine(l, maxLength, weight)))
        {
            var lineWidth = Width(line, weight);
            if (current.Length > 0 && currentWidth + 1 + lineWidth > maxLength)
            {
                Flush();
            }

            if (current.Length > 0)
            {
                current.Append('\n');
                currentWidth++;
            }

            current.Append(line);
            currentWidth += lineWidth;
        }

        Flush();
        return parts.Count == 0 ? [text] : parts;

        void Flush()
        {
            var part = current.ToString().Trim('\n');
            if (part.Trim().Length > 0)
            {
                parts.Add(part);
            }

            current.Clear();
            currentWidth = 0;
        }
    }

    private static int Width(string text, Func<char, int>? weight)
    {
        if (weight is null)
        {
            return text.Length;
        }

        var width = 0;
        foreach (var c in text)
        {
            width += weight(c);
        }

        return width;
    }

    /// <summary>A line wider than <paramref name="max"/> cut between words where it can, else between characters (never inside a surrogate pair).</summary>
    private static IEnumerable<string> CutLine(string line, int max, Func<char, int>? weight)
    {
        var start = 0;
        while (Width(line[start..], weight) > max)
        {
            // The longest prefix from start that fits.
            var end = start;
            var width = 0;
            while (end < line.Length && width + (weight?.Invoke(line[end]) ?? 1) <= max)
            {
                width += weight?.Invoke(line[end]) ?? 1;
                end++;
            }

            var cut = line.LastIndexOf(' ', end - 1, end - start);
            if (cut <= start)
            {
                cut = end;
                if (cut < line.Length && char.IsLowSurrogate(line[cut]))
                {
                    cut--;
                }
            }

            yield return line[start..cut];
            start = cut;
            while (start < line.Length && line[start] == ' ')
            {
                start++;
            }
        }

        yield return line[start..];
    }
}
