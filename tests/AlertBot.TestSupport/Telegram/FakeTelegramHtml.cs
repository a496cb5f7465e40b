using System.Globalization;
using System.Text;

namespace AlertBot.TestSupport.Telegram;

/// <summary>
/// Telegram's <c>parse_mode=HTML</c> as the Bot API reads it: only its tags (b, strong, i, em, u, ins, s, strike, del,
/// span class="tg-spoiler", tg-spoiler, a href, code, pre, blockquote, tg-emoji), properly nested; the entities
/// &amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric ones. What it refuses it names the way Telegram does, after
/// "can't parse entities: ". The visible text is what Telegram's 4,096-character limit counts.
/// </summary>
public static class FakeTelegramHtml
{
    private static readonly HashSet<string> Tags = new(StringComparer.Ordinal)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji",
    };

    /// <summary>The visible text of <paramref name="html"/>, or null with the reason Telegram would give.</summary>
    public static string? ToPlain(string html, out string? error)
    {
        var plain = new StringBuilder(html.Length);
        var open = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var close = html.IndexOf('>', i);
                if (close < 0)
                {
                    error = $"Unclosed start tag at byte offset {ByteOffset(html, i)}";
                    return null;
                }

                var inside = html[(i + 1)..close];
                if (inside.StartsWith('/'))
                {
                    var name = inside[1..].Trim().ToLowerInvariant();
                    if (open.Count == 0 || open.Peek() != name)
                    {
                        error = open.Count == 0
                            ? $"Unexpected end tag at byte offset {ByteOffset(html, i)}"
                            : $"Unmatched end tag at byte offset {ByteOffset(html, i)}, expected \"</{open.Peek()}>\", found \"</{name}>\"";
                        return null;
                    }

                    open.Pop();
                }
                else
                {
                    var space = inside.IndexOfAny([' ', '\t', '\n']);
                    var name = (space < 0 ? inside : inside[..space]).ToLowerInvariant();
                    var attributes = space < 0 ? string.Empty : inside[space..];
                    if (!Tags.Contains(name))
                    {
                        error = $"Unsupported start tag \"{name}\" at byte offset {ByteOffset(html, i)}";
                        return null;
                    }

                    if (name == "a" && !attributes.Contains("href=", StringComparison.Ordinal))
                    {
                        error = $"Can't find href attribute of the tag \"a\" at byte offset {ByteOffset(html, i)}";
                        return null;
                    }

                    if (name == "span" && !attributes.Contains("tg-spoiler", StringComparison.Ordinal))
                    {
                        error = $"Tag \"span\" must have class \"tg-spoiler\" at byte offset {ByteOffset(html, i)}";
                        return null;
                    }

                    if (attributes.Count(ch => ch == '"') % 2 != 0)
                    {
                        error = $"Unclosed attribute value at byte offset {ByteOffset(html, i)}";
                        return null;
                    }

                    open.Push(name);
                }

                i = close + 1;
                continue;
            }

            if (c == '>')
            {
                // Telegram takes a bare '>' as text.
                plain.Append(c);
                i++;
                continue;
            }

            if (c == '&' && Entity(html, i) is var (text, length) && length > 0)
            {
                plain.Append(text);
                i += length;
                continue;
            }

            plain.Append(c);
            i++;
        }

        if (open.Count > 0)
        {
            error = $"Can't find end tag corresponding to start tag \"{open.Peek()}\"";
            return null;
        }

        error = null;
        return plain.ToString();
    }

    private static (string Text, int Length) Entity(string html, int at)
    {
        var semicolon = html.IndexOf(';', at);
        if (semicolon < 0 || semicolon - at > 10)
        {
            return (string.Empty, 0);
        }

        var name = html[(at + 1)..semicolon];
        var length = semicolon - at + 1;
        return name switch
        {
            "lt" => ("<", length),
            "gt" => (">", length),
            "amp" => ("&", length),
            "quot" => ("\"", length),
            _ when name.StartsWith("#x", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(name[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) && hex is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF)
                => (char.ConvertFromUtf32(hex), length),
            _ when name.StartsWith('#') && int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec) && dec is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF)
                => (char.ConvertFromUtf32(dec), length),
            _ => (string.Empty, 0),
        };
    }

    private static int ByteOffset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));
}
