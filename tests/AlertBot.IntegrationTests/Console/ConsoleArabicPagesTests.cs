using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using AlertBot.Core.Delivery;
using AlertBot.Core.Events;
using AlertBot.Core.Feeds;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Events;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Pages;

namespace AlertBot.IntegrationTests.Console;

/// <summary>
/// Every page of the console speaks Arabic to an Arabic reader: with data present (reports, an event confirmed and
/// delivered to a sandbox chat, sources), each page shows its Arabic headings and labels and none of its English
/// sentences.
/// </summary>
public sealed partial class ConsoleArabicPagesTests
{
    private const string ConfiguredSource = "Euphrates Wire";
    private const string AddedSource = "Deir Watch";

    [SkippableFact]
    public async Task Every_console_page_reads_in_arabic_with_data_present()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            // Polled at once and refused (a loopback address): the source has an error to show.
            [$"Feeds:Sources:{ConfiguredSource}:Url"] = "http://127.0.0.1:9/wire.xml",
            [$"Feeds:Sources:{ConfiguredSource}:Tier"] = "2",
        });
        using var api = app.ApiClient();
        (await api.PostAsJsonAsync("/api/sandbox/chats/4242/messages", new { text = "/start" })).EnsureSuccessStatusCode();
        await Alerts.Alerts.SubscribeAsync(app.Services, "4242", new SubscriptionTarget(Alerts.Alerts.AlMayadin, null, null));
        var shelling = await Alerts.Alerts.ConfirmMayadinShellingAsync(app);
        await Alerts.Alerts.SettledAsync(app.Services);
        await Reports.PostAsync(api, Reports.Commentary);

        using var console = await app.ConsoleClientAsync();
        console.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "ar");

        // Reports
        var reports = await PageAsync(console, "/reports");
        AssertArabic(reports, ["<h1>التقارير</h1>", "الصلة بالموضوع", ">غير ذات صلة</option>", $">الحدث #{shelling}</a>", "التقرير #", "وصل في <bdi dir=\"ltr\">", "غير ذات صلة: لا يروي حادثة"]);
        AssertNoEnglish(reports, [">Search <", ">Relevance", ">relevant</option>", ">not relevant</option>", "report #", " received ", $">event #{shelling}<", "not relevant: ", ">Search</button>", "no incident reported"]);

        // The queue's own hints
        var queue = await PageAsync(console, "/events?status=all&place=al-Mayadin");
        AssertArabic(queue, ["في <bdi>الميادين · al-Mayadin</bdi> وما يقع ضمنه.", $"aria-label=\"تحديد الحدث {shelling}\""]);
        AssertNoEnglish(queue, ["In and within", "Select event"]);
        var nowhere = await PageAsync(console, "/events?place=Nowhere%20at%20all");
        AssertArabic(nowhere, ["لا مكان في المعجم الجغرافي باسم «"]);
        AssertNoEnglish(nowhere, ["No place of the gazetteer"]);

        // Sources: one from configuration, one added through the Arabic form after a refused attempt.
        var refused = await PostFormAsync(console, "/sources", "/sources?handler=Add", SourceForm("ftp://deirwatch.example/feed"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        AssertArabic(refusedPage, ["رابط الخلاصة: «", "ليس رابط http أو https كاملًا."]);
        AssertNoEnglish(refusedPage, ["is not an absolute http or https URL", "Url '"]);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(console, "/sources", "/sources?handler=Add", SourceForm("http://127.0.0.1:9/deir.xml"))).StatusCode);
        var added = await PageAsync(console, "/sources");
        Assert.Contains($"أُضيف المصدر «\u2068{AddedSource}\u2069»", added, StringComparison.Ordinal);
        var addedId = SourceId(added, AddedSource);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(console, "/sources", $"/sources?id={addedId}&handler=Disable", [])).StatusCode);

        var sources = await PageAsync(console, "/sources");
        AssertArabic(sources,
        [
            "<h1>المصادر</h1>", "خلاصات الأخبار التي يجلبها البوت", "<bdi dir=\"ltr\"><code>Feeds:Sources:&lt;name&gt;</code></bdi>",
            "<th>المصدر</th>", "<th>آخر نجاح</th>", "<th>آخر خطأ</th>", "<th>العناصر (24 ساعة)</th>", "<th>الجلب التالي</th>",
            "(من الإعدادات)", "المستوى 2", "كل 900 ثانية", "المستوى 1", "الكلمات المفتاحية: قصف", ">مفعّل<", "معطّل (من لوحة التحكم)",
            $"عُطّل «\u2068{AddedSource}\u2069».", ">اجلب الآن</button>", ">عطّل</button>", ">فعّل</button>", ">تعديل</a>",
            "<h2>أضف مصدرًا</h2>", "الاسم (الوسيلة الإعلامية)", "رابط الخلاصة", ">من الخلاصة</option>", "المستوى (1 = الأوثق)",
            "الفاصل الزمني (بالثواني", "اجلب صفحة كل مقال", "الكلمات المفتاحية (تفصل بينها فواصل", ">إضافة</button>",
        ]);
        AssertNoEnglish(sources,
        [
            "News feeds the bot polls", ">Source<", ">Last success<", ">Last error<", "Items (24 h)", "Next poll", "(configuration)",
            "language from feed", " · tier ", "every 900 s", "keywords:", ">enabled<", "disabled (console)", "Poll now", ">Disable<",
            ">Enable<", ">Edit<", "Add a source", "Name (the outlet)", "Feed URL", "from the feed", "most trusted", "Interval (seconds",
            "Fetch each article", "Keywords (comma", ">Add<", "due now", "known)", "is queued",
        ]);

        var edit = await PageAsync(console, $"/sources/{SourceId(sources, ConfiguredSource)}");
        AssertArabic(edit, ["<h1>تعديل المصدر <bdi>", "هذا المصدر معرَّف في الإعدادات", ">حفظ</button>", ">إلغاء</a>", "الاسم (الوسيلة الإعلامية)"]);
        AssertNoEnglish(edit, ["Edit source", "This source is defined in configuration", ">Save<", ">Cancel<", "Name (the outlet)"]);

        // Subscribers
        var subscribers = await PageAsync(console, "/subscribers");
        AssertArabic(subscribers,
        [
            "<h1>المشتركون</h1>", "aria-label=\"المجاميع\"", "<h2>المحادثات</h2>", "<h2>نشطة</h2>", "<h2>متوقفة مؤقتًا</h2>", "<h2>منقطعة</h2>",
            "<h2>الاشتراكات</h2>", "المحادثات حسب المنصة", "<th>المنصة</th>", "المحادثات النشطة تتلقى التنبيهات", "الاشتراكات حسب المنصة",
            "لمحادثات نشطة", "ملخص دوري فقط", "الاشتراكات حسب المكان", "<td>مدينة</td>", "الاشتراك في مكان يشمل أيضًا", "الاشتراكات حسب الطرف",
            "الاشتراكات حسب نوع الحدث", ">أي طرف<", ">أي نوع<",

            // Names in the reader's language first, the other language beside them.
            "<td><bdi lang=\"ar\">الميادين</bdi>", "<th>English</th>", "<bdi dir=\"auto\" lang=\"en\">al-Mayadin</bdi>",
        ]);
        AssertNoEnglish(subscribers,
        [
            ">Totals<", ">Chats<", ">Active<", ">Paused<", ">Deactivated<", ">Subscriptions<", "Chats by platform", ">Platform<",
            "Active chats receive alerts", "Subscriptions by", "Of active chats", "Digest only", ">Kind<", "<td>city</td>",
            "A subscription to a place", ">Place<", ">any actor<", ">any type<",
        ]);

        // Deliveries
        var deliveries = await PageAsync(console, "/deliveries");
        AssertArabic(deliveries,
        [
            "<h1>الإرسال</h1>", "aria-label=\"صندوق الإرسال حسب الحالة\"", "بانتظار الإرسال (حجم صندوق الإرسال)", "مستحقة الآن: 0، مؤجلة: 0",
            "<h2>أُرسلت</h2>", "<h2>فشلت</h2>", "<h2>أُلغيت</h2>", ">الكل</option>", "رقم الحدث", "معرّف المحادثة", ">عرض</button>",
            "<th>المستلم</th>", "<th class=\"num\">المحاولات</th>", "<th>سبب عدم الإرسال</th>", "data-label=\"الحدث\"", "data-label=\"المستلم\"",
            "data-label=\"موعد الإرسال\"", "<th>وقت الإنشاء</th>", "<th>وقت الإرسال</th>", ">تنبيه</td>", "<span class=\"badge state-sent\">أُرسلت</span>",
        ]);
        AssertNoEnglish(deliveries,
        [
            "Outbox by state", "Pending (outbox depth)", "due now", "<h2>sent</h2>", "<h2>dead</h2>", ">all</option>", ">sent</option>",
            "Event #", "Chat id", ">Show<", ">Recipient<", ">Attempts<", "Why not sent", "data-label=\"Event\"", "data-label=\"Kind\"",
            ">alert</td>", ">sent</span>", ">Created<", ">Due<", ">Sent<",
        ]);
        var dead = await PageAsync(console, "/deliveries?state=dead");
        AssertArabic(dead, ["لا شيء هنا.", ">مسح</a>", "<option value=\"dead\" selected=\"selected\">فشلت</option>"]);
        AssertNoEnglish(dead, ["Nothing here.", ">clear<", ">dead</option>"]);

        // Audit log (and the same table on the event page)
        var audit = await PageAsync(console, "/audit");
        AssertArabic(audit, ["<h1>سجل التدقيق</h1>", "رقم الحدث", "<td class=\"action\">تأكيد</td>", "<td class=\"action\">ضمّ تقرير</td>", "<span class=\"rule\">القاعدة <bdi dir=\"ltr\">", "<span class=\"field\">الحالة</span>", "<th>قبل ← بعد</th>"]);
        AssertNoEnglish(audit, ["Event #", ">Show<", ">confirm<", ">place<", ">rule ", ">status<", ">reports<"]);
        AssertArabic(await PageAsync(console, $"/events/{shelling}"), ["<td class=\"action\">تأكيد</td>"]);

        // Status and refusal pages
        var missing = await PageAsync(console, "/events/987654", HttpStatusCode.NotFound);
        AssertArabic(missing, ["<h1>غير موجود</h1>", "لا توجد صفحة كهذه", ">العودة إلى لوحة التحكم</a>"]);
        AssertNoEnglish(missing, ["Not found", "does not exist", "Back to the console"]);
        var denied = await PageAsync(console, "/denied");
        AssertArabic(denied, ["<h1>غير مسموح</h1>", "لا يملك حسابك الدور الذي تحتاجه هذه الصفحة."]);
        AssertNoEnglish(denied, ["Not allowed", "Your login does not have"]);

        // Signing in, before and after a wrong password
        using var visitor = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        visitor.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "ar");
        var login = await PageAsync(visitor, "/login");
        AssertArabic(login, ["<title>تسجيل الدخول · AlertBot</title>", "<h1>تسجيل الدخول</h1>", "اسم الدخول <input", "كلمة المرور <input", ">تسجيل الدخول</button>"]);
        AssertNoEnglish(login, ["Sign in", ">Login <", ">Password <"]);
        var wrong = await AlertBotApp.SignInAsync(visitor, AlertBotApp.ConsoleLogin, "not the password at all");
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        AssertArabic(wrongPage, ["اسم الدخول أو كلمة المرور غير صحيح."]);
        AssertNoEnglish(wrongPage, ["Wrong login or password"]);
    }

    [Fact]
    public void Every_sentence_of_the_console_pages_has_its_arabic()
    {
        var pages = Path.Combine(RepositoryRoot.Path, "src", "AlertBot", "Pages");
        var used = Directory.GetFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => Sentence().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Sentence: Regex.Unescape(m.Groups[1].Value))))
            .Concat(Directory.GetFiles(pages, "*.cs", SearchOption.AllDirectories)
                .SelectMany(f => ModelSentence().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Sentence: Regex.Unescape(m.Groups[1].Value)))))
            .Distinct()
            .ToList();

        Assert.True(used.Count > 200, $"only {used.Count} sentences found");
        Assert.Contains(used, u => u.File == "_AuditTable.cshtml");
        Assert.Contains(used, u => u.File == "Status.cshtml.cs");
        var missing = used.Where(u => !ConsoleLocalizer.Sentences.Contains(u.Sentence)).Select(u => $"{u.File}: {u.Sentence}").ToList();
        Assert.True(missing.Count == 0, "No Arabic for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_stored_token_the_console_shows_has_its_arabic()
    {
        static IEnumerable<string> Constants(Type type) =>
            type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

        var tokens = Constants(typeof(ModerationActions)).Select(a => "action:" + a)
            .Concat(Constants(typeof(OutboxKinds)).Select(k => "kind:" + k))
            .Concat(Enum.GetValues<OutboxState>().Select(s => "outbox:" + DeliveriesModel.StateName(s)))
            .Concat(DeliveriesModel.States.Select(s => "outbox:" + s))
            .Concat(Enum.GetValues<FeedDisabledBy>().Select(b => "disabled by:" + b.ToString().ToLowerInvariant()))
            .Concat(AuditFields().Select(f => "change:" + f))
            .Concat(new[] { "Name", "Url", "Language", "Tier", "IntervalSeconds" }.Select(f => "field:" + f))
            .ToList();

        Assert.All(tokens, t => Assert.Contains(t, ConsoleLocalizer.Sentences));
    }

    /// <summary>The fields <see cref="AuditChanges"/> names: every one differs between an empty event and a full one.</summary>
    private static List<string> AuditFields()
    {
        var empty = new EventSnapshot("Pending", [], [], [], new Dictionary<string, int>(), null, null, [], 0, null, null);
        var full = new EventSnapshot("Confirmed", ["shelling"], ["ES037"], ["sdf"], new Dictionary<string, int> { ["shells"] = 8 }, "ملاحظة", "note", ["mona"], 2, null, "mona",
            new Dictionary<string, string> { ["sdf"] = "attacker" });
        var fields = AuditChanges.Of(empty, full).Select(c => c.Field).ToList();
        Assert.Equal(11, fields.Count);
        return fields;
    }

    private static Dictionary<string, string> SourceForm(string url) => new()
    {
        ["Form.Name"] = AddedSource,
        ["Form.Url"] = url,
        ["Form.Language"] = "ar",
        ["Form.Tier"] = "1",
        ["Form.IntervalSeconds"] = "900",
        ["Form.Keywords"] = "قصف، غارة",
    };

    private static async Task<string> PageAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path}: {response.StatusCode}\n{html}");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        return html;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string path, Dictionary<string, string> fields)
    {
        var token = AlertBotApp.AntiforgeryToken().Match(await client.GetStringAsync(new Uri(formPage, UriKind.Relative))).Groups[1].Value;
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(body));
    }

    private static long SourceId(string html, string name) =>
        long.Parse(Regex.Match(html, $"<tr id=\"source-(\\d+)\"[^>]*>\\s*<td>\\s*<strong dir=\"auto\">{Regex.Escape(name)}</strong>").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertArabic(string html, IEnumerable<string> expected)
    {
        var missing = expected.Where(e => !html.Contains(e, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Missing from the Arabic page:\n" + string.Join("\n", missing) + "\n\n" + html);
    }

    private static void AssertNoEnglish(string html, IEnumerable<string> english)
    {
        var found = english.Where(e => html.Contains(e, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 0, "English left in the Arabic page:\n" + string.Join("\n", found) + "\n\n" + html);
    }

    /// <summary><c>L["…"]</c> and <c>L.Html("…"</c> in a page.</summary>
    [GeneratedRegex("\\bL(?:\\[|\\.Html\\()\"((?:[^\"\\\\]|\\\\.)+)\"")]
    private static partial Regex Sentence();

    /// <summary><c>localizer["…"]</c> in a page model.</summary>
    [GeneratedRegex("\\blocalizer\\[\"((?:[^\"\\\\]|\\\\.)+)\"")]
    private static partial Regex ModelSentence();
}
