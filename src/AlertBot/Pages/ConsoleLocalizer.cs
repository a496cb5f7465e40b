using System.Globalization;
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
    };
}
