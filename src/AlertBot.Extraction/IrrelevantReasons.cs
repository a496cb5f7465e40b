using System.Globalization;
using System.Text.RegularExpressions;

namespace AlertBot.Extraction;

/// <summary>
/// Why a report is not relevant, in the words stored with it (English, as the API and the extract verb give them) and
/// in Arabic for the console and the bot's replies. A reason may carry a detail after its colon (the places of an
/// incident elsewhere, a length), which stays as it is.
/// </summary>
public static partial class IrrelevantReasons
{
    public const string NoIncident = "no incident reported (no attack, movement or clash outside background or negated context)";
    public const string Commemoration = "a commemoration or anniversary, not news of an incident";
    public const string Threat = "a threat or warning, not news of an incident";
    public const string ElsewherePrefix = "incident outside the watched region: ";
    public const string NotInGazetteer = "incident not located in the gazetteer";
    public const string NotInRegion = "incident not located in the watched region";
    public const string EmptyText = "empty text";
    public const string NoEventType = "no event type recognised";
    public const string NoPlace = "no place of the gazetteer recognised";
    public const string NotAboutTheArea = "not about an incident in the watched area";
    public const string TooLongPrefix = "text too long: ";

    private static readonly Dictionary<string, string> Arabic = new(StringComparer.Ordinal)
    {
        [NoIncident] = "لا يروي حادثة (لا هجوم ولا تحرّك ولا اشتباك خارج سياق الخلفية أو النفي)",
        [Commemoration] = "إحياء ذكرى أو مناسبة، لا خبر عن حادثة",
        [Threat] = "تهديد أو تحذير، لا خبر عن حادثة",
        [NotInGazetteer] = "مكان الحادثة ليس في المعجم الجغرافي",
        [NotInRegion] = "مكان الحادثة خارج المنطقة المراقبة",
        [EmptyText] = "نص فارغ",
        [NoEventType] = "لم يُعرف نوع الحدث",
        [NoPlace] = "لم يُعرف مكان من المعجم الجغرافي",
        [NotAboutTheArea] = "لا يخص حادثة في المنطقة المراقبة",
    };

    /// <summary>"text too long: N characters (limit M)".</summary>
    public static string TooLong(long characters, long limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{TooLongPrefix}{characters} characters (limit {limit})");

    /// <summary>The report was refused for its length, not read.</summary>
    public static bool IsTooLong(string? reason) => reason?.StartsWith(TooLongPrefix, StringComparison.Ordinal) == true;

    /// <summary>The reason in Arabic; a reason this table does not know (an older wording) is given as it is.</summary>
    public static string ToArabic(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (Arabic.TryGetValue(reason, out var ar)) return ar;
        if (reason.StartsWith(ElsewherePrefix, StringComparison.Ordinal)) return "حادثة خارج المنطقة المراقبة: " + reason[ElsewherePrefix.Length..];
        if (TooLongPattern().Match(reason) is { Success: true } m)
            return $"نص طويل جدًا: {m.Groups[1].Value} حرفًا (الحد {m.Groups[2].Value})";
        return reason;
    }

    [GeneratedRegex(@"^text too long: (\d+) characters \(limit (\d+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex TooLongPattern();
}
