using System.Text;

namespace AlertBot.Feeds.Tests;

/// <summary>Article pages written for these tests (invented news).</summary>
internal static class ArticlePages
{
    static ArticlePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public const string ArabicNews = """
        <!DOCTYPE html>
        <html lang="ar" dir="rtl">
        <head>
          <meta charset="utf-8">
          <title>افتتاح جسر مؤقت في دير الزور | مرصد الفرات</title>
          <style>body { font-family: sans-serif; }</style>
          <script>window.analytics = { track: function () {} };</script>
        </head>
        <body>
          <header><a href="/">مرصد الفرات</a> <a href="/news">الأخبار</a> <a href="/about">من نحن</a></header>
          <nav><ul><li><a href="/syria">سوريا</a></li><li><a href="/economy">اقتصاد</a></li><li><a href="/sport">رياضة</a></li></ul></nav>
          <div class="layout">
            <div class="content">
              <h1>افتتاح جسر مؤقت في دير الزور</h1>
              <div class="meta">12 أيار 2024</div>
              <div class="article-body">
                <p>افتتحت السلطات المحلية في دير الزور صباح اليوم جسراً مؤقتاً على نهر الفرات يربط ضفتي المدينة بعد أشهر من الانقطاع.</p>
                <p>وقال مهندس مشارك في المشروع إن الجسر يتحمل مرور السيارات الخفيفة والمشاة، وإن العمل جارٍ على جسر ثانٍ قرب الميادين.</p>
                <p>وأضاف أن حركة النقل بين المدينة وريفها الشرقي حتى البوكمال ستتحسن خلال الأسابيع المقبلة.</p>
                <script>document.write('إعلان');</script>
              </div>
              <div class="share"><a href="/share/fb">شارك</a> <a href="/share/tw">غرّد</a></div>
            </div>
            <aside>
              <h3>الأكثر قراءة</h3>
              <ul>
                <li><a href="/news/1">ارتفاع أسعار الخبز في الميادين خلال الأسبوع الماضي بحسب السكان المحليين</a></li>
                <li><a href="/news/2">عودة التيار الكهربائي إلى أحياء في دير الزور بعد انقطاع طويل استمر أياماً</a></li>
              </ul>
            </aside>
          </div>
          <div class="related">
            <p><a href="/news/3">اقرأ أيضاً: افتتاح سوق شعبي جديد في البوكمال بحضور عدد من الأهالي</a></p>
          </div>
          <footer><p>جميع الحقوق محفوظة لمرصد الفرات التجريبي © 2024، لا يجوز النسخ دون إذن</p></footer>
        </body>
        </html>
        """;

    public const string EnglishNews = """
        <html><head><title>Clinic opens</title></head>
        <body>
          <div id="menu"><p><a href="https://news.example.org/a">Home page of the Euphrates Valley Monitor</a> | <a href="https://news.example.org/b">All regional news from eastern Syria</a></p></div>
          <article>
            <h1>Clinic opens in Albu Kamal</h1>
            <p>A field clinic opened in Albu Kamal on Sunday, according to the local health committee.</p>
            <p>It will serve villages along the river road, a report by <a href="https://other.example.com/report">an aid group</a> said.</p>
          </article>
          <footer>Copyright notice and links that are long enough to be counted as paragraphs if not removed.</footer>
        </body></html>
        """;

    public static byte[] Windows1256Page()
    {
        var html = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><title>خبر</title></head>
            <body><div><p>وصلت قافلة تحمل مواد غذائية وأدوية إلى مدينة البوكمال صباح اليوم.</p><p>وتوزعت المساعدات على ثلاثة أحياء في المدينة.</p></div></body></html>
            """;
        return Encoding.GetEncoding(1256).GetBytes(html);
    }
}
