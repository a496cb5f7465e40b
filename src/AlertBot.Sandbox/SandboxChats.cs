using System.Globalization;
using AlertBot.Core.Conversation;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.Sandbox;

public sealed record SandboxTranscriptMessage(
    long Id,
    bool FromBot,
    string? UserId,
    string Text,
    IReadOnlyList<IReadOnlyList<ChatButton>> Buttons,
    DateTimeOffset SentAt,
    DateTimeOffset? EditedAt,
    bool Silent = false,
    string? VisibleToUserId = null,
    long? ReplyToId = null,
    string? ImageName = null,
    string? ImageAlt = null);

public sealed record SandboxPressResult(bool MatchedButton, bool Answered, string? Notice);

/// <summary>Thrown for a sandbox request a real platform would refuse; the message says why.</summary>
public sealed class SandboxRequestException(string message) : Exception(message)
{
    public SandboxRequestException()
        : this("invalid sandbox request")
    {
    }

    public SandboxRequestException(string message, Exception inner)
        : this(message + ": " + inner.Message)
    {
    }
}

/// <summary>What can happen to a sandbox chat on the platform's side, as a real platform reports it to the bot.</summary>
public enum SandboxChatEvent
{
    /// <summary>The bot was added to the group (by <c>userId</c>).</summary>
    Added,
    Removed,
    Blocked,
    Unblocked,

    /// <summary>The group became a supergroup at a new id: sends to the old id fail from now on, and the bot is told.</summary>
    Migrated,
}

/// <summary>
/// The user side of the sandbox: what the console page and <c>/api/sandbox</c> do on a person's behalf. Like every
/// adapter's inbound source, it hands each update to the conversation in a fresh scope with the turn's reply context.
/// </summary>
public sealed class SandboxChats(
    AlertBotDbFactory dbFactory,
    SandboxPlatform platform,
    MessageSender sender,
    ChatPlatforms platforms,
    IServiceScopeFactory scopes,
    TimeProvider time)
{
    public const int MaxChatIdLength = 64;

    public async Task<SandboxTranscriptMessage> SendAsUserAsync(string chatId, string? userId, string text, CancellationToken ct)
    {
        ValidateChatId(chatId);
        var user = ResolveUser(chatId, userId);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SandboxRequestException("text must not be empty");
        }

        if (text.Length > platform.Capabilities.MaxTextLength)
        {
            throw new SandboxRequestException($"text is longer than {platform.Capabilities.MaxTextLength} characters");
        }

        SandboxMessage row;
        await using (var db = dbFactory.Create())
        {
            row = new SandboxMessage { ChatId = chatId, FromBot = false, UserId = user, Text = text, SentAt = time.GetUtcNow() };
            db.SandboxMessages.Add(row);
            await db.SaveChangesAsync(ct);
        }

        var chat = SandboxPlatform.ChatOf(chatId);
        var from = new ChatSender(user);
        await using var scope = scopes.CreateAsyncScope();
        var conversation = scope.ServiceProvider.GetRequiredService<ConversationService>();
        await conversation.HandleTextAsync(new IncomingText(chat, from, text), new ChatReplies(sender, platforms, chat, from), ct);
        return ToTranscript(row);
    }

    /// <summary>
    /// The user runs a command as an interaction (a Discord slash command): the conversation answers through an
    /// interaction's reply context, which must answer within <see cref="SandboxInteraction.Deadline"/>.
    /// </summary>
    public async Task<SandboxInteractionResult> InteractAsync(string chatId, string? userId, string text, CancellationToken ct)
    {
        ValidateChatId(chatId);
        var user = ResolveUser(chatId, userId);
        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith('/'))
        {
            throw new SandboxRequestException("an interaction is a command: text must start with '/'");
        }

        if (text.Length > platform.Capabilities.MaxTextLength)
        {
            throw new SandboxRequestException($"text is longer than {platform.Capabilities.MaxTextLength} characters");
        }

        var chat = SandboxPlatform.ChatOf(chatId);
        var from = new ChatSender(user);
        var interaction = new SandboxInteraction(sender, chat, from) { MaxTextLength = platform.Capabilities.MaxTextLength };
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConversationService>().HandleTextAsync(new IncomingText(chat, from, text), interaction, ct);
        return interaction.Result;
    }

    /// <summary>
    /// Presses <paramref name="button"/> (its data or its label) under message <paramref name="messageId"/>. Data that
    /// matches no button is delivered as is, as a modified client could send it: that is how forged data is tested.
    /// </summary>
    public async Task<SandboxPressResult> PressAsync(string chatId, long messageId, string button, string? userId, CancellationToken ct)
    {
        ValidateChatId(chatId);
        var user = ResolveUser(chatId, userId);
        SandboxMessage? message;
        await using (var db = dbFactory.Create())
        {
            message = await db.SandboxMessages.AsNoTracking()
                .SingleOrDefaultAsync(m => m.Id == messageId && m.ChatId == chatId && m.FromBot && !m.Deleted, ct);
        }

        if (message is null)
        {
            throw new SandboxRequestException($"chat {chatId} has no message {messageId} from the bot");
        }

        var buttons = SandboxPlatform.DeserializeButtons(message.ButtonsJson).SelectMany(r => r).ToList();
        var match = buttons.FirstOrDefault(b => b.Data == button) ?? buttons.FirstOrDefault(b => b.Label == button);
        var data = match?.Data ?? button;
        var pressId = Guid.NewGuid().ToString("N");
        var chat = SandboxPlatform.ChatOf(chatId);
        var from = new ChatSender(user);
        var pressed = messageId.ToString(CultureInfo.InvariantCulture);

        await using var scope = scopes.CreateAsyncScope();
        var conversation = scope.ServiceProvider.GetRequiredService<ConversationService>();
        await conversation.HandlePressAsync(
            new ButtonPress(chat, from, pressed, data, pressId),
            new ChatReplies(sender, platforms, chat, from, pressId, pressed),
            ct);
        var answered = platform.TryTakePressAnswer(pressId, out var notice);
        return new SandboxPressResult(match is not null, answered, notice);
    }

    public async Task<IReadOnlyList<SandboxTranscriptMessage>> TranscriptAsync(string chatId, bool botOnly, CancellationToken ct)
    {
        ValidateChatId(chatId);
        await using var db = dbFactory.Create();
        var rows = await db.SandboxMessages.AsNoTracking()
            .Where(m => m.ChatId == chatId && !m.Deleted && (!botOnly || m.FromBot))
            .OrderBy(m => m.Id)
            .Select(m => new SandboxMessage // every column but the image's bytes, which are read one at a time by ImageAsync
            {
                Id = m.Id, ChatId = m.ChatId, FromBot = m.FromBot, UserId = m.UserId, Text = m.Text, ButtonsJson = m.ButtonsJson,
                SentAt = m.SentAt, EditedAt = m.EditedAt, Silent = m.Silent, VisibleToUserId = m.VisibleToUserId, ThreadId = m.ThreadId,
                ReplyToId = m.ReplyToId, ImageName = m.ImageName, ImageAlt = m.ImageAlt,
            })
            .ToListAsync(ct);
        return rows.ConvertAll(ToTranscript);
    }

    /// <summary>The image a bot message of the chat carries (PNG bytes), or null when it has none.</summary>
    public async Task<byte[]?> ImageAsync(string chatId, long messageId, CancellationToken ct)
    {
        ValidateChatId(chatId);
        await using var db = dbFactory.Create();
        return await db.SandboxMessages.AsNoTracking()
            .Where(m => m.Id == messageId && m.ChatId == chatId && m.FromBot && !m.Deleted)
            .Select(m => m.ImagePng)
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Something happened to the chat on the platform's side; the bot is told as a real platform would tell it.</summary>
    public async Task ChatEventAsync(string chatId, SandboxChatEvent chatEvent, string? userId, string? newChatId, CancellationToken ct)
    {
        ValidateChatId(chatId);
        var chat = SandboxPlatform.ChatOf(chatId);
        await using var scope = scopes.CreateAsyncScope();
        var lifecycle = scope.ServiceProvider.GetRequiredService<ChatLifecycle>();
        switch (chatEvent)
        {
            case SandboxChatEvent.Added:
                if (chat.Kind == ChatKind.Private)
                {
                    throw new SandboxRequestException("the bot is added to groups only (ids starting with '-')");
                }

                await lifecycle.AddedAsync(chat, userId is null ? null : ResolveUser(chatId, userId), ct);
                break;
            case SandboxChatEvent.Removed:
                await lifecycle.RemovedAsync(chat, ct);
                break;
            case SandboxChatEvent.Blocked:
                await lifecycle.BlockedAsync(chat, ct);
                break;
            case SandboxChatEvent.Unblocked:
                await lifecycle.UnblockedAsync(chat, ct);
                break;
            default:
                if (newChatId is null || SandboxPlatform.KindOf(chatId) != ChatKind.Group || SandboxPlatform.KindOf(newChatId) != ChatKind.Group)
                {
                    throw new SandboxRequestException("a migration moves a group (id starting with '-') to a new group id (newChatId)");
                }

                ValidateChatId(newChatId);
                await MigrateMembersAsync(chatId, newChatId, ct);
                platform.Faults.Inject(new SandboxFault(SandboxFaultKind.Migrated, ChatId: chatId, MigrateToChatId: newChatId));
                await lifecycle.MovedAsync(SandboxPlatform.PlatformName, chatId, newChatId, ct);
                break;
        }
    }

    /// <summary>A supergroup keeps the group's members and admins.</summary>
    private async Task MigrateMembersAsync(string fromChatId, string toChatId, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var members = await db.SandboxMembers.AsNoTracking().Where(m => m.ChatId == fromChatId).ToListAsync(ct);
        var existing = await db.SandboxMembers.Where(m => m.ChatId == toChatId).Select(m => m.UserId).ToListAsync(ct);
        db.SandboxMembers.AddRange(members.Where(m => !existing.Contains(m.UserId)).Select(m => new SandboxMember { ChatId = toChatId, UserId = m.UserId, IsAdmin = m.IsAdmin }));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<string>> ChatIdsAsync(CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        return await db.SandboxMessages.AsNoTracking().Select(m => m.ChatId).Distinct().OrderBy(c => c).Take(200).ToListAsync(ct);
    }

    /// <summary>Makes <paramref name="userId"/> a member (or admin) of sandbox group <paramref name="chatId"/>.</summary>
    public async Task SetMemberAsync(string chatId, string userId, bool isAdmin, CancellationToken ct)
    {
        ValidateChatId(chatId);
        ValidateChatId(userId);
        if (SandboxPlatform.KindOf(chatId) != ChatKind.Group)
        {
            throw new SandboxRequestException("members can be set only in group chats (ids starting with '-')");
        }

        await using var db = dbFactory.Create();
        var member = await db.SandboxMembers.SingleOrDefaultAsync(m => m.ChatId == chatId && m.UserId == userId, ct);
        if (member is null)
        {
            db.SandboxMembers.Add(new SandboxMember { ChatId = chatId, UserId = userId, IsAdmin = isAdmin });
        }
        else
        {
            member.IsAdmin = isAdmin;
        }

        await db.SaveChangesAsync(ct);
    }

    private static string ResolveUser(string chatId, string? userId)
    {
        if (userId is null)
        {
            return SandboxPlatform.KindOf(chatId) == ChatKind.Private ? chatId : "sandbox-user";
        }

        ValidateChatId(userId);
        return userId;
    }

    private static void ValidateChatId(string id)
    {
        if (id.Length is 0 or > MaxChatIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new SandboxRequestException($"'{Truncate(id)}' is not a valid id: use 1 to {MaxChatIdLength} letters, digits, '-' or '_'");
        }
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static SandboxTranscriptMessage ToTranscript(SandboxMessage m) =>
        new(m.Id, m.FromBot, m.UserId, m.Text, SandboxPlatform.DeserializeButtons(m.ButtonsJson), m.SentAt, m.EditedAt, m.Silent, m.VisibleToUserId, m.ReplyToId, m.ImageName, m.ImageAlt);
}
