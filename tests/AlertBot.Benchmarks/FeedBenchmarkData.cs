using System.Globalization;
using System.Text;

namespace AlertBot.Benchmarks;

/// <summary>Generated feed documents for the feed benchmarks (invented news lines, English and Arabic).</summary>
internal static class FeedBenchmarkData
{
    private const string EnglishParagraphs =
        "<p>Correspondents in <b>al-Mayadin</b> and Albu Kamal said markets opened as usual this morning, " +
        "with bakeries reporting longer queues than last week &amp; fuel prices unchanged.</p>" +
        "<p>The municipal council in Deir ez-Zor announced repairs to the <a href=\"/roads\">river road</a> " +
        "and a new schedule for water distribution in three neighbourhoods.</p>";

    private const string ArabicParagraphs =
        "<p>أفاد مراسلون في <b>الميادين</b> والبوكمال بأن الأسواق فتحت أبوابها كالمعتاد صباح اليوم، " +
        "مع طوابير أطول من الأسبوع الماضي أمام المخابز واستقرار أسعار المحروقات.</p>" +
        "<p>وأعلن مجلس مدينة دير الزور عن إصلاحات في <a href=\"/roads\">طريق النهر</a> " +
        "وجدول جديد لتوزيع المياه في ثلاثة أحياء.</p>";

    static FeedBenchmarkData()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static byte[] Rss(string name, int items, bool arabic, Encoding? encoding = null)
    {
        encoding ??= Encoding.UTF8;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"{encoding.WebName}\"?>\n");
        sb.Append("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{name}</title><link>https://{name}.example.org/</link><language>{(arabic ? "ar" : "en")}</language>");
        for (var i = 0; i < items; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<item><guid isPermaLink=\"false\">{name}-{i}</guid><link>/news/{i}</link>");
            sb.Append(CultureInfo.InvariantCulture, $"<pubDate>{(arabic ? $"{1 + (i % 28)} أيار 2024 10:{i % 60:00}" : $"Sun, {1 + (i % 28):00} May 2024 10:{i % 60:00}:00 +0300")}</pubDate>");
            sb.Append(CultureInfo.InvariantCulture, $"<title>{(arabic ? $"تقرير رقم {i} من دير الزور" : $"Report {i} from Deir ez-Zor")}</title>");
            sb.Append("<description><![CDATA[").Append(arabic ? ArabicParagraphs : EnglishParagraphs).Append("]]></description></item>");
        }

        sb.Append("</channel></rss>");
        return encoding.GetBytes(sb.ToString());
    }

    public static byte[] Atom(string name, int items)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\" xml:base=\"https://atom.example.net/\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{name}</title><id>urn:{name}</id><updated>2024-05-12T08:00:00Z</updated>");
        for (var i = 0; i < items; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<entry><id>urn:{name}:{i}</id><title>Report {i} from Deir ez-Zor</title><link href=\"posts/{i}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<published>2024-05-{1 + (i % 28):00}T10:00:00+03:00</published>");
            sb.Append("<content type=\"html\">").Append(System.Security.SecurityElement.Escape(EnglishParagraphs)).Append("</content></entry>");
        }

        sb.Append("</feed>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] Json(string name, int items)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"{name}\",\"home_page_url\":\"https://json.example.org/\",\"language\":\"ar\",\"items\":[");
        for (var i = 0; i < items; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{name}-{i}\",\"url\":\"/items/{i}\",\"title\":\"تقرير رقم {i} من دير الزور\",");
            sb.Append(CultureInfo.InvariantCulture, $"\"date_published\":\"2024-05-{1 + (i % 28):00}T10:00:00+03:00\",\"content_html\":");
            sb.Append(System.Text.Json.JsonSerializer.Serialize(ArabicParagraphs)).Append('}');
        }

        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
