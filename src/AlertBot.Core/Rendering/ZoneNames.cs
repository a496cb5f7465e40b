
namespace AlertBot.Core.Rendering;

/// <summary>
/// A time zone in words, the way a reader says it: <c>بتوقيت دمشق</c>, "Damascus time". Zones readers of the bot are
/// likely to pick have Arabic city names; any other IANA zone is named by its city in Latin letters.
/// </summary>
public static class ZoneNames
{
    private static readonly Dictionary<string, (string Ar, string En)> Cities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Asia/Damascus"] = ("دمشق", "Damascus"),
        ["Asia/Beirut"] = ("بيروت", "Beirut"),
        ["Asia/Baghdad"] = ("بغداد", "Baghdad"),
        ["Asia/Amman"] = ("عمّان", "Amman"),
        ["Asia/Jerusalem"] = ("القدس", "Jerusalem"),
        ["Asia/Gaza"] = ("غزة", "Gaza"),
        ["Asia/Riyadh"] = ("الرياض", "Riyadh"),
        ["Asia/Kuwait"] = ("الكويت", "Kuwait"),
        ["Asia/Qatar"] = ("الدوحة", "Doha"),
        ["Asia/Bahrain"] = ("المنامة", "Manama"),
        ["Asia/Dubai"] = ("دبي", "Dubai"),
        ["Asia/Muscat"] = ("مسقط", "Muscat"),
        ["Asia/Aden"] = ("عدن", "Aden"),
        ["Asia/Tehran"] = ("طهران", "Tehran"),
        ["Europe/Istanbul"] = ("إسطنبول", "Istanbul"),
        ["Africa/Cairo"] = ("القاهرة", "Cairo"),
        ["Africa/Tripoli"] = ("طرابلس", "Tripoli"),
        ["Africa/Tunis"] = ("تونس", "Tunis"),
        ["Africa/Algiers"] = ("الجزائر", "Algiers"),
        ["Africa/Casablanca"] = ("الدار البيضاء", "Casablanca"),
        ["Africa/Khartoum"] = ("الخرطوم", "Khartoum"),
        ["Europe/Berlin"] = ("برلين", "Berlin"),
        ["Europe/Paris"] = ("باريس", "Paris"),
        ["Europe/London"] = ("لندن", "London"),
        ["Europe/Amsterdam"] = ("أمستردام", "Amsterdam"),
        ["Europe/Brussels"] = ("بروكسل", "Brussels"),
        ["Europe/Vienna"] = ("فيينا", "Vienna"),
        ["Europe/Stockholm"] = ("ستوكهولم", "Stockholm"),
        ["Europe/Copenhagen"] = ("كوبنهاغن", "Copenhagen"),
        ["Europe/Oslo"] = ("أوسلو", "Oslo"),
        ["Europe/Athens"] = ("أثينا", "Athens"),
        ["Europe/Moscow"] = ("موسكو", "Moscow"),
        ["America/New_York"] = ("نيويورك", "New York"),
        ["America/Toronto"] = ("تورونتو", "Toronto"),
        ["America/Chicago"] = ("شيكاغو", "Chicago"),
        ["America/Los_Angeles"] = ("لوس أنجلوس", "Los Angeles"),
    };

    /// <summary>After a time: "بتوقيت دمشق" / "Damascus time"; UTC is "بالتوقيت العالمي" / "UTC".</summary>
    public static Bilingual Of(TimeZoneInfo zone) => Of(zone.Id);

    /// <inheritdoc cref="Of(TimeZoneInfo)"/>
    public static Bilingual Of(string zoneId)
    {
        var name = Name(zoneId);
        return new("ب" + name.Ar, name.En);
    }

    /// <summary>The zone as a noun: "توقيت دمشق" / "Damascus time"; UTC is "التوقيت العالمي" / "UTC".</summary>
    public static Bilingual Name(string zoneId)
    {
        if (zoneId is "UTC" or "Etc/UTC" or "Etc/GMT" or "GMT" or "Etc/Universal" or "Universal" or "Zulu" or "Etc/Zulu")
        {
            return new("التوقيت العالمي", "UTC");
        }

        if (Cities.TryGetValue(zoneId, out var city))
        {
            return new($"توقيت {city.Ar}", $"{city.En} time");
        }

        var place = zoneId[(zoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');
        return new($"توقيت {place}", $"{place} time");
    }
}
