using System.Globalization;
using System.Net;

namespace AlertBot.Feeds;

/// <summary>Settings of <see cref="FeedFetcher"/> and of the HTTP handler it uses (bindable from configuration).</summary>
public sealed class FeedFetcherOptions
{
    /// <summary>Product token sent in the User-Agent.</summary>
    public const string Product = "AlertBot/1.0";

    /// <summary>Whole-fetch time limit (all redirect hops and the body), counted from when the host slot is acquired.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Redirects followed at most; one more is reported as <see cref="FeedFailureKind.TooManyRedirects"/>.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Largest body (after decompression) that is read; anything longer is cut off and reported as <see cref="FeedFailureKind.TooLarge"/>.</summary>
    public int MaxResponseBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Requests in flight at once to one host name; further fetches to that host wait their turn.</summary>
    public int MaxConcurrencyPerHost { get; set; } = 2;

    /// <summary>A page telling site operators who runs the bot; sent in the User-Agent as <c>AlertBot/1.0 (+url)</c>.</summary>
    public Uri? ContactUrl { get; set; }

    /// <summary>
    /// Allows connections to loopback, private, link-local, unique-local, CGNAT, multicast and reserved addresses.
    /// Off by default: feed URLs (and every redirect hop, and every address a name resolves to) must be public.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Exact addresses (for example an internal mirror) allowed even when <see cref="AllowPrivateAddresses"/> is off.</summary>
    public IList<string> AllowedAddresses { get; } = new List<string>();

    /// <summary>The User-Agent header value.</summary>
    public string UserAgent => ContactUrl is null
        ? Product
        : string.Create(CultureInfo.InvariantCulture, $"{Product} (+{ContactUrl.AbsoluteUri})");

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="FormatException"/> for unusable settings.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRedirects, nameof(MaxRedirects));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResponseBytes, 1024, nameof(MaxResponseBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxResponseBytes, Array.MaxLength - 1, nameof(MaxResponseBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrencyPerHost, 1, nameof(MaxConcurrencyPerHost));
        _ = ParseAllowedAddresses();
    }

    internal IReadOnlySet<IPAddress> ParseAllowedAddresses()
    {
        var set = new HashSet<IPAddress>();
        foreach (var text in AllowedAddresses)
        {
            if (!IPAddress.TryParse(text, out var address))
            {
                throw new FormatException($"AllowedAddresses entry '{text}' is not an IP address.");
            }

            set.Add(AddressPolicy.Canonical(address));
        }

        return set;
    }
}
