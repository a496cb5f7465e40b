using System.Diagnostics;
using System.Net;

namespace AlertBot.Feeds.Tests;

public sealed class FeedFetcherTests : IAsyncLifetime
{
    private FeedTestServer server = null!;
    private FeedFetcher fetcher = null!;

    public async Task InitializeAsync()
    {
        server = await FeedTestServer.StartAsync();
        fetcher = CreateFetcher();
    }

    public async Task DisposeAsync()
    {
        fetcher.Dispose();
        await server.DisposeAsync();
    }

    private static FeedFetcher CreateFetcher(Action<FeedFetcherOptions>? configure = null)
    {
        var options = new FeedFetcherOptions
        {
            AllowPrivateAddresses = true, // the test server is on loopback
            Timeout = TimeSpan.FromSeconds(5),
            ContactUrl = new Uri("https://alertbot.example.org/about"),
        };
        configure?.Invoke(options);
        return FeedFetcher.Create(options, TimeProvider.System);
    }

    private Task<FetchResult> Fetch(string path, string? etag = null, DateTimeOffset? lastModified = null, FeedFetcher? with = null) =>
        (with ?? fetcher).FetchAsync(new FeedRequest(server.Url(path), etag, lastModified), CancellationToken.None);

    private static FetchResult.Failed AssertFailed(FetchResult result, FeedFailureKind kind)
    {
        var failed = Assert.IsType<FetchResult.Failed>(result);
        Assert.True(failed.Kind == kind, $"expected {kind}, got {failed.Kind}: {failed.Message}");
        Assert.False(string.IsNullOrWhiteSpace(failed.Message));
        return failed;
    }

    [Fact]
    public async Task English_feed_is_fetched_parsed_and_returns_its_validators()
    {
        var result = Assert.IsType<FetchResult.Fetched>(await Fetch("en.xml"));

        Assert.Equal(FeedFormat.Rss20, result.Document.Format);
        Assert.Equal(5, result.Document.Items.Count);
        Assert.Equal("\"en-v1\"", result.ETag);
        Assert.Equal(new DateTimeOffset(2024, 5, 12, 9, 0, 0, TimeSpan.Zero), result.LastModified);
        Assert.Equal(server.Url("en.xml"), result.FinalUrl);
        Assert.False(result.MovedPermanently);
        Assert.Equal(FixtureFiles.Bytes("rss-en.xml").Length, result.Body.Length);
    }

    [Fact]
    public async Task Arabic_atom_and_json_feeds_are_fetched_and_detected()
    {
        var arabic = Assert.IsType<FetchResult.Fetched>(await Fetch("ar.xml"));
        var atom = Assert.IsType<FetchResult.Fetched>(await Fetch("atom.xml"));
        var json = Assert.IsType<FetchResult.Fetched>(await Fetch("feed.json"));

        Assert.Equal("مرصد الفرات", arabic.Document.Title);
        Assert.Equal(FeedFormat.Atom10, atom.Document.Format);
        Assert.Equal(FeedFormat.JsonFeed11, json.Document.Format);
    }

    [Fact]
    public async Task Matching_etag_gets_304_and_not_modified()
    {
        var result = Assert.IsType<FetchResult.NotModified>(await Fetch("en.xml", etag: "\"en-v1\""));

        Assert.Equal("\"en-v1\"", result.ETag);
        Assert.Contains(server.Requests, r => r.Path == "/en.xml" && r.IfNoneMatch == "\"en-v1\"");
    }

    [Fact]
    public async Task Last_modified_alone_gets_304_and_not_modified()
    {
        var result = await Fetch("ar.xml", lastModified: new DateTimeOffset(2024, 5, 12, 9, 0, 0, TimeSpan.Zero));

        Assert.IsType<FetchResult.NotModified>(result);
        Assert.Contains(server.Requests, r => r.Path == "/ar.xml" && r.IfModifiedSince == "Sun, 12 May 2024 09:00:00 GMT");
    }

    [Fact]
    public async Task Changed_etag_returns_the_new_document_and_the_new_etag()
    {
        server.ChangingVersion = 1;
        var first = Assert.IsType<FetchResult.Fetched>(await Fetch("changing.xml"));
        Assert.IsType<FetchResult.NotModified>(await Fetch("changing.xml", etag: first.ETag));

        server.ChangingVersion = 2;
        var second = Assert.IsType<FetchResult.Fetched>(await Fetch("changing.xml", etag: first.ETag));

        Assert.Equal("\"changing-1\"", first.ETag);
        Assert.Equal("\"changing-2\"", second.ETag);
        Assert.Equal("changing-v2", second.Document.Title);
        Assert.Empty(first.Document.Items.Select(i => i.Key).Intersect(second.Document.Items.Select(i => i.Key)));
    }

    [Theory]
    [InlineData("cp1256.xml")]
    [InlineData("cp1256-header.xml")]
    public async Task Windows_1256_feed_is_fetched_and_decoded(string path)
    {
        var result = Assert.IsType<FetchResult.Fetched>(await Fetch(path));

        Assert.Equal("أخبار البوكمال", result.Document.Title);
        Assert.Equal("وصول قافلة مساعدات إلى البوكمال", result.Document.Items.Single().Title);
    }

    [Fact]
    public async Task Billion_laughs_feed_fails_as_an_invalid_document_without_expansion()
    {
        var failed = AssertFailed(await Fetch("bomb.xml"), FeedFailureKind.InvalidDocument);

        Assert.Contains("DTD", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_page_instead_of_a_feed_fails_as_not_a_feed()
    {
        AssertFailed(await Fetch("error-page"), FeedFailureKind.NotAFeed);
    }

    [Fact]
    public async Task Invalid_xml_fails_as_an_invalid_document_with_its_position()
    {
        var failed = AssertFailed(await Fetch("invalid.xml"), FeedFailureKind.InvalidDocument);

        Assert.Contains("line", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_status_is_reported_with_the_status_and_retry_after()
    {
        var failed = AssertFailed(await Fetch("status/503"), FeedFailureKind.HttpStatus);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), failed.RetryAfter);
        Assert.StartsWith("HTTP 503", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_loop_is_detected_and_reported()
    {
        var failed = AssertFailed(await Fetch("loop/a"), FeedFailureKind.TooManyRedirects);

        Assert.Contains("loop", failed.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, server.Requests.Count(r => r.Path.StartsWith("/loop/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Redirect_chain_longer_than_the_limit_is_refused()
    {
        using var strict = CreateFetcher(o => o.MaxRedirects = 3);

        AssertFailed(await Fetch("chain/4", with: strict), FeedFailureKind.TooManyRedirects);
        Assert.IsType<FetchResult.Fetched>(await Fetch("chain/3", with: strict));
    }

    [Fact]
    public async Task Permanent_redirects_report_the_final_url_as_moved_permanently()
    {
        var result = Assert.IsType<FetchResult.Fetched>(await Fetch("chain/2"));
        var temporary = Assert.IsType<FetchResult.Fetched>(await Fetch("temporary"));

        Assert.Equal(server.Url("en.xml"), result.FinalUrl);
        Assert.True(result.MovedPermanently);
        Assert.Equal(server.Url("ar.xml"), temporary.FinalUrl);
        Assert.False(temporary.MovedPermanently);
    }

    [Fact]
    public async Task Slow_response_headers_time_out()
    {
        using var impatient = CreateFetcher(o => o.Timeout = TimeSpan.FromMilliseconds(500));
        var stopwatch = Stopwatch.StartNew();

        AssertFailed(await Fetch("slow", with: impatient), FeedFailureKind.Timeout);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Slowly_dripped_body_times_out()
    {
        using var impatient = CreateFetcher(o => o.Timeout = TimeSpan.FromMilliseconds(500));
        var stopwatch = Stopwatch.StartNew();

        AssertFailed(await Fetch("slow-body", with: impatient), FeedFailureKind.Timeout);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Cancellation_by_the_caller_propagates_instead_of_being_reported_as_a_timeout()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(new FeedRequest(server.Url("slow")), cts.Token));
    }

    [Fact]
    public async Task Requests_carry_a_user_agent_naming_the_bot_and_its_contact_page()
    {
        await Fetch("atom.xml");

        Assert.Contains(server.Requests, r => r.Path == "/atom.xml" && r.UserAgent == "AlertBot/1.0 (+https://alertbot.example.org/about)");
    }

    [Fact]
    public async Task Concurrent_fetches_to_one_host_are_limited_per_host()
    {
        using var limited = CreateFetcher(o => o.MaxConcurrencyPerHost = 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Fetch("gate", with: limited)));

        Assert.All(results, r => Assert.IsType<FetchResult.Fetched>(r));
        Assert.Equal(2, server.MaxConcurrentGateRequests);
    }

    [Fact]
    public async Task Compressed_body_that_inflates_past_the_cap_is_cut_off()
    {
        using var capped = CreateFetcher(o => o.MaxResponseBytes = 1024 * 1024);

        var failed = AssertFailed(await Fetch("gzip-bomb", with: capped), FeedFailureKind.TooLarge);

        Assert.Contains("1048576", failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://news.example.org/feed.xml")]
    [InlineData("file:///etc/passwd")]
    public async Task Non_http_urls_are_refused(string url)
    {
        var result = await fetcher.FetchAsync(new FeedRequest(new Uri(url)), CancellationToken.None);

        AssertFailed(result, FeedFailureKind.InvalidUrl);
    }

    [Fact]
    public async Task Redirect_to_a_non_http_scheme_is_refused()
    {
        AssertFailed(await Fetch("redirect-to?url=file:///etc/passwd"), FeedFailureKind.InvalidUrl);
    }

    [Fact]
    public async Task Connection_refused_is_a_network_failure()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await fetcher.FetchAsync(new FeedRequest(new Uri($"http://127.0.0.1:{port}/feed.xml")), CancellationToken.None);

        AssertFailed(result, FeedFailureKind.Network);
    }

    [Fact]
    public async Task One_hostile_source_does_not_affect_others_fetched_concurrently()
    {
        using var shared = CreateFetcher(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(800);
            o.MaxResponseBytes = 2 * 1024 * 1024;
            o.MaxConcurrencyPerHost = 16;
        });
        var sources = new (string Path, Func<FetchResult, bool> Expected)[]
        {
            ("en.xml", r => r is FetchResult.Fetched { Document.Items.Count: 5 }),
            ("ar.xml", r => r is FetchResult.Fetched { Document.Title: "مرصد الفرات" }),
            ("atom.xml", r => r is FetchResult.Fetched { Document.Format: FeedFormat.Atom10 }),
            ("feed.json", r => r is FetchResult.Fetched { Document.Format: FeedFormat.JsonFeed11 }),
            ("cp1256.xml", r => r is FetchResult.Fetched { Document.Title: "أخبار البوكمال" }),
            ("feeds/7.xml", r => r is FetchResult.Fetched { Document.Items.Count: 10 }),
            ("bomb.xml", r => r is FetchResult.Failed { Kind: FeedFailureKind.InvalidDocument }),
            ("invalid.xml", r => r is FetchResult.Failed { Kind: FeedFailureKind.InvalidDocument }),
            ("error-page", r => r is FetchResult.Failed { Kind: FeedFailureKind.NotAFeed }),
            ("slow", r => r is FetchResult.Failed { Kind: FeedFailureKind.Timeout }),
            ("loop/a", r => r is FetchResult.Failed { Kind: FeedFailureKind.TooManyRedirects }),
            ("gzip-bomb", r => r is FetchResult.Failed { Kind: FeedFailureKind.TooLarge }),
            ("status/500", r => r is FetchResult.Failed { Kind: FeedFailureKind.HttpStatus }),
        };

        var results = await Task.WhenAll(sources.Select(s => Fetch(s.Path, with: shared)));

        for (var i = 0; i < sources.Length; i++)
        {
            Assert.True(sources[i].Expected(results[i]), $"{sources[i].Path}: {results[i]}");
        }
    }

    [Fact]
    public async Task Article_page_is_fetched_and_its_main_text_extracted()
    {
        var result = Assert.IsType<ArticleResult.Extracted>(await fetcher.FetchArticleAsync(server.Url("article"), CancellationToken.None));

        Assert.StartsWith("افتتحت السلطات المحلية في دير الزور", result.Text, StringComparison.Ordinal);
        Assert.Contains("البوكمال ستتحسن", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("الأكثر قراءة", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("إعلان", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Article_page_in_windows_1256_named_by_its_meta_tag_is_decoded()
    {
        var result = Assert.IsType<ArticleResult.Extracted>(await fetcher.FetchArticleAsync(server.Url("article-1256"), CancellationToken.None));

        Assert.Equal("وصلت قافلة تحمل مواد غذائية وأدوية إلى مدينة البوكمال صباح اليوم.\nوتوزعت المساعدات على ثلاثة أحياء في المدينة.", result.Text);
    }

    [Fact]
    public async Task Article_url_that_is_not_html_is_reported()
    {
        var failed = Assert.IsType<ArticleResult.Failed>(await fetcher.FetchArticleAsync(server.Url("feed.json"), CancellationToken.None));

        Assert.Equal(FeedFailureKind.NotAFeed, failed.Kind);
    }
}
