using System.Text;

namespace AlertBot.Core.Rendering;

/// <summary>
/// Writes <see cref="RichText"/> in a platform's markup with every piece of text escaped, and splits it into
/// messages no longer than the platform allows, only between lines, so no tag, entity or surrogate pair is cut.
/// </summary>
public abstract class PlatformMarkup
{
    /// <summary>Telegram's <c>parse_mode=HTML</c>: only &lt;, &gt; and &amp; are special; 4,096 characters a message.</summary>
    public static PlatformMarkup TelegramHtml { get; } = new TelegramHtmlMarkup();

    /// <summary>Discord markdown (sent with <c>allowed_mentions</c> empty); 2,000 characters a message.</summary>
    public static PlatformMarkup DiscordMarkdown { get; } = new DiscordMarkdownMarkup();

    /// <summary>No markup at all (the sandbox); links are written out after their text.</summary>
    public static PlatformMarkup Plain { get; } = new PlainMarkup();

    public abstract int MaxLength { get; }

    public IReadOnlyList<string> Write(RichText text) => Write(text, MaxLength);

    /// <summary>Writes <paramref name="text"/> in messages of at most <paramref name="maxLength"/> characters (a platform's capability).</summary>
    public IReadOnlyList<string> Write(RichText text, int maxLength)
    {
        var lines = text.Lines.Select(WriteLine).ToList();
        var messages = new List<string>();
        var current = new StringBuilder();
        foreach (var line in lines.SelectMany(l => SplitLongLine(l, maxLength)))
        {
            if (current.Length > 0 && current.Length + 1 + line.Length > maxLength)
            {
                messages.Add(current.ToString().TrimEnd('\n'));
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append('\n');
            }

            current.Append(line);
        }

        if (current.Length > 0)
        {
            messages.Add(current.ToString().TrimEnd('\n'));
        }

        return messages;
    }

    protected abstract string Escape(string text);

    protected abstract string Bold(string escaped);

    /// <summary>A link; <paramref name="rightToLeft"/> says whether it stands in an Arabic line (where a visible address must be isolated).</summary>
    protected abstract string Link(string escaped, Uri url, bool rightToLeft);

    /// <summary>A line longer than a whole message (it should not happen: texts are capped) is cut where no markup or surrogate pair is open.</summary>
    protected virtual bool IsSafeCut(string line, int index) => !char.IsLowSurrogate(line[index]);

    private string WriteLine(RichLine line)
    {
        var sb = new StringBuilder();
        if (line.RightToLeft && line.Segments.Count > 0)
        {
            sb.Append(Bilingual.Rlm);
        }

        foreach (var segment in line.Segments)
        {
            // Controls from quoted text go; then, in a right-to-left line, the bot adds its own isolates around Latin runs.
            var text = line.RightToLeft ? Bidi.IsolateLatinRuns(segment.Text) : WithoutDirectionControls(segment.Text);
            var escaped = Escape(text);
            sb.Append(segment.Link is { } url ? Link(escaped, url, line.RightToLeft) : segment.Bold ? Bold(escaped) : escaped);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Removes the bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) from quoted
    /// text: one of them could otherwise reverse the rest of the line ("evil.exe" shown as "exe.live") or spill into the
    /// bot's own words. Plain right-to-left and left-to-right marks stay; they change no other text.
    /// </summary>
    public static string WithoutDirectionControls(string text) => Bidi.WithoutDirectionControls(text);

    private IEnumerable<string> SplitLongLine(string line, int max)
    {
        var start = 0;
        while (line.Length - start > max)
        {
            var cut = start + max;
            while (cut > start + 1 && !IsSafeCut(line, cut))
            {
                cut--;
            }

            yield return line[start..cut];
            start = cut;
        }

        yield return line[start..];
    }

    private sealed class TelegramHtmlMarkup : PlatformMarkup
    {
        public override int MaxLength => 4096;

        protected override string Escape(string text) =>
            text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

        protected override string Bold(string escaped) => $"<b>{escaped}</b>";

        protected override string Link(string escaped, Uri url, bool rightToLeft) => $"<a href=\"{Escape(url.AbsoluteUri).Replace("\"", "&quot;", StringComparison.Ordinal)}\">{escaped}</a>";

        protected override bool IsSafeCut(string line, int index)
        {
            if (char.IsLowSurrogate(line[index]))
            {
                return false;
            }

            // Not inside a tag or an entity, and not between an opening and a closing tag.
            var lastOpen = line.LastIndexOf('<', index - 1);
            var lastClose = line.LastIndexOf('>', index - 1);
            var lastAmp = line.LastIndexOf('&', index - 1);
            var lastSemi = line.LastIndexOf(';', index - 1);
            var insideTag = lastOpen > lastClose;
            var insideEntity = lastAmp > lastSemi;
            var head = line[..index];
            var openElements = CountOf(head, "<b>") + CountOf(head, "<a ") - CountOf(head, "</b>") - CountOf(head, "</a>");
            return !insideTag && !insideEntity && openElements == 0;
        }

        private static int CountOf(string s, string what)
        {
            var count = 0;
            for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + what.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }
    }

    private sealed class DiscordMarkdownMarkup : PlatformMarkup
    {
        public override int MaxLength => 2000;

        protected override string Escape(string text)
        {
            var sb = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '<' or '#' or '-' or '[' or ']' or '(' or ')' or ':')
                {
                    sb.Append('\\');
                }

                sb.Append(c);

                // Even with allowed_mentions empty, @everyone should not read as a mention.
                if (c == '@')
                {
                    sb.Append('\u200B');
                }
            }

            return sb.ToString();
        }

        protected override string Bold(string escaped) => $"**{escaped}**";

        protected override string Link(string escaped, Uri url, bool rightToLeft) => $"[{escaped}](<{url.AbsoluteUri.Replace(">", "%3E", StringComparison.Ordinal)}>)";

        protected override bool IsSafeCut(string line, int index) => !char.IsLowSurrogate(line[index]) && line[index - 1] != '\\';
    }

    private sealed class PlainMarkup : PlatformMarkup
    {
        public override int MaxLength => 4096;

        protected override string Escape(string text) => text;

        protected override string Bold(string escaped) => escaped;

        protected override string Link(string escaped, Uri url, bool rightToLeft) =>
            rightToLeft ? $"{escaped} ({Bidi.Lri}{url.AbsoluteUri}{Bidi.Pdi})" : $"{escaped} ({url.AbsoluteUri})";
    }
}
