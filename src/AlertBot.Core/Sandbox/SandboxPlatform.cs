using System.Collections.Concurrent;
using System.Text.Json;
using AlertBot.Core.Platforms;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Sandbox;

/// <summary>
/// An in-process chat platform: what the bot sends is stored as the sandbox chat's transcript. It enforces the same
/// message limits as Telegram so that what works here fits there.
/// </summary>
public sealed class SandboxPlatform(AlertBotDbFactory dbFactory, SandboxFaults faults, IOptions<SandboxOptions> options, TimeProvider time) : IChatPlatform
{
    public const string PlatformName = "sandbox";
    public const int MaxTextLength = 4096;
    public const int MaxButtonDataBytes = 64;

    private readonly ConcurrentDictionary<string, string?> _pressAnswers = new(StringComparer.Ordinal);

    public string Name => PlatformName;

    public PlatformMarkup Markup => PlatformMarkup.Plain;

    public PlatformLimits Limits => options.Value.Limits;

    /// <summary>Injected faults and the enforced limits.</summary>
    public SandboxFaults Faults => faults;

    ChatKind IChatPlatform.KindOf(string chatId) => KindOf(chatId);

    /// <summary>Chat ids that start with '-' are groups (as on Telegram); others are private chats with the user of that id.</summary>
    public static ChatKind KindOf(string chatId) => chatId.StartsWith('-') ? ChatKind.Group : ChatKind.Private;

    public async Task<string> SendAsync(string chatId, OutgoingMessage message, CancellationToken ct)
    {
        Validate(message);
        faults.Check(chatId, KindOf(chatId));
        await using var db = dbFactory.Create();
        var row = new SandboxMessage
        {
            ChatId = chatId,
            FromBot = true,
            Text = message.Text,
            ButtonsJson = SerializeButtons(message.Buttons),
            SentAt = time.GetUtcNow(),
            Silent = message.Silent,
        };
        db.SandboxMessages.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task EditAsync(string chatId, string messageId, OutgoingMessage message, CancellationToken ct)
    {
        Validate(message);
        faults.Check(chatId, KindOf(chatId));
        await using var db = dbFactory.Create();
        var row = await FindBotMessageAsync(db, chatId, messageId, ct);
        row.Text = message.Text;
        row.ButtonsJson = SerializeButtons(message.Buttons);
        row.EditedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(string chatId, string messageId, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var row = await FindBotMessageAsync(db, chatId, messageId, ct);
        row.Deleted = true;
        await db.SaveChangesAsync(ct);
    }

    public Task AnswerButtonAsync(string pressId, string? notice, CancellationToken ct)
    {
        _pressAnswers[pressId] = notice;
        return Task.CompletedTask;
    }

    public async Task<MemberRights> GetMemberRightsAsync(string chatId, string userId, CancellationToken ct)
    {
        if (KindOf(chatId) == ChatKind.Private)
        {
            return new MemberRights(IsMember: chatId == userId, IsAdmin: chatId == userId);
        }

        await using var db = dbFactory.Create();
        var member = await db.SandboxMembers.AsNoTracking().SingleOrDefaultAsync(m => m.ChatId == chatId && m.UserId == userId, ct);
        return new MemberRights(member is not null, member?.IsAdmin ?? false);
    }

    /// <summary>Takes the answer the bot gave to a press (null notice when it answered silently); false when it did not answer.</summary>
    internal bool TryTakePressAnswer(string pressId, out string? notice) => _pressAnswers.TryRemove(pressId, out notice);

    internal static IReadOnlyList<IReadOnlyList<ChatButton>> DeserializeButtons(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<List<ChatButton>>>(json, JsonOptions) ?? [];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string? SerializeButtons(IReadOnlyList<IReadOnlyList<ChatButton>> buttons) =>
        buttons.Count == 0 ? null : JsonSerializer.Serialize(buttons, JsonOptions);

    private static void Validate(OutgoingMessage message)
    {
        if (message.Text.Length == 0)
        {
            throw new PlatformException(PlatformFailure.Rejected, "Bad Request: message text is empty");
        }

        if (message.Text.Length > MaxTextLength)
        {
            throw new PlatformException(PlatformFailure.Rejected, "Bad Request: message is too long");
        }

        foreach (var button in message.Buttons.SelectMany(row => row))
        {
            if (System.Text.Encoding.UTF8.GetByteCount(button.Data) > MaxButtonDataBytes)
            {
                throw new PlatformException(PlatformFailure.Rejected, "Bad Request: BUTTON_DATA_INVALID");
            }
        }
    }

    private static async Task<SandboxMessage> FindBotMessageAsync(AlertBotDb db, string chatId, string messageId, CancellationToken ct)
    {
        var row = long.TryParse(messageId, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? await db.SandboxMessages.SingleOrDefaultAsync(m => m.Id == id && m.ChatId == chatId && m.FromBot && !m.Deleted, ct)
            : null;
        return row ?? throw new PlatformException(PlatformFailure.Rejected, "Bad Request: message to edit not found");
    }
}
