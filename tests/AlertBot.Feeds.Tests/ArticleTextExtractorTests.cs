namespace AlertBot.Feeds.Tests;

public class ArticleTextExtractorTests
{
    [Fact]
    public void Main_text_of_an_arabic_page_drops_navigation_asides_scripts_and_footer()
    {
        var text = ArticleTextExtractor.Extract(ArticlePages.ArabicNews, new Uri("https://ar.example.org/news/1001"));

        Assert.Equal(
            "افتتحت السلطات المحلية في دير الزور صباح اليوم جسراً مؤقتاً على نهر الفرات يربط ضفتي المدينة بعد أشهر من الانقطاع.\n" +
            "وقال مهندس مشارك في المشروع إن الجسر يتحمل مرور السيارات الخفيفة والمشاة، وإن العمل جارٍ على جسر ثانٍ قرب الميادين.\n" +
            "وأضاف أن حركة النقل بين المدينة وريفها الشرقي حتى البوكمال ستتحسن خلال الأسابيع المقبلة.",
            text);
    }

    [Fact]
    public void Same_site_link_lists_lose_to_the_article_while_outside_links_in_it_are_kept()
    {
        var text = ArticleTextExtractor.Extract(ArticlePages.EnglishNews, new Uri("https://news.example.org/2024/clinic"));

        Assert.Equal(
            "Clinic opens in Albu Kamal\nA field clinic opened in Albu Kamal on Sunday, according to the local health committee.\n" +
            "It will serve villages along the river road, a report by an aid group said.",
            text);
    }

    [Fact]
    public void Page_without_paragraphs_falls_back_to_its_body_text()
    {
        var text = ArticleTextExtractor.Extract("<html><body><nav>menu</nav><div>Short note from al-Mayadin.</div></body></html>", new Uri("https://x.example/"));

        Assert.Equal("Short note from al-Mayadin.", text);
    }

    [Fact]
    public void Empty_page_gives_empty_text()
    {
        Assert.Equal(string.Empty, ArticleTextExtractor.Extract("  ", new Uri("https://x.example/")));
    }
}
