using System.Net.Http.Json;
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

/// <summary>
/// The sandbox's console page ships in the sandbox adapter (as Telegram's and Discord's pages would in theirs): the host
/// finds it, lays it out, protects it, and the page speaks the reader's language from its own texts.
/// </summary>
public sealed class SandboxPageTests
{
    [SkippableTheory]
    [InlineData("ar", "rtl", "محادثة تجريبية", "تحدّث إلى البوت", "البوت")]
    [InlineData("en", "ltr", "Sandbox chat", "Talk to the bot as a subscriber would", "bot")]
    public async Task Sandbox_page_comes_from_the_adapter_in_the_readers_language(string language, string direction, string title, string hint, string botLabel)
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        (await api.PostAsJsonAsync("/api/sandbox/chats/5150/messages", new { text = "/help" })).EnsureSuccessStatusCode();
        using var console = await app.ConsoleClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox?chat=5150");
        request.Headers.TryAddWithoutValidation("Accept-Language", language);

        var response = await console.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(typeof(AlertBot.Sandbox.Pages.SandboxModel).Assembly, typeof(AlertBot.Sandbox.SandboxPlatform).Assembly);
        Assert.Contains($"dir=\"{direction}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(hint, html, StringComparison.Ordinal);
        Assert.Contains($"<div class=\"meta\">{botLabel} ·", html, StringComparison.Ordinal);
        Assert.Contains("<nav", html, StringComparison.Ordinal);
        Assert.Contains("/sandbox?handler=Live&amp;chat=5150", html, StringComparison.Ordinal);

        var live = await console.GetStringAsync(new Uri("/sandbox?handler=Live&chat=5150", UriKind.Relative));
        Assert.Matches("^\\{\"sig\":\"2:\\d+:0\",\"pending\":0\\}$", live);
    }

    [SkippableFact]
    public async Task Places_page_without_a_platform_of_links_says_how_to_get_them_and_still_lists_the_places()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var app = new AlertBotApp(database);
        using var console = await app.ConsoleClientAsync();

        var page = await console.GetStringAsync(new Uri("/places", UriKind.Relative));

        Assert.Contains("id=\"no-links\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"place-ES037\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"place-SY0903\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("t.me/", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"place-ES037\"", await console.GetStringAsync(new Uri("/places?q=Albu%20Kamal", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_sentence_of_the_sandbox_page_has_its_arabic()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "AlertBot.Sandbox", "Pages", "Sandbox.cshtml"));
        var used = System.Text.RegularExpressions.Regex.Matches(source, "L\\(\"([^\"]+)\"\\)").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(used);
        Assert.All(used, s => Assert.Contains(s, AlertBot.Sandbox.Pages.SandboxPageText.Sentences));
    }
}
