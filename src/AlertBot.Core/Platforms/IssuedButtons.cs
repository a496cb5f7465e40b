using System.Globalization;
using System.Text;
using System.Text.Json;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.Core.Platforms;

/// <summary>The buttons the bot put under one of its messages: what each sends back on the wire, and the data it stands for.</summary>
public sealed class IssuedMenu
{
    public long Id { get; set; }
    public required string Platform { get; set; }
    public required string ChatId { get; set; }
    public required string MessageId { get; set; }

    /// <summary>JSON array of [wire, data] pairs.</summary>
    public required string ButtonsJson { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>One button as issued: <see cref="Wire"/> is what the platform carries, <see cref="Data"/> what the conversation meant.</summary>
public sealed record IssuedButton(string Wire, string Data);

/// <summary>
/// Fits buttons to a platform's capabilities and remembers what was issued on each message, so that a press is honoured
/// only for data the bot issued on that message to that chat: forged data, data from another message or another chat,
/// and data from a menu since replaced are refused on every platform. Data longer than the platform carries (or repeated
/// where it must be unique) travels as a short token that only this registry resolves.
/// </summary>
public sealed class IssuedButtons(AlertBotDbFactory dbFactory, TimeProvider time)
{
    /// <summary>How long a menu's buttons keep working; older presses are answered as stale.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private const char TokenMark = '~';
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The message as the platform will carry it (labels cut to length, data tokenised where needed) and what it issues.
    /// A menu with more rows or buttons than the platform allows is a bug of the caller, which sizes menus by the
    /// capabilities: it throws rather than send a message the platform would refuse.
    /// </summary>
    public static (OutgoingMessage Wire, IReadOnlyList<IssuedButton> Issued) Fit(OutgoingMessage message, ChatCapabilities capabilities)
    {
        if (message.Buttons.Count == 0)
        {
            return (message, []);
        }

        if (message.Buttons.Count > capabilities.MaxButtonRows || message.Buttons.Any(r => r.Count > capabilities.MaxButtonsPerRow))
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"a menu of {message.Buttons.Count} rows (widest {message.Buttons.Max(r => r.Count)}) exceeds the platform's {capabilities.MaxButtonRows} × {capabilities.MaxButtonsPerRow}"));
        }

        var issued = new List<IssuedButton>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<ChatButton>>();
        var index = 0;
        foreach (var row in message.Buttons)
        {
            var wireRow = new List<ChatButton>();
            foreach (var button in row)
            {
                var label = CutLabel(button.Label, capabilities.MaxButtonLabelLength);
                if (button.Url is not null)
                {
                    wireRow.Add(button with { Label = label });
                    continue;
                }

                var wire = button.Data;
                var tooLong = Encoding.UTF8.GetByteCount(wire) > capabilities.MaxButtonDataBytes || wire.Length == 0 || wire[0] == TokenMark;
                if (tooLong || (capabilities.UniqueButtonData && !seen.Add(wire)))
                {
                    wire = TokenMark + index.ToString(CultureInfo.InvariantCulture);
                }

                issued.Add(new IssuedButton(wire, button.Data));
                wireRow.Add(new ChatButton(label, wire));
                index++;
            }

            rows.Add(wireRow);
        }

        return (message with { Buttons = rows }, issued);
    }

    /// <summary>Remembers (or, after an edit, replaces) what a message's buttons issue.</summary>
    public async Task RecordAsync(ChatRef chat, string messageId, IReadOnlyList<IssuedButton> issued, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        await db.IssuedMenus.Where(m => m.Platform == chat.Platform && m.ChatId == chat.ChatId && m.MessageId == messageId).ExecuteDeleteAsync(ct);
        if (issued.Count == 0)
        {
            return;
        }

        var pairs = issued.Select(b => new[] { b.Wire, b.Data }).ToList();
        db.IssuedMenus.Add(new IssuedMenu
        {
            Platform = chat.Platform,
            ChatId = chat.ChatId,
            MessageId = messageId,
            ButtonsJson = JsonSerializer.Serialize(pairs, JsonOptions),
            IssuedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The data a pressed button stands for, or null when the bot did not issue it on that message to that chat.</summary>
    public async Task<string?> ResolveAsync(ChatRef chat, string messageId, string wire, CancellationToken ct)
    {
        if (wire.Length == 0)
        {
            return null;
        }

        await using var db = dbFactory.Create();
        var json = await db.IssuedMenus.AsNoTracking()
            .Where(m => m.Platform == chat.Platform && m.ChatId == chat.ChatId && m.MessageId == messageId)
            .Select(m => m.ButtonsJson)
            .SingleOrDefaultAsync(ct);
        if (json is null)
        {
            return null;
        }

        var pairs = JsonSerializer.Deserialize<List<string[]>>(json, JsonOptions) ?? [];
        return pairs.FirstOrDefault(p => p.Length == 2 && string.Equals(p[0], wire, StringComparison.Ordinal))?[1];
    }

    /// <summary>A chat moved (group → supergroup): its menus keep working at the new id.</summary>
    public static Task MoveAsync(AlertBotDb db, string platform, string fromChatId, string toChatId, CancellationToken ct) =>
        db.IssuedMenus.Where(m => m.Platform == platform && m.ChatId == fromChatId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ChatId, toChatId), ct);

    /// <summary>Forgets menus older than <see cref="Retention"/>; returns how many.</summary>
    public async Task<int> CleanUpAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - Retention;
        await using var db = dbFactory.Create();
        return await db.IssuedMenus.Where(m => m.IssuedAt < before).ExecuteDeleteAsync(ct);
    }

    private static string CutLabel(string label, int max)
    {
        if (label.Length <= max)
        {
            return label;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(label[cut - 1]))
        {
            cut--;
        }

        return label[..cut] + "…";
    }
}
