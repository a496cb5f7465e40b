using System.Text;
using AlertBot.Feeds.Parsing;

namespace AlertBot.Feeds.Tests;

public class FeedParserTests
{
    private static FeedDocument ParseFixture(string name, string? contentType = null, Uri? url = null) =>
        FeedParser.Parse(FixtureFiles.Bytes(name), contentType, url ?? FixtureFiles.EnglishFeedUrl, FixtureFiles.FetchedAt);

    [Fact]
    public void Rss_2_0_feed_is_detected_and_its_items_are_read_in_order()
    {
        var feed = ParseFixture("rss-en.xml", "application/rss+xml; charset=utf-8");

        Assert.Equal(FeedFormat.Rss20, feed.Format);
        Assert.Equal("Euphrates Valley Monitor & Notes", feed.Title);
        Assert.Equal(
            ["Water pumping station in Deir ez-Zor back in service", "Market hours extended in al-Mayadin", "Road between Albu Kamal and al-Mayadin reopened", "Bridge inspection announced", null],
            feed.Items.Select(i => i.Title));
        Assert.All(feed.Items, i => Assert.Equal("en", i.Language));
    }

    [Fact]
    public void Html_in_descriptions_becomes_clean_text_without_scripts_tags_or_entities()
    {
        var feed = ParseFixture("rss-en.xml");

        Assert.Equal(
            "Engineers restarted the al-Hamidiya pumping station on Sunday.\nResidents of three neighbourhoods & the old market were reconnected.",
            feed.Items[0].Text);
        Assert.Equal("Traffic resumed on the river road after repairs.", feed.Items[2].Text);
    }

    [Fact]
    public void Content_encoded_is_preferred_over_the_short_description()
    {
        var item = ParseFixture("rss-en.xml").Items[1];

        Assert.Equal(
            "The municipal council in al-Mayadin extended market hours until 10 pm.\nRelated: nothing\nBakeries open earlier\nFuel queues shorter",
            item.Text);
    }

    [Fact]
    public void Relative_links_resolve_against_the_channel_link()
    {
        var feed = ParseFixture("rss-en.xml");

        Assert.Equal(new Uri("https://news.example.org/euphrates/2024/05/pumping-station"), feed.Items[0].Link);
        Assert.Equal(new Uri("https://news.example.org/euphrates/2024/05/road-reopened"), feed.Items[2].Link);
        Assert.Equal(new Uri("https://news.example.org/euphrates/2024/05/bridge"), feed.Items[3].Link); // permalink guid
    }

    [Fact]
    public void Rfc_822_and_rfc_3339_dates_keep_their_offsets()
    {
        var feed = ParseFixture("rss-en.xml");

        Assert.Equal(new DateTimeOffset(2024, 5, 12, 9, 15, 0, TimeSpan.FromHours(3)), feed.Items[0].PublishedAt);
        Assert.Equal(new DateTimeOffset(2024, 5, 11, 18, 40, 0, TimeSpan.Zero), feed.Items[1].PublishedAt);
        Assert.Equal(new DateTimeOffset(2024, 5, 10, 7, 5, 0, TimeSpan.Zero), feed.Items[3].PublishedAt);
        Assert.False(feed.Items[0].DateWasMissing);
    }

    [Fact]
    public void Item_without_a_date_takes_the_fetch_time_and_is_flagged()
    {
        var item = ParseFixture("rss-en.xml").Items[2];

        Assert.True(item.DateWasMissing);
        Assert.Equal(FixtureFiles.FetchedAt, item.PublishedAt);
    }

    [Fact]
    public void Item_keys_come_from_guid_then_link_then_a_content_hash()
    {
        var feed = ParseFixture("rss-en.xml");

        Assert.Equal("evm-2024-0512-001", feed.Items[0].Key);
        Assert.Equal("https://news.example.org/euphrates/2024/05/mayadin-market", feed.Items[1].Key);
        Assert.StartsWith("sha256:", feed.Items[4].Key, StringComparison.Ordinal);
        Assert.Equal(7 + 64, feed.Items[4].Key.Length);
    }

    [Fact]
    public void Items_repeating_a_key_within_one_document_are_kept_once()
    {
        var feed = ParseFixture("rss-en.xml");

        Assert.Single(feed.Items, i => i.Key == "evm-2024-0512-001");
        Assert.Equal(5, feed.Items.Count);
    }

    [Fact]
    public void Item_keys_are_stable_across_parses_fetch_times_and_redirected_feed_urls()
    {
        var first = ParseFixture("rss-en.xml");
        var second = FeedParser.Parse(
            FixtureFiles.Bytes("rss-en.xml"), null, new Uri("https://mirror.example.org/other/path.xml"), FixtureFiles.FetchedAt.AddDays(3));
        var arabicFirst = ParseFixture("rss-ar.xml");
        var arabicSecond = ParseFixture("rss-ar.xml");

        Assert.Equal(first.Items.Select(i => i.Key), second.Items.Select(i => i.Key));
        Assert.Equal(arabicFirst.Items.Select(i => i.Key), arabicSecond.Items.Select(i => i.Key));
        Assert.Equal(arabicFirst.Items.Count, arabicFirst.Items.Select(i => i.Key).Distinct().Count());
    }

    [Fact]
    public void Arabic_rss_dates_with_levantine_and_egyptian_month_names_and_arabic_digits_are_parsed()
    {
        var feed = ParseFixture("rss-ar.xml", "text/xml", new Uri("https://ar.example.org/rss"));

        Assert.Equal("مرصد الفرات", feed.Title);
        Assert.Equal(new DateTimeOffset(2024, 5, 12, 10, 30, 0, TimeSpan.Zero), feed.Items[0].PublishedAt);
        Assert.Equal(new DateTimeOffset(2024, 5, 11, 20, 5, 0, TimeSpan.Zero), feed.Items[1].PublishedAt);
        Assert.Equal(new DateTimeOffset(2023, 10, 10, 14, 0, 0, TimeSpan.FromHours(3)), feed.Items[2].PublishedAt);
        Assert.True(feed.Items[3].DateWasMissing);
        Assert.Equal("افتُتح مخبز جديد في مدينة الميادين بريف دير الزور الشرقي.", feed.Items[0].Text);
        Assert.Equal(new Uri("https://ar.example.org/news/1002"), feed.Items[1].Link);
        Assert.All(feed.Items, i => Assert.Equal("ar", i.Language));
    }

    [Fact]
    public void Atom_feed_resolves_xml_base_reads_xhtml_and_html_content_and_entry_language()
    {
        var feed = ParseFixture("atom-en.xml", "application/atom+xml");

        Assert.Equal(FeedFormat.Atom10, feed.Format);
        Assert.Equal("Lower Euphrates Digest", feed.Title);
        var ferry = feed.Items[0];
        Assert.Equal("urn:uuid:0d5f7a34-1111-4222-8333-444455556666", ferry.Key);
        Assert.Equal(new Uri("https://atom.example.net/valley/posts/ferry-crossing"), ferry.Link);
        Assert.Equal("The river ferry resumed twice-daily trips.\nFares are unchanged.", ferry.Text);
        Assert.Equal(new DateTimeOffset(2024, 5, 12, 6, 30, 0, TimeSpan.FromHours(3)), ferry.PublishedAt);
        Assert.Equal("en", ferry.Language);

        var arabic = feed.Items[1];
        Assert.Equal("ar", arabic.Language);
        Assert.Equal(new Uri("https://atom.example.net/ar/posts/7"), arabic.Link);
        Assert.Equal("استأنف المعبر النهري قرب البوكمال عمله.", arabic.Text);
        Assert.Equal(new DateTimeOffset(2024, 5, 11, 21, 10, 0, TimeSpan.Zero), arabic.PublishedAt);
    }

    [Fact]
    public void Atom_text_constructs_of_type_text_are_not_read_as_html_and_bad_dates_count_as_missing()
    {
        var item = ParseFixture("atom-en.xml").Items[2];

        Assert.Equal("Plain text title with a <tag> in it", item.Title);
        Assert.Equal("A < B in plain text.", item.Text);
        Assert.True(item.DateWasMissing);
        Assert.Equal(FixtureFiles.FetchedAt, item.PublishedAt);
    }

    [Fact]
    public void Json_feed_1_1_is_detected_with_numeric_ids_relative_urls_and_item_language()
    {
        var feed = ParseFixture("feed-ar.json", "application/feed+json", new Uri("https://json.example.org/feed.json"));

        Assert.Equal(FeedFormat.JsonFeed11, feed.Format);
        Assert.Equal("نشرة دير الزور", feed.Title);
        Assert.Equal(3, feed.Items.Count);
        Assert.Equal("dz-5001", feed.Items[0].Key);
        Assert.Equal(new Uri("https://json.example.org/items/5001"), feed.Items[0].Link);
        Assert.Equal("بدأت صهاريج بتوزيع مياه الشرب في الميادين.", feed.Items[0].Text);
        Assert.Equal("ar", feed.Items[0].Language);
        Assert.Equal("5002", feed.Items[1].Key);
        Assert.Equal("en", feed.Items[1].Language);
        Assert.Equal("A field clinic opened in Albu Kamal. It serves three villages.", feed.Items[1].Text);
        Assert.Equal(new DateTimeOffset(2024, 5, 11, 9, 0, 0, TimeSpan.Zero), feed.Items[1].PublishedAt);
        Assert.StartsWith("sha256:", feed.Items[2].Key, StringComparison.Ordinal);
        Assert.Equal("ملخص فقط", feed.Items[2].Text);
    }

    [Fact]
    public void Windows_1256_feed_declared_in_the_xml_declaration_is_decoded()
    {
        var feed = FeedParser.Parse(FixtureFiles.Windows1256Rss(declareEncoding: true), "text/xml", FixtureFiles.EnglishFeedUrl, FixtureFiles.FetchedAt);

        Assert.Equal("أخبار البوكمال", feed.Title);
        Assert.Equal("وصول قافلة مساعدات إلى البوكمال", feed.Items[0].Title);
        Assert.Equal("ar-SY", feed.Items[0].Language);
    }

    [Fact]
    public void Windows_1256_feed_named_only_by_the_content_type_charset_is_decoded()
    {
        var feed = FeedParser.Parse(
            FixtureFiles.Windows1256Rss(declareEncoding: false), "application/rss+xml; charset=\"windows-1256\"", FixtureFiles.EnglishFeedUrl, FixtureFiles.FetchedAt);

        Assert.Equal("وصلت قافلة تحمل مواد غذائية إلى مدينة البوكمال صباح اليوم.", feed.Items[0].Text);
    }

    [Fact]
    public void Utf_16_feed_with_a_byte_order_mark_is_decoded()
    {
        var xml = Encoding.UTF8.GetString(FixtureFiles.Bytes("rss-ar.xml")).Replace("encoding=\"UTF-8\"", "encoding=\"utf-16\"", StringComparison.Ordinal);
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray();

        var feed = FeedParser.Parse(bytes, null, FixtureFiles.EnglishFeedUrl, FixtureFiles.FetchedAt);

        Assert.Equal("افتتاح مخبز جديد في الميادين", feed.Items[0].Title);
    }

    [Fact]
    public void Billion_laughs_document_is_refused_without_expansion()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<FeedFormatException>(() => ParseFixture("billion-laughs.xml"));

        Assert.Equal(FeedFormatError.DtdProhibited, ex.Error);
        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "expanding the entities would allocate gigabytes");
    }

    [Fact]
    public void External_entity_declaration_is_refused()
    {
        var xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>"u8.ToArray();

        var ex = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(xxe, null, FixtureFiles.EnglishFeedUrl, FixtureFiles.FetchedAt));

        Assert.Equal(FeedFormatError.DtdProhibited, ex.Error);
    }

    [Fact]
    public void Undeclared_entity_reference_is_invalid_xml_and_is_never_resolved()
    {
        var body = "<rss version=\"2.0\"><channel><title>&nbsp;&ext;</title></channel></rss>"u8.ToArray();

        var ex = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(body, null, FixtureFiles.EnglishFeedUrl, FixtureFiles.FetchedAt));

        Assert.Equal(FeedFormatError.InvalidXml, ex.Error);
    }

    [Fact]
    public void Html_page_instead_of_a_feed_is_reported_as_not_a_feed()
    {
        var ex = Assert.Throws<FeedFormatException>(() => ParseFixture("html-error.html", "text/html; charset=utf-8"));

        Assert.Equal(FeedFormatError.NotAFeed, ex.Error);
        Assert.Contains("HTML page", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body>Down</body></html>", null)]
    [InlineData("Service temporarily unavailable", "text/html")]
    [InlineData("   ", "application/rss+xml")]
    public void Html_or_empty_bodies_are_not_feeds(string body, string? contentType)
    {
        var ex = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(body), contentType, FixtureFiles.EnglishFeedUrl, FixtureFiles.FetchedAt));

        Assert.Equal(FeedFormatError.NotAFeed, ex.Error);
    }

    [Fact]
    public void Invalid_xml_is_reported_with_its_line_and_position()
    {
        var ex = Assert.Throws<FeedFormatException>(() => ParseFixture("invalid.xml"));

        Assert.Equal(FeedFormatError.InvalidXml, ex.Error);
        Assert.Matches("line [0-9]+, position [0-9]+", ex.Message);
    }

    [Theory]
    [InlineData("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [")]
    [InlineData("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": {}}")]
    public void Invalid_json_is_reported_as_invalid_json(string body)
    {
        var ex = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(body), "application/json", FixtureFiles.EnglishFeedUrl, FixtureFiles.FetchedAt));

        Assert.Equal(FeedFormatError.InvalidJson, ex.Error);
    }

    [Theory]
    [InlineData("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url/></urlset>")]
    [InlineData("<feed><entry/></feed>")]
    [InlineData("{\"name\": \"not a feed\"}")]
    public void Well_formed_documents_that_are_not_feeds_are_unsupported(string body)
    {
        var ex = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(body), null, FixtureFiles.EnglishFeedUrl, FixtureFiles.FetchedAt));

        Assert.Equal(FeedFormatError.UnsupportedFormat, ex.Error);
    }

    [Fact]
    public async Task A_feed_file_can_be_parsed_for_import()
    {
        var feed = await FeedParser.ParseFileAsync(FixtureFiles.PathOf("rss-ar.xml"), null, FixtureFiles.FetchedAt, CancellationToken.None);
        using var stream = File.OpenRead(FixtureFiles.PathOf("rss-ar.xml"));
        var fromStream = FeedParser.Parse(stream, null, new Uri("https://ar.example.org/"), FixtureFiles.FetchedAt);

        Assert.Equal(4, feed.Items.Count);
        Assert.Equal(new Uri("https://ar.example.org/news/1002"), feed.Items[1].Link); // channel link is the base, not the file path
        Assert.Equal(feed.Items.Select(i => i.Key), fromStream.Items.Select(i => i.Key));
    }

    [Fact]
    public void Over_long_guids_are_hashed_into_bounded_keys()
    {
        var guid = new string('x', 1000);
        var body = Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><item><guid>{guid}</guid><title>t</title></item></channel></rss>");

        var key = FeedParser.Parse(body, null, FixtureFiles.EnglishFeedUrl, FixtureFiles.FetchedAt).Items[0].Key;

        Assert.True(key.Length <= FeedParser.MaxKeyLength);
        Assert.Equal(key, FeedParser.ComputeKey(guid, null, "other", "text"));
    }

    [Fact]
    public void Non_http_links_are_dropped()
    {
        var body = "<rss version=\"2.0\"><channel><item><title>t</title><link>javascript:alert(1)</link></item></channel></rss>"u8;

        var item = FeedParser.Parse(body, null, FixtureFiles.EnglishFeedUrl, FixtureFiles.FetchedAt).Items[0];

        Assert.Null(item.Link);
        Assert.StartsWith("sha256:", item.Key, StringComparison.Ordinal);
    }
}
