using System.Text;

namespace AlertBot.Feeds.Tests;

/// <summary>Feed documents written for these tests (all news lines are invented).</summary>
internal static class FixtureFiles
{
    public static readonly Uri EnglishFeedUrl = new("https://news.example.org/euphrates/feed.xml");
    public static readonly DateTimeOffset FetchedAt = new(2024, 5, 12, 12, 0, 0, TimeSpan.Zero);

    static FixtureFiles()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>An Arabic RSS feed, encoded in windows-1256, that may or may not name its encoding in the XML declaration.</summary>
    public static byte[] Windows1256Rss(bool declareEncoding)
    {
        var declaration = declareEncoding ? "<?xml version=\"1.0\" encoding=\"windows-1256\"?>" : "<?xml version=\"1.0\"?>";
        var xml = declaration + """

            <rss version="2.0">
              <channel>
                <title>أخبار البوكمال</title>
                <link>https://cp1256.example.org/</link>
                <language>ar-SY</language>
                <item>
                  <title>وصول قافلة مساعدات إلى البوكمال</title>
                  <link>https://cp1256.example.org/a/77</link>
                  <pubDate>Sun, 12 May 2024 07:00:00 GMT</pubDate>
                  <description>وصلت قافلة تحمل مواد غذائية إلى مدينة البوكمال صباح اليوم.</description>
                </item>
              </channel>
            </rss>
            """;
        return Encoding.GetEncoding(1256).GetBytes(xml);
    }

    /// <summary>A small, valid RSS feed in English or Arabic with <paramref name="items"/> distinct items.</summary>
    public static byte[] GeneratedRss(string sourceName, int items, bool arabic)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>");
        sb.Append("<title>").Append(sourceName).Append("</title><link>https://").Append(sourceName).Append(".example.org/</link>");
        sb.Append(arabic ? "<language>ar</language>" : "<language>en</language>");
        for (var i = 0; i < items; i++)
        {
            var day = 12 - (i % 10);
            sb.Append("<item><guid isPermaLink=\"false\">").Append(sourceName).Append('-').Append(i).Append("</guid>");
            sb.Append("<link>/news/").Append(i).Append("</link>");
            sb.Append("<pubDate>").Append(day.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append(" May 2024 08:00:00 +0300</pubDate>");
            if (arabic)
            {
                sb.Append("<title>تقرير رقم ").Append(i).Append(" من دير الزور</title>");
                sb.Append("<description><![CDATA[<p>أفاد مراسلون في <b>الميادين</b> والبوكمال بأن الأسواق فتحت أبوابها كالمعتاد صباح اليوم.</p><p>لا تغييرات على الطرق الرئيسية.</p>]]></description>");
            }
            else
            {
                sb.Append("<title>Report ").Append(i).Append(" from Deir ez-Zor</title>");
                sb.Append("<description><![CDATA[<p>Correspondents in <b>al-Mayadin</b> and Albu Kamal said markets opened as usual this morning.</p><p>No changes on the main roads.</p>]]></description>");
            }

            sb.Append("</item>");
        }

        sb.Append("</channel></rss>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
