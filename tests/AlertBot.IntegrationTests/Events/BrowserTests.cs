using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Security;
using Microsoft.Playwright;

namespace AlertBot.IntegrationTests.Events;

/// <summary>The moderation flow in a real browser: Debian's headless Chromium driven by Playwright against the bot process.</summary>
public sealed partial class BrowserTests
{
    private const string Key = "browser-test-key-0123456789";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Moderator_logs_in_opens_the_queue_confirms_an_event_and_finds_it_in_the_audit_log(string provider)
    {
        DebianChromium.RequireOrSkip();

        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Api:Keys:ops:Key"] = Key,
            ["Api:Keys:ops:Roles"] = "curator,moderator",
            [$"Console:Users:{AlertBotApp.ConsoleLogin}:PasswordHash"] = PasswordHashes.Hash(AlertBotApp.ConsolePassword),
            [$"Console:Users:{AlertBotApp.ConsoleLogin}:Roles"] = "moderator",
            ["Demo:Enabled"] = "false",
        };
        var args = settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").Concat(["--urls", "http://127.0.0.1:0"]).ToArray();
        await using var bot = BotProcess.Start(database.Directory, null, args);
        var consoleLine = await bot.WaitForLogAsync(l => l.Contains("Web console: http://", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var baseUrl = new Uri(ConsoleUrl().Match(consoleLine).Groups[1].Value);

        using (var api = new HttpClient { BaseAddress = baseUrl })
        {
            api.DefaultRequestHeaders.Add("X-Api-Key", Key);
            (await api.PostAsJsonAsync("/api/reports", Reports.MayadinShellingArabic)).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync("/api/reports", Reports.MayadinShellingEnglish)).EnsureSuccessStatusCode();
        }

        using var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateDirectory(Path.Combine(database.Directory, "chromium-profile")).FullName;
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = DebianChromium.Path,
            Headless = true,
            Args = DebianChromium.Args,
            BaseURL = baseUrl.ToString(),
        });
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();

        await page.GotoAsync("/events");
        await page.GetByLabel("Login").FillAsync(AlertBotApp.ConsoleLogin);
        await page.GetByLabel("Password").FillAsync(AlertBotApp.ConsolePassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Moderation queue" })).ToBeVisibleAsync();

        await page.Locator("table.queue a[href^='/events/']").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("pending");
        var arabic = page.Locator("li.source[lang=ar] .report");
        await Assertions.Expect(arabic).ToContainTextAsync("الميادين");
        Assert.Equal("rtl", await arabic.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.Equal("ltr", await page.Locator("li.source[lang=en] .report").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        await Assertions.Expect(arabic.Locator("mark.hl-place")).ToHaveTextAsync("مدينة الميادين");

        // Confirming asks once, naming the chats it will alert (none subscribed here); the moderator accepts.
        var questions = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("confirmed");
        Assert.Equal(["Confirm 1 event(s)? Alerts go to 0 chat(s): no chat."], questions);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Confirmed.", new() { Timeout = 20_000 }); // a loaded CI box: the confirm and redirect can take longer than the 5 s default

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        var row = page.Locator("table.audit tbody tr").Filter(new() { HasText = "console:mona" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td.action")).ToHaveTextAsync("confirm");
        await Assertions.Expect(row).ToContainTextAsync("pending → confirmed");
    }

    [GeneratedRegex(@"Web console: (http://\S+?)/?$")]
    private static partial Regex ConsoleUrl();
}
