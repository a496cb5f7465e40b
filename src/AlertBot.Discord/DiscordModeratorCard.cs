using System.Globalization;
using System.Text;
using AlertBot.Core.Events;
using AlertBot.Core.Platforms;
using AlertBot.Core.Rendering;
using AlertBot.Extraction;

namespace AlertBot.Discord;

/// <summary>
/// An event as a card in the moderators' channel (Discord markdown): its state, types, places, actors, counts, sources
/// with links, and the first report's text with what the extractor read underlined. A pending event has Confirm,
/// Reject, Claim (and Merge, when clustering linked it to a decided event) buttons; a decided one none.
/// </summary>
internal static class DiscordModeratorCard
{
    public const string Confirm = "mc";
    public const string Reject = "mr";
    public const string Claim = "mk";
    public const string Merge = "mm";

    /// <summary>The report text shown on a card, at most (a Discord message holds 2,000 characters); the rest is on the console.</summary>
    public const int MaxReportText = 900;

    public static string Data(string action, long eventId) => action + ":" + eventId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The action and event of a card button's (or the reject modal's) custom id, when it is one.</summary>
    public static bool TryParse(string data, out string action, out long eventId)
    {
        action = string.Empty;
        eventId = 0;
        var colon = data.IndexOf(':', StringComparison.Ordinal);
        if (colon != 2 || data[..colon] is not (Confirm or Reject or Claim or Merge))
        {
            return false;
        }

        action = data[..colon];
        return long.TryParse(data.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out eventId);
    }

    public static OutgoingMessage Render(Event e, Gazetteer gazetteer, DateTimeOffset now)
    {
        var md = new StringBuilder();
        md.Append(Status(e, now)).Append('\n');
        Line(md, "Types · الأنواع", e.EventTypes.Select(t => EventTypes.Find(t) is { } type ? $"{type.NameEn} · {type.NameAr}" : t));
        Line(md, "Places · الأماكن", e.PlaceIds.Select(p => gazetteer.Find(p) is { } place ? $"{place.NameEn} · {place.NameAr}" : p));
        Line(md, "Actors · الجهات", e.ActorIds.Select(a => ActorRoleText.Bilingual(a, e.ActorRoles)));
        Line(md, "Counts · الأعداد", e.Counts.Select(c => $"{c.Key}: {c.Value.ToString(CultureInfo.InvariantCulture)}"));
        md.Append("**Date · التاريخ:** ").Append(e.EventDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');

        var sources = e.Reports.GroupBy(r => r.Source, StringComparer.Ordinal).Select(g => g.First()).ToList();
        md.Append("**Sources · المصادر (").Append(sources.Count.ToString(CultureInfo.InvariantCulture)).Append("):** ");
        md.AppendJoin(", ", sources.Select(r => r.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var link) && link.Scheme is "http" or "https"
            ? $"[{DiscordMessages.Escape(r.Source)}](<{link.AbsoluteUri.Replace(">", "%3E", StringComparison.Ordinal)}>)"
            : DiscordMessages.Escape(r.Source)));
        md.Append('\n');

        if (e.Reports.FirstOrDefault() is { } report)
        {
            md.Append('\n');
            if (!string.IsNullOrWhiteSpace(report.Title))
            {
                md.Append("**").Append(Marked(report.Title, report.Highlights, "title", MaxReportText)).Append("**\n");
            }

            md.Append(Marked(report.Text, report.Highlights, "body", MaxReportText));
        }

        return new OutgoingMessage(md.ToString(), e.Status == EventStatus.Pending ? Buttons(e) : []) { IsMarkup = true };
    }

    private static IReadOnlyList<IReadOnlyList<ChatButton>> Buttons(Event e)
    {
        var second = new List<ChatButton> { new("✋ Claim · حجز", Data(Claim, e.Id)) };
        if (e.LinkedEventId is { } linked)
        {
            second.Add(new ChatButton($"🔀 Merge into #{linked.ToString(CultureInfo.InvariantCulture)} · دمج", Data(Merge, e.Id)));
        }

        return
        [
            [new ChatButton("✅ Confirm · تأكيد", Data(Confirm, e.Id)), new ChatButton("❌ Reject · رفض", Data(Reject, e.Id))],
            second,
        ];
    }

    private static string Status(Event e, DateTimeOffset now)
    {
        var id = "#" + e.Id.ToString(CultureInfo.InvariantCulture);
        var by = DiscordMessages.Escape(e.DecidedBy ?? "?");
        var status = e.Status switch
        {
            EventStatus.Confirmed => $"✅ **Event {id} confirmed** by {by} · تم التأكيد",
            EventStatus.Rejected => $"❌ **Event {id} rejected** by {by}" + (e.DecisionReason is { Length: > 0 } reason ? ": " + DiscordMessages.Escape(reason) : string.Empty) + " · رُفض",
            EventStatus.Merged => $"🔀 **Event {id} merged** into #{e.MergedIntoId?.ToString(CultureInfo.InvariantCulture)} by {by} · دُمج",
            EventStatus.Retracted => $"↩️ **Event {id} retracted** by {by} · سُحب",
            _ => $"🕓 **Event {id} pending** · بانتظار التأكيد",
        };
        if (e.Status == EventStatus.Pending && e.Confirmations.Count > 0)
        {
            status += "\nConfirmed so far by " + DiscordMessages.Escape(string.Join(", ", e.Confirmations)) + "; a second moderator must confirm.";
        }

        if (e.Status == EventStatus.Pending && e.ClaimedBy is { } claimant && e.ClaimedUntil > now)
        {
            status += $"\n✋ Claimed by {DiscordMessages.Escape(claimant)} until {e.ClaimedUntil.Value.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";
        }

        if (e.Status == EventStatus.Pending && e.LinkedEventId is { } linked)
        {
            status += $"\nMay be the same incident as #{linked.ToString(CultureInfo.InvariantCulture)}"
                + (e.LinkReason is { Length: > 0 } why ? ": " + DiscordMessages.Escape(why) : string.Empty);
        }

        return status;
    }

    private static void Line(StringBuilder md, string label, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count > 0)
        {
            md.Append("**").Append(label).Append(":** ").Append(DiscordMessages.Escape(string.Join(", ", list))).Append('\n');
        }
    }

    /// <summary>The text with each extracted span underlined, escaped, cut at <paramref name="max"/> characters outside any span.</summary>
    private static string Marked(string text, IReadOnlyList<Highlight> highlights, string part, int max)
    {
        var spans = highlights.Where(h => h.Part == part && h.Length > 0 && h.Start >= 0 && h.Start + h.Length <= text.Length)
            .OrderBy(h => h.Start).ToList();
        var md = new StringBuilder();
        var at = 0;
        foreach (var span in spans)
        {
            if (span.Start < at || span.Start + span.Length > max)
            {
                continue;
            }

            md.Append(DiscordMessages.Escape(text[at..span.Start])).Append("__").Append(DiscordMessages.Escape(text.Substring(span.Start, span.Length))).Append("__");
            at = span.Start + span.Length;
        }

        var end = Math.Min(text.Length, Math.Max(at, max));
        if (end < text.Length && end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        md.Append(DiscordMessages.Escape(text[at..end]));
        if (end < text.Length)
        {
            md.Append('…');
        }

        return md.ToString();
    }
}
