namespace AlertBot.Core.Conversation;

/// <summary>Every sentence the bot says in conversation, in Arabic and English.</summary>
public static class BotTexts
{
    public static readonly Bilingual Welcome = new(
        "مرحبًا! أنا AlertBot: أنقل تنبيهات مؤكَّدة عن القصف والهجمات في دير الزور والقواعد المحيطة بها.\nاختر لغة الرسائل:",
        "Hello! I am AlertBot: I relay confirmed alerts about shelling and attacks in Deir ez-Zor and the bases around it.\nChoose the language of my messages:");

    public static readonly Bilingual Help = new(
        "الأوامر:\n/start — البدء واختيار اللغة\n/lang ar|en|both — لغة هذه المحادثة\n/help — هذه القائمة",
        "Commands:\n/start — start and choose a language\n/lang ar|en|both — language of this chat\n/help — this list");

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

    public const string ButtonArabic = "العربية";
    public const string ButtonEnglish = "English";
    public const string ButtonBoth = "العربية + English";
}
