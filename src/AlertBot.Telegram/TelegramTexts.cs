using System.Globalization;
using AlertBot.Core.Events;
using AlertBot.Core.Rendering;
using AlertBot.Extraction;

namespace AlertBot.Telegram;

/// <summary>What the Telegram adapter itself says: the command menus and notices of the platform's own events.</summary>
public static class TelegramTexts
{
    /// <summary>The command menu (setMyCommands), in Arabic and English: command, Arabic, English.</summary>
    public static readonly IReadOnlyList<(string Command, string Ar, string En)> Commands =
    [
        ("subscribe", "الاشتراك في تنبيهات مكان أو جهة", "Subscribe to a place or an actor"),
        ("unsubscribe", "إلغاء اشتراك", "Unsubscribe"),
        ("list", "الاشتراكات والإعدادات", "Subscriptions and settings"),
        ("lang", "لغة الرسائل: ar أو en أو both", "Language: ar, en or both"),
        ("quiet", "ساعات الهدوء", "Quiet hours"),
        ("pause", "إيقاف التنبيهات مؤقتًا", "Pause alerts"),
        ("resume", "استئناف التنبيهات", "Resume alerts"),
        ("timezone", "المنطقة الزمنية", "Time zone"),
        ("stop", "حذف هذه المحادثة واشتراكاتها", "Forget this chat and its subscriptions"),
        ("help", "الأوامر", "The commands"),
        ("manage", "إدارة قناة أو مجموعة تشرف عليها", "Manage a channel or group you administer"),
        ("start", "البدء واختيار اللغة", "Start and choose a language"),
    ];

    public static Bilingual CannotPost(string chatTitle) => new(
        $"لا أستطيع النشر في «{chatTitle}»: اجعلني مشرفًا يحق له نشر الرسائل، ثم اشترك من جديد. لن تُرسل إليها تنبيهات حتى ذلك الحين.",
        $"I cannot post in “{chatTitle}”: make me an administrator allowed to post messages. No alerts go there until then.");

    public const string ForwardNotAllowed = "Only moderators and curators can file a channel's post as a report.\n\nيستطيع المشرفون والمنسّقون وحدهم تسجيل منشور قناة كتقرير.";

    public const string ForwardWithoutText = "This post has no text to read.\n\nلا نص في هذا المنشور.";

    public static string NotFiled(string reason) => "Not filed: " + reason + "\n\nلم يُسجَّل التقرير.";

    /// <summary>What became of a forwarded post: its report, and its event when it is relevant.</summary>
    public static string Filed(IngestResult result)
    {
        var report = "#" + result.ReportId.ToString(CultureInfo.InvariantCulture);
        if (result.Duplicate)
        {
            return $"Already filed as report {report}" + EventPart(result) + ".\n\nسُجّل هذا التقرير من قبل.";
        }

        return result.Relevant
            ? $"Filed as report {report}" + EventPart(result) + ".\n\nسُجّل التقرير."
            : $"Filed as report {report}; not relevant: {result.IrrelevantReason}.\n\nسُجّل التقرير، لكنه لا يخص التنبيهات: {IrrelevantReasons.ToArabic(result.IrrelevantReason ?? string.Empty)}.";
    }

    private static string EventPart(IngestResult result) =>
        result.EventId is { } id ? ", event #" + id.ToString(CultureInfo.InvariantCulture) : string.Empty;

    public const string ManagePick =
        "Chats where you are an admin and I am present: pick one to configure it from here.\n\nالمحادثات التي تشرف عليها وأنا فيها: اختر واحدة لضبطها من هنا.";

    public const string ManageNone =
        "You are an admin of no group or channel where I am. Add me there first (in a channel: as an administrator allowed to post).\n\nلست مشرفًا على مجموعة أو قناة أنا فيها. أضفني إليها أولًا.";

    public static string Managing(string title) =>
        $"Managing “{title}”. Use the menu below, or reply to any of these messages with a command (/subscribe الميادين, /list, /lang en…) to run it there.\n\n"
        + $"تدير الآن «{title}». استخدم القائمة أدناه، أو ردّ على أيٍّ من هذه الرسائل بأمر لتنفيذه هناك.";
}
