using System.Net;
using System.Net.Sockets;

namespace AlertBot.Feeds;

/// <summary>Decides which IP addresses the fetcher may connect to (the SSRF guard).</summary>
internal sealed class AddressPolicy(bool allowPrivate, IReadOnlySet<IPAddress> allowed)
{
    public bool AllowPrivate { get; } = allowPrivate;

    /// <summary>Null when the address may be used, else a short reason ("loopback", "private", …).</summary>
    public string? BlockReason(IPAddress address)
    {
        if (AllowPrivate)
        {
            return null;
        }

        var canonical = Canonical(address);
        return allowed.Contains(canonical) ? null : Classify(canonical);
    }

    /// <summary>IPv4-mapped IPv6 addresses as IPv4, without scope id.</summary>
    public static IPAddress Canonical(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
    }

    /// <summary>The non-public category of an address, or null for a public unicast address.</summary>
    public static string? Classify(IPAddress address)
    {
        address = Canonical(address);
        Span<byte> b = stackalloc byte[16];
        if (!address.TryWriteBytes(b, out var length))
        {
            return "unparseable";
        }

        return length == 4 ? ClassifyV4(b[..4]) : ClassifyV6(b);
    }

    private static string? ClassifyV4(ReadOnlySpan<byte> b) => b[0] switch
    {
        0 => "unspecified",
        10 => "private",
        100 when (b[1] & 0xC0) == 64 => "carrier-grade NAT",
        127 => "loopback",
        169 when b[1] == 254 => "link-local",
        172 when (b[1] & 0xF0) == 16 => "private",
        192 when b[1] == 168 => "private",
        192 when b[1] == 0 && b[2] is 0 or 2 => "reserved",
        198 when (b[1] & 0xFE) == 18 => "reserved",
        198 when b[1] == 51 && b[2] == 100 => "reserved",
        203 when b[1] == 0 && b[2] == 113 => "reserved",
        >= 224 and <= 239 => "multicast",
        >= 240 => "reserved",
        _ => null,
    };

    private static string? ClassifyV6(ReadOnlySpan<byte> b)
    {
        if (b[..15].IndexOfAnyExcept((byte)0) < 0)
        {
            return b[15] switch
            {
                0 => "unspecified",
                1 => "loopback",
                _ => "reserved",
            };
        }

        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return "reserved"; // IPv4-compatible (deprecated)
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            // NAT64: 64:ff9b::/96 embeds an IPv4 address; 64:ff9b:1::/48 is for local use.
            return b[4..12].IndexOfAnyExcept((byte)0) < 0 ? ClassifyV4(b[12..16]) : "reserved";
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return ClassifyV4(b[2..6]); // 6to4 embeds the IPv4 address of the relay
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            return "reserved"; // Teredo
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
        {
            return "reserved"; // documentation
        }

        if (b[0] == 0x01 && b[1] == 0x00 && b[2..8].IndexOfAnyExcept((byte)0) < 0)
        {
            return "reserved"; // discard prefix
        }

        return b[0] switch
        {
            0xFF => "multicast",
            0xFC or 0xFD => "unique-local",
            0xFE when (b[1] & 0xC0) == 0x80 => "link-local",
            0xFE when (b[1] & 0xC0) == 0xC0 => "site-local",
            _ => null,
        };
    }
}

/// <summary>Thrown inside the connection callback when a host resolves to a refused address; no socket was opened.</summary>
internal sealed class BlockedAddressException : Exception
{
    public BlockedAddressException()
    {
    }

    public BlockedAddressException(string message)
        : base(message)
    {
    }

    public BlockedAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static BlockedAddressException For(string host, IPAddress address, string reason) =>
        new(host == address.ToString()
            ? $"Address {address} is {reason}; fetching non-public addresses is not allowed."
            : $"Host '{host}' resolves to {address}, which is {reason}; fetching non-public addresses is not allowed.");
}
