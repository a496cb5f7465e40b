using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace AlertBot.Pages;

/// <summary>
/// The console's words in Arabic and English. The English sentence is the key; the request's UI culture (chosen by
/// ASP.NET Core request localization: the user's cookie, then Accept-Language) picks the language. A sentence with no
/// Arabic yet is shown in English rather than not at all.
/// </summary>
public sealed class ConsoleLocalizer : IStringLocalizer
{
    public const string CookieName = ".AlertBot.Culture";

    public static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en");

    /// <summary>Arabic with the Gregorian calendar and Latin digits, as Syrian readers of dates and counts expect.</summary>
    public static readonly CultureInfo ArabicCulture = CultureInfo.GetCultureInfo("ar-SY");

    public static IReadOnlyList<CultureInfo> Cultures { get; } = [EnglishCulture, ArabicCulture];

    /// <summary>Whether this request's reader chose Arabic.</summary>
    public static bool IsArabic => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ar";

    public static string Direction => IsArabic ? "rtl" : "ltr";

    public static string Language => IsArabic ? "ar" : "en";

    public LocalizedString this[string name] =>
        IsArabic && Arabic.TryGetValue(name, out var ar) ? new(name, ar) : new(name, name, resourceNotFound: IsArabic);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Arabic.Select(p => IsArabic ? new LocalizedString(p.Key, p.Value) : new LocalizedString(p.Key, p.Key));

    /// <summary>Every English sentence that has its Arabic (the keys of the table).</summary>
    public static IReadOnlyCollection<string> Sentences => Arabic.Keys;

    /// <summary>
    /// A sentence as HTML: its own words encoded only where HTML needs it (so an English apostrophe reads as the page's
    /// literal text did), each argument either HTML already (<see cref="IHtmlContent"/>, e.g. from <see cref="Ltr"/>) or
    /// text encoded as Razor encodes it.
    /// </summary>
    public IHtmlContent Html(string name, params object?[] arguments)
    {
        var format = Minimal(this[name].Value);
        if (arguments.Length == 0)
        {
            return new HtmlString(format);
        }

        var encoded = arguments.Select(a => (object)(a switch
        {
            null => string.Empty,
            IHtmlContent html => Write(html),
            IFormattable f => Encoder.Encode(f.ToString(null, CultureInfo.CurrentCulture)),
            _ => Encoder.Encode(a.ToString() ?? string.Empty),
        })).ToArray();
        return new HtmlString(string.Format(CultureInfo.CurrentCulture, format, encoded));
    }

    /// <summary>
    /// A left-to-right token (a time, an id, a setting name, a URL) as HTML: isolated in <c>&lt;bdi dir="ltr"&gt;</c> for
    /// an Arabic reader so that it reads in its own order, unchanged for an English one.
    /// </summary>
    public static IHtmlContent Ltr(object? token)
    {
        var html = token switch
        {
            null => string.Empty,
            IHtmlContent h => Write(h),
            IFormattable f => Encoder.Encode(f.ToString(null, CultureInfo.CurrentCulture)),
            _ => Encoder.Encode(token.ToString() ?? string.Empty),
        };
        return new HtmlString(IsArabic ? $"<bdi dir=\"ltr\">{html}</bdi>" : html);
    }

    /// <summary>
    /// A run of text inside a sentence built as plain text (a notice, a reason): between Unicode isolates for an Arabic
    /// reader (left-to-right, or its own direction when <paramref name="ltr"/> is false), unchanged for an English one.
    /// </summary>
    public static string Isolate(string? text, bool ltr = true) =>
        text is null ? string.Empty : IsArabic ? (ltr ? "\u2066" : "\u2068") + text + "\u2069" : text;

    /// <summary>
    /// A word the bot stores as a token (an audit action, an outbox state, a field name) in the reader's language: the
    /// Arabic of <c>kind:token</c> when there is one, otherwise the token itself (what English readers see).
    /// </summary>
    public static string Token(string kind, string? token) =>
        token is null ? string.Empty : IsArabic && Arabic.TryGetValue($"{kind}:{token}", out var ar) ? ar : token;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Write(IHtmlContent html)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        html.WriteTo(writer, Encoder);
        return writer.ToString();
    }

    /// <summary>Our own sentences, encoded only where HTML text and quoted attributes need it.</summary>
    private static string Minimal(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>The cookie value that makes <paramref name="culture"/> this user's choice.</summary>
    public static string CookieValue(CultureInfo culture) => CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));

    private static readonly Dictionary<string, string> Arabic = new(StringComparer.Ordinal)
    {
        // Layout and menu
        ["Overview"] = "نظرة عامة",
        ["Queue"] = "قائمة الانتظار",
        ["Reports"] = "التقارير",
        ["Audit log"] = "سجل التدقيق",
        ["Sources"] = "المصادر",
        ["Subscribers"] = "المشتركون",
        ["Deliveries"] = "الإرسال",
        ["Digests"] = "الملخصات الدورية",
        ["Sandbox chat"] = "محادثة تجريبية",
        ["Jobs"] = "المهام",
        ["inside the bot"] = "داخل البوت",
        ["connected"] = "متصل",
        ["degraded"] = "متعثّر",
        ["down"] = "منقطع",
        ["{0} chats"] = "{0} محادثة",
        ["polling"] = "استطلاع",
        ["webhook"] = "webhook",
        ["last success {0}"] = "آخر نجاح {0}",
        ["Next digests"] = "الملخصات التالية",
        ["Sign out"] = "تسجيل الخروج",
        ["Language"] = "اللغة",
        ["Main menu"] = "القائمة الرئيسية",

        // Overview
        ["Storage"] = "التخزين",
        ["Platforms"] = "المنصات",
        ["Chats known"] = "المحادثات المعروفة",
        ["Events to moderate"] = "أحداث بانتظار المراجعة",
        ["Oldest pending event"] = "أقدم حدث بانتظار المراجعة",
        ["none"] = "لا يوجد",
        ["waiting {0}"] = "ينتظر منذ {0}",
        ["Confirm → delivery, last 24 h"] = "من التأكيد إلى الإرسال، آخر 24 ساعة",
        ["no alert delivered"] = "لم يُرسل أي تنبيه",
        ["{0} alerts"] = "{0} تنبيه",
        ["Outbox"] = "صندوق الإرسال",
        ["{0} waiting to be sent"] = "{0} بانتظار الإرسال",
        ["Dead letters, last 24 h"] = "رسائل لم تُرسل، آخر 24 ساعة",
        ["429 answers, last 24 h"] = "ردود 429، آخر 24 ساعة",
        ["Failing sources"] = "مصادر متعثرة",
        ["Disabled sources"] = "مصادر معطّلة",
        ["Feed sources switched off after repeated failures:"] = "مصادر أُوقفت بعد إخفاقات متكررة:",
        ["Try the bot without any token in the"] = "جرّب البوت بلا أي رمز في",
        ["sandbox chat"] = "المحادثة التجريبية",

        // Queue
        ["Moderation queue"] = "قائمة المراجعة",
        ["Filters"] = "عوامل التصفية",
        ["Status"] = "الحالة",
        ["Type"] = "النوع",
        ["any"] = "أي نوع",
        ["Place"] = "المكان",
        ["Order"] = "الترتيب",
        ["newest first"] = "الأحدث أولًا",
        ["most corroborated first"] = "الأكثر تأكيدًا أولًا",
        ["Show"] = "عرض",
        ["No events here."] = "لا أحداث هنا.",
        ["select"] = "تحديد",
        ["Event"] = "الحدث",
        ["Places"] = "الأماكن",
        ["Date"] = "التاريخ",
        ["Outlets"] = "المصادر",
        ["First headline"] = "أول عنوان",
        ["{0} reports"] = "{0} تقارير",
        ["claimed by {0}"] = "محجوز لدى {0}",
        ["Confirm selected"] = "تأكيد المحدد",
        ["pending"] = "بانتظار المراجعة",
        ["confirmed"] = "مؤكَّد",
        ["rejected"] = "مرفوض",
        ["retracted"] = "مسحوب",
        ["merged"] = "مدموج",
        ["all"] = "الكل",
        ["A new event is waiting for moderation."] = "حدث جديد بانتظار المراجعة.",
        ["{0} new events are waiting for moderation."] = "{0} أحداث جديدة بانتظار المراجعة.",
        ["Updated just now."] = "حُدّثت الآن.",
        ["Confirm {0} event(s)? Alerts go to {1} chat(s): {2}."] = "تأكيد {0} حدث؟ ستصل التنبيهات إلى {1} محادثة: {2}.",
        ["no chat"] = "لا محادثة",
        ["In and within {0}."] = "في {0} وما يقع ضمنه.",
        ["Select event {0}"] = "تحديد الحدث {0}",
        ["No place of the gazetteer is called “{0}”."] = "لا مكان في المعجم الجغرافي باسم «{0}».",
        ["Tick the events to confirm."] = "حدّد الأحداث المراد تأكيدها.",
        ["Confirmed {0} of {1} event(s)."] = "الأحداث المؤكدة: {0} من {1}.",
        ["Confirmed {0} of {1} event(s); {2} wait for a second moderator."] = "الأحداث المؤكدة: {0} من {1}؛ وبانتظار مشرف ثانٍ: {2}.",

        // Event
        ["← Queue"] = "→ قائمة المراجعة",
        ["Event #{0}"] = "الحدث #{0}",
        ["Actors"] = "الأطراف",
        ["Counts"] = "الأعداد",
        ["{0} outlet(s), {1} report(s)"] = "{0} مصدر، {1} تقرير",
        ["Notes"] = "ملاحظات",
        ["Actions"] = "الإجراءات",
        ["Claim"] = "حجز",
        ["Release claim"] = "إلغاء الحجز",
        ["Confirm"] = "تأكيد",
        ["may be the same as"] = "قد يكون الحدث نفسه",
        ["Reject"] = "رفض",
        ["Retract"] = "سحب",
        ["Merge into"] = "دمج في",
        ["reason"] = "السبب",
        ["Edit"] = "تعديل",
        ["Types"] = "الأنواع",
        ["Save"] = "حفظ",
        ["History"] = "السجل",
        ["Confirming alerts {0} chat(s): {1}."] = "التأكيد يرسل تنبيهًا إلى {0} محادثة: {1}.",
        ["Confirm this event? Alerts go to {0} chat(s): {1}."] = "تأكيد هذا الحدث؟ ستصل التنبيهات إلى {0} محادثة: {1}.",
        ["Confirming alerts no chat yet: nobody follows these places, actors or types."] = "لن يصل التأكيد إلى أي محادثة بعد: لا أحد يتابع هذه الأماكن أو الأطراف أو الأنواع.",

        ["Highlights:"] = "التظليل:",
        ["type"] = "النوع",
        ["place"] = "المكان",
        ["actor"] = "الطرف",
        ["count"] = "العدد",
        ["date"] = "التاريخ",
        ["Nothing recorded yet."] = "لا شيء مسجّل بعد.",
        ["When"] = "متى",
        ["Who"] = "من",
        ["Action"] = "الإجراء",
        ["Detail"] = "التفاصيل",
        ["Before → after"] = "قبل ← بعد",

        ["Search types"] = "ابحث في الأنواع",
        ["Search actors"] = "ابحث في الأطراف",
        ["Role of {0}"] = "دور {0}",
        ["Role unknown"] = "الدور غير معروف",
        ["role:attacker"] = "المهاجم",
        ["role:target"] = "الهدف",
        ["role:moving"] = "الطرف المتحرّك",
        ["Add a place (type a name in Arabic or English)"] = "أضف مكانًا (اكتب اسمه بالعربية أو الإنكليزية)",
        ["Empty a place's field to remove it."] = "أفرغ حقل المكان لحذفه.",
        ["rockets"] = "صواريخ",
        ["missiles"] = "صواريخ موجّهة",
        ["shells"] = "قذائف",
        ["drones"] = "طائرات مسيّرة",
        ["strikes"] = "غارات",
        ["killed"] = "قتلى",
        ["wounded"] = "جرحى",
        ["Other counts (name=number, comma-separated)"] = "أعداد أخرى (اسم=عدد، تفصل بينها فواصل)",
        ["Saving edits the alert already sent to {0} chat(s); each is marked “Updated”."] = "الحفظ يعدّل التنبيه المرسل إلى {0} محادثة، ويوسم كل منها بـ«تحديث».",

        // Digests
        ["No chat has a digest yet. A chat's admins set one with"] = "لا ملخص دوريًا لأي محادثة بعد. يضبطه مشرفو المحادثة بالأمر",
        ["Chat"] = "المحادثة",
        ["Schedule (cron)"] = "الجدول (cron)",
        ["Time zone"] = "المنطقة الزمنية",
        ["Covers"] = "يشمل",
        ["Empty period"] = "الفترة الفارغة",
        ["Next run"] = "الموعد التالي",
        ["Last digest"] = "آخر ملخص",
        ["Set by"] = "ضبطه",
        ["every confirmed incident"] = "كل الحوادث المؤكدة",
        ["the chat's subscriptions, instead of instant alerts, within: {0}"] = "اشتراكات المحادثة، بدل التنبيهات الفورية، ضمن: {0}",
        ["Arabic"] = "العربية",
        ["English"] = "الإنجليزية",
        ["Arabic and English"] = "العربية والإنجليزية",
        ["nothing"] = "لا شيء",
        ["one line"] = "سطر واحد",
        ["paused"] = "متوقف مؤقتًا",
        ["none yet"] = "لا شيء بعد",
        ["sent {0}"] = "أُرسل {0}",
        ["waiting to be sent"] = "بانتظار الإرسال",
        ["not sent (failed)"] = "لم يُرسل (فشل)",
        ["not sent (cancelled)"] = "لم يُرسل (أُلغي)",

        // Places
        ["The places people subscribe to, with the link that opens the bot and subscribes in one tap: share it with a community of that place."] =
            "الأماكن التي يشترك فيها الناس، مع الرابط الذي يفتح البوت ويشترك بنقرة واحدة: شاركه مع أهل ذلك المكان.",
        ["Find"] = "بحث عن",
        ["Search"] = "ابحث",
        ["No platform with one-tap links is connected: set Telegram:BotToken to get Telegram's links."] =
            "لا منصة متصلة تتيح روابط النقرة الواحدة: اضبط Telegram:BotToken لتظهر روابط تيليغرام.",
        ["No place matches."] = "لا مكان يطابق البحث.",
        ["Kind"] = "النوع",
        ["Within"] = "ضمن",
        ["Subscriptions"] = "الاشتراكات",
        ["{0} link"] = "رابط {0}",
        ["waiting for the platform to name the bot"] = "بانتظار أن تسمّي المنصة البوت",

        // Reports
        ["Relevance"] = "الصلة بالموضوع",
        ["relevant"] = "ذات صلة",
        ["not relevant"] = "غير ذات صلة",
        ["report #{0}"] = "التقرير #{0}",
        ["received {0}"] = "وصل في {0}",
        ["event #{0}"] = "الحدث #{0}",
        ["not relevant: {0}"] = "غير ذات صلة: {0}",

        // Sources
        ["News feeds the bot polls. Sources named in configuration ({0}) are marked; at every start the fields configuration sets overwrite what is stored here."] =
            "خلاصات الأخبار التي يجلبها البوت. المصادر المسمّاة في الإعدادات ({0}) موسومة بذلك؛ وعند كل تشغيل تحلّ الحقول المضبوطة في الإعدادات محلّ ما هو مخزّن هنا.",
        ["Sources disabled after repeated failures"] = "مصادر عُطّلت بعد إخفاقات متكررة",
        ["disabled {0}: {1}"] = "عُطّل في {0}: {1}",
        ["Fix the feed (or its URL) and enable the source again."] = "أصلح الخلاصة (أو رابطها) ثم فعّل المصدر من جديد.",
        ["never"] = "لم يحدث قط",
        ["Source"] = "المصدر",
        ["Last success"] = "آخر نجاح",
        ["Last error"] = "آخر خطأ",
        ["Items (24 h)"] = "العناصر (24 ساعة)",
        ["Next poll"] = "الجلب التالي",
        ["(configuration)"] = "(من الإعدادات)",
        ["language from feed"] = "اللغة من الخلاصة",
        ["tier {0}"] = "المستوى {0}",
        ["every {0} s"] = "كل {0} ثانية",
        ["articles"] = "مع المقالات",
        ["keywords: {0}"] = "الكلمات المفتاحية: {0}",
        ["enabled"] = "مفعّل",
        ["{0} consecutive failure(s)"] = "إخفاقات متتالية: {0}",
        ["disabled ({0})"] = "معطّل ({0})",
        ["disabled by:health"] = "تلقائيًا لكثرة الإخفاق",
        ["disabled by:console"] = "من لوحة التحكم",
        ["disabled by:configuration"] = "في الإعدادات",
        ["({0} known)"] = "(المعروف منها: {0})",
        ["due now"] = "مستحق الآن",
        ["Poll now"] = "اجلب الآن",
        ["Disable"] = "عطّل",
        ["Enable"] = "فعّل",
        ["No sources yet."] = "لا مصادر بعد.",
        ["Add a source"] = "أضف مصدرًا",
        ["Add"] = "إضافة",
        ["Source “{0}” added; its first poll is queued."] = "أُضيف المصدر «{0}»، وأول جلب له في قائمة الانتظار.",
        ["“{0}” is disabled: enable it to poll it."] = "«{0}» معطّل: فعّله ليُجلب.",
        ["A poll of “{0}” is queued; reload in a moment."] = "جلب «{0}» في قائمة الانتظار؛ أعد تحميل الصفحة بعد قليل.",
        ["“{0}” enabled; a poll is queued."] = "فُعّل «{0}»، والجلب في قائمة الانتظار.",
        ["“{0}” disabled."] = "عُطّل «{0}».",
        ["“{0}” saved."] = "حُفظ «{0}».",

        // A source's form and what is wrong with it
        ["Name (the outlet)"] = "الاسم (الوسيلة الإعلامية)",
        ["Feed URL"] = "رابط الخلاصة",
        ["from the feed"] = "من الخلاصة",
        ["Tier (1 = most trusted)"] = "المستوى (1 = الأوثق)",
        ["Interval (seconds; at least a minute in practice)"] = "الفاصل الزمني (بالثواني؛ دقيقة على الأقل عمليًا)",
        ["Fetch each article's page"] = "اجلب صفحة كل مقال",
        ["Keywords (comma-separated; empty: every item)"] = "الكلمات المفتاحية (تفصل بينها فواصل؛ إن تُركت فارغة: كل العناصر)",
        ["Edit source"] = "تعديل المصدر",
        ["This source is defined in configuration: the fields it sets there are written back at the next start."] =
            "هذا المصدر معرَّف في الإعدادات: الحقول المضبوطة هناك تُكتب من جديد عند التشغيل التالي.",
        ["Cancel"] = "إلغاء",
        ["field:Name"] = "الاسم",
        ["field:Url"] = "رابط الخلاصة",
        ["field:Language"] = "اللغة",
        ["field:Tier"] = "المستوى",
        ["field:IntervalSeconds"] = "الفاصل الزمني",
        ["{0}: is required."] = "{0}: حقل مطلوب.",
        ["{0}: at most {1} characters."] = "{0}: الحد الأقصى {1} حرف.",
        ["{0}: {1} is not an absolute http or https URL."] = "{0}: {1} ليس رابط http أو https كاملًا.",
        ["{0}: {1} is not ar or en."] = "{0}: {1} ليست ar ولا en.",
        ["{0}: {1} is not between {2} and {3}."] = "{0}: القيمة {1} ليست بين {2} و{3}.",
        ["{0}: {1} is already the name of another source."] = "{0}: {1} اسم مصدر آخر.",

        // Subscribers
        ["Totals"] = "المجاميع",
        ["Chats"] = "المحادثات",
        ["Active"] = "نشطة",
        ["Paused"] = "متوقفة مؤقتًا",
        ["Deactivated"] = "منقطعة",
        ["Chats by platform"] = "المحادثات حسب المنصة",
        ["No chat has talked to the bot yet."] = "لم تتحدث أي محادثة إلى البوت بعد.",
        ["Platform"] = "المنصة",
        ["Active chats receive alerts; paused ones asked for none until they resume; deactivated ones are gone on their platform (bot blocked, chat deleted, rights lost) until they write again."] =
            "المحادثات النشطة تتلقى التنبيهات؛ والمتوقفة مؤقتًا طلبت ألا يصلها شيء حتى تستأنف؛ والمنقطعة لم تعد متاحة على منصتها (حُظر البوت أو حُذفت المحادثة أو سُحبت صلاحياته) حتى تكتب من جديد.",
        ["Why chats were deactivated"] = "أسباب انقطاع المحادثات",
        ["Reason"] = "السبب",
        ["no reason recorded"] = "لم يُسجَّل سبب",
        ["The {0} most frequent reasons."] = "أكثر {0} سببًا تكرارًا.",
        ["Subscriptions by platform"] = "الاشتراكات حسب المنصة",
        ["No subscriptions yet."] = "لا اشتراكات بعد.",
        ["Of active chats"] = "لمحادثات نشطة",
        ["Digest only"] = "ملخص دوري فقط",
        ["Subscriptions by place"] = "الاشتراكات حسب المكان",
        ["any place"] = "أي مكان",
        ["not in the gazetteer"] = "غير موجود في المعجم الجغرافي",
        ["A subscription to a place also covers the places within it; each is counted once, under the place it names."] =
            "الاشتراك في مكان يشمل أيضًا الأماكن الواقعة ضمنه؛ ويُحسب كل اشتراك مرة واحدة، تحت المكان الذي يسمّيه.",
        ["Subscriptions by actor"] = "الاشتراكات حسب الطرف",
        ["Actor"] = "الطرف",
        ["any actor"] = "أي طرف",
        ["Subscriptions by event type"] = "الاشتراكات حسب نوع الحدث",
        ["Event type"] = "نوع الحدث",
        ["any type"] = "أي نوع",

        // Deliveries
        ["Outbox by state"] = "صندوق الإرسال حسب الحالة",
        ["Pending (outbox depth)"] = "بانتظار الإرسال (حجم صندوق الإرسال)",
        ["{0} due now, {1} held"] = "مستحقة الآن: {0}، مؤجلة: {1}",
        ["Counts of the rows that match the filters below, whatever their state."] = "أعداد الصفوف المطابقة لعوامل التصفية أدناه، أيًّا كانت حالتها.",
        ["State"] = "الحالة",
        ["Event #"] = "رقم الحدث",
        ["Chat id"] = "معرّف المحادثة",
        ["clear"] = "مسح",
        ["Nothing here."] = "لا شيء هنا.",
        ["Recipient"] = "المستلم",
        ["Attempts"] = "المحاولات",
        ["Created"] = "وقت الإنشاء",
        ["Due"] = "موعد الإرسال",
        ["Sent"] = "وقت الإرسال",
        ["Why not sent"] = "سبب عدم الإرسال",
        ["Pages"] = "الصفحات",
        ["newest"] = "الأحدث",
        ["← newer"] = "→ أحدث",
        ["older →"] = "أقدم ←",
        ["outbox:all"] = "الكل",
        ["outbox:pending"] = "بانتظار الإرسال",
        ["outbox:sent"] = "أُرسلت",
        ["outbox:dead"] = "فشلت",
        ["outbox:cancelled"] = "أُلغيت",
        ["kind:alert"] = "تنبيه",
        ["kind:update"] = "تحديث",
        ["kind:notice"] = "إشعار",
        ["kind:digest"] = "ملخص دوري",
        ["being sent by {0}"] = "قيد الإرسال لدى {0}",
        ["being sent by {0}; last attempt: {1}"] = "قيد الإرسال لدى {0}؛ آخر محاولة: {1}",
        ["held until {0}"] = "مؤجلة حتى {0}",
        ["held until {0}; last attempt: {1}"] = "مؤجلة حتى {0}؛ آخر محاولة: {1}",
        ["to be retried; last attempt: {0}"] = "ستُعاد المحاولة؛ آخر محاولة: {0}",
        ["gave up (no reason recorded)"] = "توقفت المحاولات (لم يُسجَّل سبب)",
        ["cancelled (no reason recorded)"] = "أُلغيت (لم يُسجَّل سبب)",
        ["sent after a failed attempt: {0}"] = "أُرسلت بعد محاولة فاشلة: {0}",

        // Audit
        ["rule {0}:"] = "القاعدة {0}:",
        ["action:claim"] = "حجز",
        ["action:release"] = "إلغاء الحجز",
        ["action:confirm"] = "تأكيد",
        ["action:reject"] = "رفض",
        ["action:retract"] = "سحب",
        ["action:edit"] = "تعديل",
        ["action:merge"] = "دمج",
        ["action:split"] = "فصل",
        ["action:auto-confirm"] = "تأكيد تلقائي",
        ["action:source-disabled"] = "تعطيل مصدر",
        ["action:place"] = "ضمّ تقرير",
        ["change:status"] = "الحالة",
        ["change:types"] = "الأنواع",
        ["change:places"] = "الأماكن",
        ["change:actors"] = "الأطراف",
        ["change:roles"] = "الأدوار",
        ["change:counts"] = "الأعداد",
        ["change:note ar"] = "الملاحظة بالعربية",
        ["change:note en"] = "الملاحظة بالإنجليزية",
        ["change:confirmations"] = "التأكيدات",
        ["change:reports"] = "التقارير",
        ["change:claimed by"] = "محجوز لدى",

        // Signing in, refusals and errors
        ["Sign in"] = "تسجيل الدخول",
        ["Login"] = "اسم الدخول",
        ["Password"] = "كلمة المرور",
        ["Wrong login or password."] = "اسم الدخول أو كلمة المرور غير صحيح.",
        ["Too many failed sign-ins for this login or from this address. Try again after {0} UTC."] =
            "محاولات دخول فاشلة كثيرة لهذا الاسم أو من هذا العنوان. حاول مجددًا بعد الساعة {0} بتوقيت UTC.",
        ["Not allowed"] = "غير مسموح",
        ["Your login does not have the role this page needs."] = "لا يملك حسابك الدور الذي تحتاجه هذه الصفحة.",
        ["Request refused"] = "رُفض الطلب",
        ["Not found"] = "غير موجود",
        ["Not possible here"] = "غير ممكن هنا",
        ["Too many requests"] = "طلبات كثيرة جدًا",
        ["Something went wrong"] = "حدث خطأ ما",
        ["Error {0}"] = "خطأ {0}",
        ["The form was incomplete or had expired. Go back, reload the page and try again."] =
            "كان النموذج ناقصًا أو انتهت صلاحيته. ارجع وأعد تحميل الصفحة ثم حاول مجددًا.",
        ["Your login does not have the role this needs: changing events, sources or jobs needs the moderator role."] =
            "لا يملك حسابك الدور اللازم لهذا: تعديل الأحداث أو المصادر أو المهام يتطلب دور المشرف.",
        ["There is no such page, or the event, report or source it names does not exist."] =
            "لا توجد صفحة كهذه، أو أن الحدث أو التقرير أو المصدر الذي تشير إليه غير موجود.",
        ["This address cannot be used that way."] = "لا يمكن استخدام هذا العنوان بهذه الطريقة.",
        ["Too many requests in a short time. Wait a few minutes and try again."] = "طلبات كثيرة في وقت قصير. انتظر بضع دقائق ثم حاول مجددًا.",
        ["The bot could not finish this request; the details are in its log. Try again in a moment."] =
            "تعذّر على البوت إتمام هذا الطلب، والتفاصيل في سجلّه. حاول مجددًا بعد قليل.",
        ["The request could not be completed."] = "تعذّر إتمام الطلب.",
        ["Back to the console"] = "العودة إلى لوحة التحكم",
    };
}
