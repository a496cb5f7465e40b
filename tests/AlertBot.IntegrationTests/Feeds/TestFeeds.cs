using System.Globalization;
using System.Security;
using System.Text;

namespace AlertBot.IntegrationTests.Feeds;

/// <summary>Feeds written for these tests (invented news about Deir ez-Zor province), dated relative to now.</summary>
internal static class TestFeeds
{
    public sealed record Item(string Guid, string Link, string Title, string Text, DateTimeOffset Published);

    public static DateTimeOffset HoursAgo(double hours) => DateTimeOffset.UtcNow.AddHours(-hours);

    public static Item ArabicShelling => new(
        "deir-watch-5101",
        "https://deirwatch.example/news/5101",
        "قصف مدفعي على مدينة الميادين",
        "تعرضت أحياء في مدينة الميادين بريف دير الزور الشرقي مساء أمس لقصف مدفعي عنيف، وقال سكان إن القذائف سقطت قرب السوق.",
        HoursAgo(3));

    public static Item ArabicBakery => new(
        "deir-watch-5102",
        "https://deirwatch.example/news/5102",
        "افتتاح فرن آلي جديد في حي الجورة",
        "افتتحت بلدية دير الزور فرناً آلياً جديداً في حي الجورة لتخفيف الازدحام على الأفران القديمة.",
        HoursAgo(2));

    /// <summary>Ten days old: outside the first-poll horizon.</summary>
    public static Item ArabicOld => new(
        "deir-watch-4001",
        "https://deirwatch.example/news/4001",
        "قصف مدفعي على بلدة ذيبان",
        "تعرضت بلدة ذيبان في ريف دير الزور لقصف مدفعي قبل عشرة أيام بحسب ناشطين محليين.",
        HoursAgo(240));

    public static Item ArabicAirstrike => new(
        "deir-watch-5103",
        "https://deirwatch.example/news/5103",
        "غارة جوية قرب مدينة البوكمال",
        "شنت طائرات حربية مجهولة غارة جوية على مواقع قرب مدينة البوكمال على الحدود السورية العراقية فجر اليوم.",
        HoursAgo(1));

    public static Item EnglishAirstrike => new(
        "https://euphrateswire.example/2026/albukamal-strike",
        "https://euphrateswire.example/2026/albukamal-strike",
        "Airstrike reported near Albu Kamal",
        "Unidentified warplanes struck positions near Albu Kamal on the Syrian-Iraqi border before dawn, local sources said.",
        HoursAgo(4));

    public static Item EnglishMarket => new(
        "https://euphrateswire.example/2026/raqqa-market",
        "https://euphrateswire.example/2026/raqqa-market",
        "Vegetable prices fall at the Deir ez-Zor market",
        "Traders at the Deir ez-Zor vegetable market said tomato prices fell for the second week in a row.",
        HoursAgo(5));

    public static string Rss(string title, string language, params Item[] items)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0">
              <channel>
                <title>{SecurityElement.Escape(title)}</title>
                <link>https://example.org/</link>
                <language>{language}</language>
            """);
        foreach (var item in items)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""

                    <item>
                      <guid isPermaLink="false">{SecurityElement.Escape(item.Guid)}</guid>
                      <link>{SecurityElement.Escape(item.Link)}</link>
                      <title>{SecurityElement.Escape(item.Title)}</title>
                      <description>{SecurityElement.Escape(item.Text)}</description>
                      <pubDate>{item.Published.ToString("r", CultureInfo.InvariantCulture)}</pubDate>
                    </item>
                """);
        }

        sb.Append("\n  </channel>\n</rss>\n");
        return sb.ToString();
    }

    public const string BrokenXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>مرصد مكسور</title>
        <item><title>خبر بلا نهاية</title><description>نص</item>
        </channel>
        """;

    public const string HtmlPage = """
        <!DOCTYPE html>
        <html lang="en"><head><title>Maintenance</title></head>
        <body><h1>We'll be back soon</h1><p>The newsroom site is under maintenance.</p></body></html>
        """;
}
