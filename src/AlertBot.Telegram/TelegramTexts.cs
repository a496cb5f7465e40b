using AlertBot.Core.Conversation;

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
        ("start", "البدء واختيار اللغة", "Start and choose a language"),
    ];

    public static Bilingual CannotPost(string chatTitle) => new(
        $"لا أستطيع النشر في «{chatTitle}»: اجعلني مشرفًا يحق له نشر الرسائل، ثم اشترك من جديد. لن تُرسل إليها تنبيهات حتى ذلك الحين.",
        $"I cannot post in “{chatTitle}”: make me an administrator allowed to post messages. No alerts go there until then.");
}
