using System.Globalization;
using AlertBot.Core.Rendering;

namespace AlertBot.Core.Conversation;

/// <summary>
/// Every sentence the bot says in conversation, in Arabic and English. The Arabic is written plainly, commands and
/// Latin names included: <see cref="Bilingual.For"/> isolates every Latin, number and command run of an Arabic line.
/// </summary>
public static class BotTexts
{
    public static readonly Bilingual Welcome = new(
        "مرحبًا! أنا AlertBot: أنقل تنبيهات مؤكَّدة عن القصف والهجمات في دير الزور والقواعد المحيطة بها.\nاختر لغة الرسائل:",
        "Hello! I am AlertBot: I relay confirmed alerts about shelling and attacks in Deir ez-Zor and the bases around it.\nChoose the language of my messages:");

    public static readonly Bilingual Help = new(
        "الأوامر:\n"
        + "/subscribe <مكان أو جهة> — الاشتراك في تنبيهات مكان أو جهة (بلا اسم: قائمة للتصفح)\n"
        + "/unsubscribe <مكان أو جهة> — إلغاء اشتراك (بلا اسم: اختر من القائمة)\n"
        + "/list — اشتراكات هذه المحادثة وإعداداتها\n"
        + "/quiet 23:00-07:00 hold|silent — ساعات الهدوء: تأجيل التنبيهات أو إرسالها بصمت؛ /quiet off لإلغائها\n"
        + "/pause — إيقاف التنبيهات مؤقتًا، /resume — استئنافها\n"
        + "/timezone Asia/Damascus — المنطقة الزمنية لهذه المحادثة\n"
        + "/lang ar|en|both — لغة هذه المحادثة\n"
        + "/digest daily 08:00,20:00 [مكان أو جهة] — ملخص دوري لهذه المحادثة (أيضًا weekly و cron)؛ /digest لمزيد\n"
        + "/stop — حذف هذه المحادثة وكل اشتراكاتها\n"
        + "/start — البدء واختيار اللغة\n"
        + "/help — هذه القائمة\n"
        + "في المجموعات يغيّر الإعدادات مشرفوها فقط.",
        "Commands:\n"
        + "/subscribe <place or actor> — alerts for a place or an actor (no name: a menu to browse)\n"
        + "/unsubscribe <place or actor> — remove a subscription (no name: pick from a list)\n"
        + "/list — this chat's subscriptions and settings\n"
        + "/quiet 23:00-07:00 hold|silent — quiet hours: hold alerts or send them silently; /quiet off to end them\n"
        + "/pause — pause alerts, /resume — resume them\n"
        + "/timezone Asia/Damascus — this chat's time zone\n"
        + "/lang ar|en|both — language of this chat\n"
        + "/digest daily 08:00,20:00 [place or actor] — a scheduled digest for this chat (also weekly and cron); /digest for more\n"
        + "/stop — forget this chat and all its subscriptions\n"
        + "/start — start and choose a language\n"
        + "/help — this list\n"
        + "In groups only the admins change settings.");

    public static readonly Bilingual LanguageSetAr = new("سأراسلك بالعربية.", "I will write in Arabic.");
    public static readonly Bilingual LanguageSetEn = new("سأراسلك بالإنكليزية.", "I will write in English.");
    public static readonly Bilingual LanguageSetBoth = new("سأراسلك بالعربية والإنكليزية.", "I will write in Arabic and English.");

    public static readonly Bilingual LanguageUsage = new(
        "اكتب: /lang ar أو /lang en أو /lang both",
        "Type: /lang ar, /lang en or /lang both");

    public static readonly Bilingual NotAdmin = new(
        "إعدادات هذه المجموعة لمشرفيها فقط.",
        "Only this group's admins can change its settings.");

    public static readonly Bilingual StaleButton = new(
        "هذا الزر لم يعد صالحًا.",
        "This button is no longer valid.");

    public static Bilingual UnknownCommand(string command) => new(
        $"لا أعرف الأمر {command}. أرسل /help لقائمة الأوامر.",
        $"I don't know the command {command}. Send /help for the list.");

    public static readonly Bilingual NotACommand = new(
        "أفهم الأوامر فقط. أرسل /help لقائمة الأوامر.",
        "I only understand commands. Send /help for the list.");

    // Subscribing

    public static Bilingual Subscribed(Bilingual target) => new($"تم الاشتراك في تنبيهات: {target.Ar}.", $"Subscribed to {target.En}.");

    public static Bilingual SubscribedAlso(Bilingual target) => new(
        $"تم الاشتراك في تنبيهات: {target.Ar} أيضًا، وتبقى الاشتراكات الأخرى قائمة.",
        $"Subscribed to {target.En} as well; your other subscriptions stay.");

    public static Bilingual AlreadySubscribed(Bilingual target) => new($"هذه المحادثة مشتركة أصلًا في: {target.Ar}.", $"This chat is already subscribed to {target.En}.");

    public static readonly Bilingual OtherPlacesOfThatName = new(
        "يحمل هذا الاسم أيضًا ما يلي؛ اضغط لإضافته إلى اشتراكاتك:",
        "That name also fits the places below; press one to add it too:");

    public static Bilingual UnknownName(string typed) => new(
        $"لم أجد مكانًا أو جهة باسم «{typed}».",
        $"I found no place or actor called \"{typed}\".");

    public static readonly Bilingual DidYouMean = new("هل تقصد أحد هذه؟", "Did you mean one of these?");

    public static readonly Bilingual TryTheMenu = new(
        "أرسل /subscribe بلا اسم لتصفّح الأماكن والجهات.",
        "Send /subscribe without a name to browse places and actors.");

    public static readonly Bilingual NameTooLong = new(
        "هذا الاسم أطول من أي مكان أو جهة أعرفها. اكتب اسمًا قصيرًا، أو أرسل /subscribe بلا اسم لتصفّح القائمة.",
        "That name is longer than any place or actor I know. Type a short name, or send /subscribe alone to browse.");

    public static readonly Bilingual SubscriptionLimit = new(
        $"بلغت هذه المحادثة الحد الأقصى ({Routing.SubscriptionService.MaxPerRecipient} اشتراك). ألغِ بعضها بالأمر /unsubscribe أولًا.",
        $"This chat has reached the limit of {Routing.SubscriptionService.MaxPerRecipient} subscriptions. Remove some with /unsubscribe first.");

    public static readonly Bilingual MenuTitle = new("ما التنبيهات التي تريدها لهذه المحادثة؟", "What should this chat be alerted about?");

    public static readonly Bilingual MenuPlaces = new("الأماكن", "Places");
    public static readonly Bilingual MenuActors = new("الجهات", "Actors");
    public static readonly Bilingual MenuEventTypes = new("أنواع الأحداث", "Event types");
    public static readonly Bilingual ButtonBack = new("↩ رجوع", "↩ Back");
    public static readonly Bilingual ButtonPrevious = new("‹ السابق", "‹ Previous");
    public static readonly Bilingual ButtonNext = new("التالي ›", "Next ›");

    public static Bilingual ButtonSubscribeHere(Bilingual place) => new($"✅ الاشتراك في كامل {place.Ar}", $"✅ Subscribe to all of {place.En}");

    public static readonly Bilingual PlacesTitle = new(
        "اختر مكانًا: اضغط على منطقة لتصفّح ما فيها، أو على ＋ للاشتراك.",
        "Choose a place: press an area to see what lies in it, or ＋ to subscribe.");

    public static Bilingual BrowseTitle(Bilingual place) => new(
        $"{place.Ar}\nاشترك فيها كلها، أو اختر مكانًا داخلها:",
        $"{place.En}\nSubscribe to all of it, or choose a place within it:");

    public static readonly Bilingual ActorsTitle = new(
        "اختر جهة؛ الاشتراك في مجموعة يشمل كل فصائلها:",
        "Choose an actor; a group includes all its members:");

    public static readonly Bilingual EventTypesTitle = new("اختر نوع حدث:", "Choose an event type:");

    // Unsubscribing and listing

    public static Bilingual Unsubscribed(Bilingual target) => new($"تم إلغاء الاشتراك في: {target.Ar}.", $"Unsubscribed from {target.En}.");

    public static Bilingual NotSubscribed(string typed) => new(
        $"هذه المحادثة غير مشتركة في «{typed}». أرسل /list لرؤية اشتراكاتها.",
        $"This chat has no subscription to \"{typed}\". Send /list to see its subscriptions.");

    public static readonly Bilingual AlsoSubscribedByThatName = new(
        "اشتراكات أخرى تحمل هذا الاسم؛ اضغط لإلغاء أيٍّ منها:",
        "Other subscriptions of that name; press one to remove it:");

    public static readonly Bilingual UnsubscribeTitle = new("اضغط على اشتراك لإلغائه:", "Press a subscription to remove it:");

    public static readonly Bilingual NoSubscriptions = new(
        "لا اشتراكات لهذه المحادثة. أرسل /subscribe لإضافة اشتراك.",
        "This chat has no subscriptions. Send /subscribe to add one.");

    public static readonly Bilingual ListTitle = new("اشتراكات هذه المحادثة:", "This chat's subscriptions:");

    public static readonly Bilingual StateActive = new("التنبيهات: تعمل.", "Alerts: on.");
    public static readonly Bilingual StatePaused = new("التنبيهات: متوقفة مؤقتًا (أرسل /resume لاستئنافها).", "Alerts: paused (send /resume to resume).");
    public static readonly Bilingual DigestUsage = new(
        "الملخص الدوري (لمشرفي المحادثة):\n"
        + "/digest daily 08:00,20:00 [مكان أو جهة] — كل يوم في هذه الأوقات\n"
        + "/digest weekly fri 09:00 [مكان أو جهة] — كل أسبوع\n"
        + "/digest cron \"0 8 * * *\" [مكان أو جهة] — تعبير cron\n"
        + "/digest lang ar|en|both — لغة الملخص\n"
        + "/digest empty line|nothing — ما يُرسل حين لا يوجد شيء: سطر قصير أو لا شيء\n"
        + "/digest pause، /digest resume، /digest off — إيقاف مؤقت، استئناف، حذف\n"
        + "/digest only — الملخص بدل التنبيهات الفورية: يشمل اشتراكات المحادثة ولا تصل تنبيهاتها فورًا؛ /digest instant — عودة التنبيهات الفورية\n"
        + "/digest preview — الملخص كما سيكون عن الفترة الأخيرة، لك وحدك",
        "Scheduled digest (chat admins):\n"
        + "/digest daily 08:00,20:00 [place or actor] — every day at those times\n"
        + "/digest weekly fri 09:00 [place or actor] — every week\n"
        + "/digest cron \"0 8 * * *\" [place or actor] — a cron expression\n"
        + "/digest lang ar|en|both — the digest's language\n"
        + "/digest empty line|nothing — what an empty period gives: one short line, or nothing\n"
        + "/digest pause, /digest resume, /digest off — pause, resume, delete\n"
        + "/digest only — the digest instead of instant alerts: it covers this chat's subscriptions, which then alert no more; /digest instant — instant alerts again\n"
        + "/digest preview — the digest as it would be for the last period, shown to you alone");

    public static readonly Bilingual DigestModeOn = new(
        "لن تصل تنبيهات فورية لاشتراكات هذه المحادثة؛ يجمعها الملخص الدوري.",
        "This chat's subscriptions no longer alert instantly; the digest gathers them.");

    public static readonly Bilingual DigestModeOff = new(
        "عادت التنبيهات الفورية لاشتراكات هذه المحادثة.",
        "This chat's subscriptions alert instantly again.");

    public static readonly Bilingual DigestModeNeedsDigest = new(
        "لا ملخص دوريًا لهذه المحادثة بعد: اضبطه أولًا، ثم /digest only.",
        "This chat has no digest yet: set one first, then /digest only.");

    public static readonly Bilingual NoDigest = new("لا ملخص دوريًا لهذه المحادثة.", "This chat has no scheduled digest.");

    public static readonly Bilingual DigestDeleted = new("حُذف الملخص الدوري لهذه المحادثة.", "This chat's digest is deleted.");

    public static Bilingual DigestBadSchedule(string error) => new(
        $"لم أفهم الجدول ({error}). مثال: /digest daily 08:00,20:00 الميادين",
        $"I could not read that schedule ({error}). Example: /digest daily 08:00,20:00 al-Mayadin");

    public static Bilingual DigestUnknownTarget(string name) => new(
        $"لا أعرف «{name}» مكانًا أو جهة.", $"I know no place or actor called \"{name}\".");

    public static Bilingual DigestSummary(DigestView view) => new(
        $"الملخص الدوري: {view.ScheduleAr}، بتوقيت {view.Zone}\nيشمل: {view.FilterAr}\nاللغة: {view.Language} · الفترة الفارغة: {(view.EmptyLine ? "سطر قصير" : "لا شيء")}{(view.Paused ? " · متوقف مؤقتًا" : string.Empty)}\nالملخص التالي: {view.NextRun ?? "—"}",
        $"Digest: {view.ScheduleEn}, {view.Zone} time\nCovers: {view.FilterEn}\nLanguage: {view.Language} · empty period: {(view.EmptyLine ? "one short line" : "nothing")}{(view.Paused ? " · paused" : string.Empty)}\nNext digest: {view.NextRun ?? "—"}");

    public static readonly Bilingual DigestPreviewHeader = new(
        "معاينة الملخص عن الفترة الأخيرة (لك وحدك، لم تُرسل إلى المحادثة):",
        "Preview of the digest for the last period (shown to you alone, not sent to the chat):");

    public static readonly Bilingual NoQuietHours = new("ساعات الهدوء: لا توجد.", "Quiet hours: none.");

    public static Bilingual QuietHours(QuietWindow window)
    {
        var span = window.From.ToString("HH:mm", CultureInfo.InvariantCulture) + "–" + window.Until.ToString("HH:mm", CultureInfo.InvariantCulture);
        return window.Mode == Storage.QuietMode.Hold
            ? new($"ساعات الهدوء: {span}، تُؤجَّل التنبيهات إلى نهايتها.", $"Quiet hours: {span}; alerts are held until they end.")
            : new($"ساعات الهدوء: {span}، تصل التنبيهات بلا صوت.", $"Quiet hours: {span}; alerts arrive without sound.");
    }

    public static Bilingual TimeZoneIs(string zone) => new($"المنطقة الزمنية: {zone} ({ZoneNames.Name(zone).Ar}).", $"Time zone: {zone}.");

    // Settings

    public static Bilingual QuietSet(QuietWindow window) => QuietHours(window);

    public static readonly Bilingual QuietOff = new("أُلغيت ساعات الهدوء.", "Quiet hours are off.");

    public static readonly Bilingual QuietUsage = new(
        "اكتب: /quiet 23:00-07:00 لتأجيل التنبيهات في هذه الساعات، أو /quiet 23:00-07:00 silent لإرسالها بلا صوت، أو /quiet off لإلغاء ساعات الهدوء. الوقت بالمنطقة الزمنية لهذه المحادثة.",
        "Type /quiet 23:00-07:00 to hold alerts in those hours, /quiet 23:00-07:00 silent to send them without sound, or /quiet off to end quiet hours. Times are in this chat's time zone.");

    public static readonly Bilingual Paused = new(
        "أوقفتُ التنبيهات لهذه المحادثة. لن تُحفظ التنبيهات في أثناء الإيقاف. أرسل /resume لاستئنافها.",
        "Alerts for this chat are paused; alerts meanwhile are not kept. Send /resume to resume.");

    public static readonly Bilingual AlreadyPaused = new("التنبيهات متوقفة أصلًا. أرسل /resume لاستئنافها.", "Alerts are already paused. Send /resume to resume.");
    public static readonly Bilingual Resumed = new("استُؤنفت التنبيهات لهذه المحادثة.", "Alerts for this chat are on again.");
    public static readonly Bilingual NotPaused = new("التنبيهات تعمل أصلًا.", "Alerts are already on.");

    public static Bilingual TimeZoneSet(string zone) => new($"ضُبطت المنطقة الزمنية على {zone} ({ZoneNames.Name(zone).Ar}).", $"Time zone set to {zone}.");

    public static Bilingual TimeZoneCurrent(string zone) => new(
        $"المنطقة الزمنية لهذه المحادثة: {zone} ({ZoneNames.Name(zone).Ar}). لتغييرها اكتب مثلًا: /timezone Europe/Berlin",
        $"This chat's time zone is {zone}. To change it type e.g. /timezone Europe/Berlin");

    public static Bilingual UnknownTimeZone(string typed) => new(
        $"لا أعرف المنطقة الزمنية «{typed}». اكتب معرّفًا من قاعدة IANA، مثل Asia/Damascus أو Europe/Berlin.",
        $"I don't know the time zone \"{typed}\". Type an IANA id such as Asia/Damascus or Europe/Berlin.");

    public static readonly Bilingual StopConfirm = new(
        "هل تريد أن أنسى هذه المحادثة؟ سأحذف كل اشتراكاتها وإعداداتها، ولن تصلها تنبيهات.",
        "Forget this chat? I will delete all its subscriptions and settings, and send it no more alerts.");

    public static readonly Bilingual ButtonStopYes = new("نعم، احذف كل شيء", "Yes, delete everything");
    public static readonly Bilingual ButtonStopNo = new("لا، أبقِها", "No, keep it");

    public static readonly Bilingual Forgotten = new(
        "حُذفت هذه المحادثة وكل اشتراكاتها. وداعًا! أرسل /start متى شئت للبدء من جديد.",
        "This chat and all its subscriptions are deleted. Goodbye! Send /start whenever you want to begin again.");

    public static readonly Bilingual StopCancelled = new("لم يُحذف شيء.", "Nothing was deleted.");

    public const string ButtonArabic = "العربية";
    public const string ButtonEnglish = "English";
    public const string ButtonBoth = "العربية + English";
}

/// <summary>A digest setting as the chat is told it: schedule, zone, what it covers, language, next run.</summary>
public sealed record DigestView(string ScheduleAr, string ScheduleEn, string Zone, string FilterAr, string FilterEn, string Language, bool EmptyLine, bool Paused, string? NextRun);

