using AlertBot.IntegrationTests.Infrastructure;

namespace AlertBot.IntegrationTests.Console;

/// <summary>Without a choice of their own, readers whose browser prefers any Arabic get the Arabic console.</summary>
public sealed class ConsoleLanguageTests
{
    [SkippableTheory]
    [InlineData("ar", "rtl")]
    [InlineData("ar-SA,en;q=0.5", "rtl")]
    [InlineData("ar-SY", "rtl")]
    [InlineData("en-GB,ar;q=0.8", "ltr")]
    [InlineData("fr", "ltr")]
    public async Task Browser_language_picks_the_console_language(string acceptLanguage, string direction)
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var app = new AlertBotApp(database);
        using var console = await app.ConsoleClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/events");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var html = await (await console.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains($"dir=\"{direction}\"", html, StringComparison.Ordinal);
        Assert.Contains(direction == "rtl" ? "قائمة المراجعة" : "Moderation queue", html, StringComparison.Ordinal);
    }
}
