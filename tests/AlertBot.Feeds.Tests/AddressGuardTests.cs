using System.Diagnostics;
using System.Net;

namespace AlertBot.Feeds.Tests;

/// <summary>The SSRF guard: non-public addresses are refused before any connection, at every hop.</summary>
public sealed class AddressGuardTests
{
    private static FeedFetcher CreateGuardedFetcher(params string[] allowed)
    {
        var options = new FeedFetcherOptions { AllowPrivateAddresses = false, Timeout = TimeSpan.FromSeconds(5) };
        foreach (var address in allowed)
        {
            options.AllowedAddresses.Add(address);
        }

        return FeedFetcher.Create(options, TimeProvider.System);
    }

    [Fact]
    public async Task Hostname_resolving_to_loopback_is_blocked_without_any_connection_attempt()
    {
        await using var sentinel = await FeedTestServer.StartAsync();
        using var fetcher = CreateGuardedFetcher();

        var result = await fetcher.FetchAsync(new FeedRequest(new Uri($"http://localhost:{sentinel.BaseUrl.Port}/en.xml")), CancellationToken.None);

        var failed = Assert.IsType<FetchResult.Failed>(result);
        Assert.Equal(FeedFailureKind.BlockedAddress, failed.Kind);
        Assert.Contains("'localhost' resolves to", failed.Message, StringComparison.Ordinal);
        Assert.Contains("loopback", failed.Message, StringComparison.Ordinal);
        Assert.Equal(0, sentinel.Connections);
    }

    [Fact]
    public async Task Loopback_literal_is_blocked_without_any_connection_attempt()
    {
        await using var sentinel = await FeedTestServer.StartAsync();
        using var fetcher = CreateGuardedFetcher();

        var result = await fetcher.FetchAsync(new FeedRequest(sentinel.Url("en.xml")), CancellationToken.None);

        Assert.Equal(FeedFailureKind.BlockedAddress, Assert.IsType<FetchResult.Failed>(result).Kind);
        Assert.Equal(0, sentinel.Connections);
    }

    [Theory]
    [InlineData("http://10.0.0.1/feed.xml", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://192.168.1.20:8080/rss", "private")]
    [InlineData("http://172.20.0.5/rss", "private")]
    [InlineData("http://100.64.1.1/rss", "carrier-grade NAT")]
    [InlineData("http://0.0.0.0/rss", "unspecified")]
    [InlineData("http://224.0.0.251/rss", "multicast")]
    [InlineData("http://[::1]/rss", "loopback")]
    [InlineData("http://[fd12:3456::1]/rss", "unique-local")]
    [InlineData("http://[fe80::1]/rss", "link-local")]
    [InlineData("http://[::ffff:10.1.2.3]/rss", "private")]
    [InlineData("http://2130706433/rss", "loopback")]
    public async Task Private_and_link_local_literals_are_blocked_before_any_request(string url, string reason)
    {
        using var fetcher = CreateGuardedFetcher();
        var stopwatch = Stopwatch.StartNew();

        var result = await fetcher.FetchAsync(new FeedRequest(new Uri(url)), CancellationToken.None);

        var failed = Assert.IsType<FetchResult.Failed>(result);
        Assert.Equal(FeedFailureKind.BlockedAddress, failed.Kind);
        Assert.Contains(reason, failed.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), "a refused address must not be contacted (no connect timeout)");
    }

    [Fact]
    public async Task Redirect_to_a_blocked_address_or_name_is_refused_at_that_hop_without_contacting_it()
    {
        await using var origin = await FeedTestServer.StartAsync(IPAddress.Parse("127.0.0.2"));
        await using var internalHost = await FeedTestServer.StartAsync(IPAddress.Loopback);
        using var fetcher = CreateGuardedFetcher("127.0.0.2"); // the origin is explicitly allowed, 127.0.0.1 is not
        var port = internalHost.BaseUrl.Port;
        string[] targets = [$"http://127.0.0.1:{port}/en.xml", $"http://localhost:{port}/en.xml", "http://169.254.169.254/latest/meta-data/"];

        foreach (var target in targets)
        {
            var result = await fetcher.FetchAsync(new FeedRequest(origin.Url("redirect-to?url=" + Uri.EscapeDataString(target))), CancellationToken.None);

            var failed = Assert.IsType<FetchResult.Failed>(result);
            Assert.True(failed.Kind == FeedFailureKind.BlockedAddress, $"{target}: {failed.Kind} {failed.Message}");
        }

        Assert.Equal(0, internalHost.Connections);
        Assert.Equal(targets.Length, origin.Requests.Count);
    }

    [Fact]
    public async Task Explicitly_allowed_address_can_be_fetched_while_others_stay_blocked()
    {
        await using var server = await FeedTestServer.StartAsync();
        using var fetcher = CreateGuardedFetcher("127.0.0.1");

        var result = await fetcher.FetchAsync(new FeedRequest(server.Url("en.xml")), CancellationToken.None);

        Assert.IsType<FetchResult.Fetched>(result);
    }

    [Fact]
    public async Task Connect_callback_resolves_names_itself_and_refuses_loopback()
    {
        var policy = new AddressPolicy(allowPrivate: false, new HashSet<IPAddress>());

        var ex = await Assert.ThrowsAsync<BlockedAddressException>(
            async () => await FeedHttpHandler.ConnectAsync(new DnsEndPoint("localhost", 80), policy, CancellationToken.None));

        Assert.Contains("loopback", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8", null)]
    [InlineData("93.184.216.34", null)]
    [InlineData("2606:4700:4700::1111", null)]
    [InlineData("127.10.0.1", "loopback")]
    [InlineData("10.255.255.255", "private")]
    [InlineData("172.15.0.1", null)]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("172.32.0.1", null)]
    [InlineData("192.168.0.1", "private")]
    [InlineData("169.254.0.1", "link-local")]
    [InlineData("100.63.255.255", null)]
    [InlineData("100.64.0.0", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("100.128.0.0", null)]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("198.18.0.1", "reserved")]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fe80::abcd%2", "link-local")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:8.8.8.8", null)]
    [InlineData("64:ff9b::a00:1", "private")]
    [InlineData("64:ff9b::808:808", null)]
    [InlineData("2002:a00:1::1", "private")]
    [InlineData("2001:db8::1", "reserved")]
    public void Addresses_are_classified_by_range(string address, string? expected)
    {
        Assert.Equal(expected, AddressPolicy.Classify(IPAddress.Parse(address)));
    }

    [Fact]
    public void Allowing_private_addresses_disables_the_guard()
    {
        var open = new AddressPolicy(allowPrivate: true, new HashSet<IPAddress>());
        var closed = new AddressPolicy(allowPrivate: false, new HashSet<IPAddress> { IPAddress.Parse("10.0.0.5") });

        Assert.Null(open.BlockReason(IPAddress.Loopback));
        Assert.Null(closed.BlockReason(IPAddress.Parse("::ffff:10.0.0.5")));
        Assert.Equal("private", closed.BlockReason(IPAddress.Parse("10.0.0.6")));
    }
}
