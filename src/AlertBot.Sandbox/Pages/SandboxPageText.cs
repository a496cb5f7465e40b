using System.Globalization;

namespace AlertBot.Sandbox.Pages;

/// <summary>
/// The sandbox page's own words in Arabic and English, shipped with the adapter so the host's console needs to know
/// nothing about it. The request's UI culture (set by the console's request localization) picks the language.
/// </summary>
public static class SandboxPageText
{
    public static bool IsArabic => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ar";

    /// <summary>The Arabic for an English sentence of the page when the reader chose Arabic; the sentence otherwise.</summary>
    public static string L(string english) => IsArabic && Arabic.TryGetValue(english, out var ar) ? ar : english;

    /// <summary>Every sentence the page shows, for the test that each has its Arabic.</summary>
    public static IReadOnlyCollection<string> Sentences => Arabic.Keys;

    private static readonly Dictionary<string, string> Arabic = new(StringComparer.Ordinal)
    {
        ["Sandbox chat"] = "محادثة تجريبية",
        ["Talk to the bot as a subscriber would, without any Telegram or Discord token. Chat ids that start with - are groups."] =
            "تحدّث إلى البوت كما يفعل المشترك، بلا أي رمز من تيليغرام أو ديسكورد. المحادثات التي يبدأ معرّفها بـ - مجموعات.",
        ["Open chat"] = "فتح محادثة",
        ["Open"] = "فتح",
        ["Send"] = "إرسال",
        ["edited"] = "معدَّلة",
        ["bot"] = "البوت",
        ["Chat"] = "المحادثة",
        ["user id (groups)"] = "معرّف المستخدم (للمجموعات)",
    };
}
