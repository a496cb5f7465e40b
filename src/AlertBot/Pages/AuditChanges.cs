using AlertBot.Core.Events;

namespace AlertBot.Pages;

/// <summary>The fields an audited action changed, as text before and after.</summary>
public static class AuditChanges
{
    public static IEnumerable<(string Field, string Before, string After)> Of(EventSnapshot? before, EventSnapshot? after)
    {
        if (after is null)
        {
            yield break;
        }

        var fields = new (string Name, Func<EventSnapshot, string> Read)[]
        {
            ("status", s => s.Status.ToLowerInvariant()),
            ("types", s => string.Join(", ", s.EventTypes)),
            ("places", s => string.Join(", ", s.PlaceIds)),
            ("actors", s => string.Join(", ", s.ActorIds)),
            ("roles", s => string.Join(", ", (s.ActorRoles ?? new Dictionary<string, string>()).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"))),
            ("counts", s => ConsoleText.Counts(s.Counts)),
            ("note ar", s => s.NoteAr ?? string.Empty),
            ("note en", s => s.NoteEn ?? string.Empty),
            ("confirmations", s => string.Join(", ", s.Confirmations)),
            ("reports", s => s.SourceCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("claimed by", s => s.ClaimedBy ?? string.Empty),
        };
        foreach (var (name, read) in fields)
        {
            var was = before is null ? string.Empty : read(before);
            var now = read(after);
            if (was != now)
            {
                yield return (name, was.Length == 0 ? "—" : was, now.Length == 0 ? "—" : now);
            }
        }
    }
}
