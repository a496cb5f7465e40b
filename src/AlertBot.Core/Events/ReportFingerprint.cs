using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AlertBot.Core.Events;

/// <summary>The keys a report is de-duplicated by: its URL, and its text with spelling noise removed.</summary>
public static class ReportFingerprint
{
    /// <summary>
    /// Lower-case scheme and host, no default port, no fragment, no trailing slash, tracking parameters (<c>utm_*</c>,
    /// <c>fbclid</c>) dropped; other query parameters kept in order. Null when the URL is not absolute http(s).
    /// </summary>
    public static string? UrlKey(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var query = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("fbclid=", StringComparison.OrdinalIgnoreCase));
        var path = uri.AbsolutePath.TrimEnd('/');
        var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var q = string.Join('&', query);
        return $"{uri.Host.ToLowerInvariant()}{port}{path}{(q.Length > 0 ? "?" + q : string.Empty)}";
    }

    /// <summary>SHA-256 (hex) of the normalised text: case, Arabic diacritics and tatweel, punctuation and spacing do not count.</summary>
    public static string ContentHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(text))));

    /// <summary>Letters and digits in lower case, words separated by one space; Arabic letter variants folded.</summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (c is >= '\u064B' and <= '\u0652' or '\u0640' or '\u0670')
            {
                continue; // tashkeel, tatweel, superscript alef
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                space = false;
                sb.Append(c switch
                {
                    'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
                    'ى' => 'ي',
                    'ة' => 'ه',
                    _ => char.ToLowerInvariant(c),
                });
            }
            else
            {
                space = true;
            }
        }

        return sb.ToString();
    }
}
