using System.Net.Http.Json;
using AlertBot.Api;
using AlertBot.IntegrationTests.Infrastructure;

namespace AlertBot.IntegrationTests.Events;

/// <summary>Reports the tests submit, written for them: two outlets on one shelling, an airstrike elsewhere, a commentary.</summary>
internal static class Reports
{
    public static readonly DateTimeOffset Morning = new(2026, 11, 20, 7, 30, 0, TimeSpan.Zero);

    public static object MayadinShellingArabic => new
    {
        source = "Deir Press",
        url = "https://deir.example/news/mayadin-shelling",
        title = "قصف مدفعي يستهدف مدينة الميادين",
        text = "تعرضت مدينة الميادين في ريف دير الزور الشرقي صباح اليوم لقصف مدفعي، وأفاد سكان بسقوط عدة قذائف على الأحياء السكنية.",
        language = "ar",
        publishedAt = Morning,
    };

    public static object MayadinShellingEnglish => new
    {
        source = "Euphrates Monitor",
        url = "https://euphrates.example/2026/11/20/mayadin",
        title = "Artillery shelling hits al-Mayadin",
        text = "Artillery shelling hit the city of al-Mayadin in the eastern Deir ez-Zor countryside this morning; residents said several shells landed in residential neighbourhoods.",
        language = "en",
        publishedAt = Morning.AddHours(1),
    };

    public static object AlbuKamalAirstrike => new
    {
        source = "Euphrates Monitor",
        url = "https://euphrates.example/2026/11/20/albukamal",
        title = "Airstrike near Albu Kamal",
        text = "Unidentified warplanes carried out an airstrike near Albu Kamal on the Syrian-Iraqi border, targeting positions of Iran-backed militias.",
        language = "en",
        publishedAt = Morning.AddHours(3),
    };

    public static object Commentary => new
    {
        source = "Opinion Weekly",
        title = "What the east needs",
        text = "Opinion: the economy of the eastern provinces needs long-term investment in agriculture, schools and water infrastructure after years of drought.",
        language = "en",
    };

    public static async Task<ReportAccepted> PostAsync(HttpClient api, object report)
    {
        var response = await api.PostAsJsonAsync("/api/reports", report);
        return await AlertBotApp.ReadAsync<ReportAccepted>(response);
    }
}
