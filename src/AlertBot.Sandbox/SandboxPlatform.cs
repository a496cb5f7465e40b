using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using AlertBot.Core.Platforms;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AlertBot.Sandbox;

/// <summary>
/// An in-process chat platform: what the bot sends is stored as the sandbox chat's transcript. It enforces the limits
/// of its <see cref="SandboxOptions"/> (Telegram's by default) and answers as a real platform would: a too-long text or
/// an oversized menu is refused, an edit that changes nothing is "not modified", faults are injected by tests.
/// </summary>
public sealed class SandboxPlatform(AlertBotDbFactory dbFactory, SandboxFaults faults, IOptions<SandboxOptions> options, TimeProvider time) : IChatPlatform
{
    public const string PlatformName = "sandbox";

    private readonly ConcurrentDictionary<string, string?> _pressAnswers = new(StringComparer.Ordinal);
    private readonly SendRateLimiter _gate = new(options.Value.Limits, time); // in process: no jitter between gate and server, nothing to pace

    public string Name => PlatformName;

    public PlatformMarkup Markup => PlatformMarkup.Plain;

    public ChatCapabilities Capabilities { get; } = options.Value.Capabilities;

    /// <summary>Telegram's fixed classes: per bot, per chat, per group.</summary>
    public ISendGate Gate => _gate;

    /// <summary>Injected faults and the enforced limits.</summary>
    public SandboxFaults Faults => faults;

    /// <summary>
    /// The sandbox's own rule for its chats (it plays the platform's server, which knows each chat): ids that start
    /// with '-' are groups, others are private chats with the user of that id.
    /// </summary>
    public static ChatKind KindOf(string chatId) => chatId.StartsWith('-') ? ChatKind.Group : ChatKind.Private;

    public static ChatRef ChatOf(string chatId) => new(PlatformName, chatId, KindOf(chatId));

    public ChatRef? PrivateChatWith(string userId) => ChatOf(userId);

    public async Task<string> SendAsync(ChatRef chat, OutgoingMessage message, CancellationToken ct)
    {
        Validate(message);
        faults.Check(chat.ChatId, chat.Kind);
        await using var db = dbFactory.Create();
        var row = new SandboxMessage
        {
            ChatId = chat.ChatId,
            ThreadId = chat.ThreadId,
            FromBot = true,
            Text = message.Text,
            ButtonsJson = SerializeButtons(message.Buttons),
            SentAt = time.GetUtcNow(),
            Silent = message.Silent,
            VisibleToUserId = message.VisibleToUserId,
            ReplyToId = message.ReplyToMessageId is { } replyTo && long.TryParse(replyTo, CultureInfo.InvariantCulture, out var id) ? id : null,
            ImagePng = message.Image?.Png,
            ImageName = message.Image?.FileName,
            ImageAlt = message.Image?.AltText,
        };
        db.SandboxMessages.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id.ToString(CultureInfo.InvariantCulture);
    }

    public async Task EditAsync(ChatRef chat, string messageId, OutgoingMessage message, CancellationToken ct)
    {
        Validate(message);
        faults.Check(chat.ChatId, chat.Kind);
        await using var db = dbFactory.Create();
        var row = await FindBotMessageAsync(db, chat.ChatId, messageId, ct);
        if (message.Image is not null || row.ImagePng is not null)
        {
            throw new PlatformException(PlatformFailure.Rejected, "Bad Request: there is no text in the message to edit");
        }

        var buttons = SerializeButtons(message.Buttons);
        if (row.Text == message.Text && row.ButtonsJson == buttons)
        {
            throw new PlatformException(PlatformFailure.NotModified, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same");
        }

        row.Text = message.Text;
        row.ButtonsJson = buttons;
        row.EditedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(ChatRef chat, string messageId, CancellationToken ct)
    {
        faults.CheckDelete(chat.ChatId);
        await using var db = dbFactory.Create();
        var row = await FindBotMessageAsync(db, chat.ChatId, messageId, ct);
        if (Capabilities.DeletableFor is { } window && row.SentAt < time.GetUtcNow() - window)
        {
            throw new PlatformException(PlatformFailure.Rejected, "Bad Request: message can't be deleted for everyone");
        }

        row.Deleted = true;
        await db.SaveChangesAsync(ct);
    }

    public Task AnswerButtonAsync(string pressId, string? notice, CancellationToken ct)
    {
        _pressAnswers[pressId] = notice;
        return Task.CompletedTask;
    }

    public async Task<MemberRights> GetMemberRightsAsync(ChatRef chat, string userId, CancellationToken ct)
    {
        if (chat.Kind == ChatKind.Private)
        {
            return new MemberRights(IsMember: chat.ChatId == userId, IsAdmin: chat.ChatId == userId);
        }

        await using var db = dbFactory.Create();
        var member = await db.SandboxMembers.AsNoTracking().SingleOrDefaultAsync(m => m.ChatId == chat.ChatId && m.UserId == userId, ct);
        return new MemberRights(member is not null, member?.IsAdmin ?? false);
    }

    /// <summary>Takes the answer the bot gave to a press (null notice when it answered silently); false when it did not answer.</summary>
    internal bool TryTakePressAnswer(string pressId, out string? notice) => _pressAnswers.TryRemove(pressId, out notice);

    /// <summary>The largest image the sandbox keeps (Telegram's photo limit).</summary>
    public const int MaxImageBytes = 10_000_000;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    internal static IReadOnlyList<IReadOnlyList<ChatButton>> DeserializeButtons(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<List<ChatButton>>>(json, JsonOptions) ?? [];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string? SerializeButtons(IReadOnlyList<IReadOnlyList<ChatButton>> buttons) =>
        buttons.Count == 0 ? null : JsonSerializer.Serialize(buttons, JsonOptions);

    private void Validate(OutgoingMessage message)
    {
        if (message.Image is { } image)
        {
            if (Capabilities.MaxCaptionLength == 0)
            {
                throw new PlatformException(PlatformFailure.Rejected, "Bad Request: this chat takes no images");
            }

            if (message.Text.Length > Capabilities.MaxCaptionLength)
            {
                throw new PlatformException(PlatformFailure.Rejected, "Bad Request: message caption is too long");
            }

            if (image.Png.Length is 0 or > SandboxPlatform.MaxImageBytes || !image.Png.AsSpan().StartsWith(PngSignature))
            {
                throw new PlatformException(PlatformFailure.Rejected, "Bad Request: IMAGE_PROCESS_FAILED");
            }
        }
        else if (message.Text.Length == 0)
        {
            throw new PlatformException(PlatformFailure.Rejected, "Bad Request: message text is empty");
        }

        if (message.Text.Length > Capabilities.MaxTextLength)
        {
            throw new PlatformException(PlatformFailure.Rejected, "Bad Request: message is too long");
        }

        if (message.Buttons.Count > Capabilities.MaxButtonRows || message.Buttons.Any(r => r.Count > Capabilities.MaxButtonsPerRow))
        {
            throw new PlatformException(PlatformFailure.Rejected, "Bad Request: too many buttons");
        }

        foreach (var button in message.Buttons.SelectMany(row => row))
        {
            var bytes = System.Text.Encoding.UTF8.GetByteCount(button.Data);
            if (button.Url is null && (bytes == 0 || bytes > Capabilities.MaxButtonDataBytes))
            {
                throw new PlatformException(PlatformFailure.Rejected, "Bad Request: BUTTON_DATA_INVALID");
            }
        }
    }

    private static async Task<SandboxMessage> FindBotMessageAsync(AlertBotDb db, string chatId, string messageId, CancellationToken ct)
    {
        var row = long.TryParse(messageId, CultureInfo.InvariantCulture, out var id)
            ? await db.SandboxMessages.SingleOrDefaultAsync(m => m.Id == id && m.ChatId == chatId && m.FromBot && !m.Deleted, ct)
            : null;
        return row ?? throw new PlatformException(PlatformFailure.Rejected, "Bad Request: message to edit not found");
    }
}
