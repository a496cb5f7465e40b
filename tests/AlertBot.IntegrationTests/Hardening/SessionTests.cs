using System.Net;
using System.Text.RegularExpressions;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Security;

namespace AlertBot.IntegrationTests.Hardening;

/// <summary>A console session never outlives the user, password, role or one-time password it was issued for.</summary>
public sealed partial class SessionTests
{
    private const string OmarPassword = "omar's long console password";

    private static readonly Uri Overview = new("/", UriKind.Relative);

    [Fact]
    public async Task One_time_admin_session_is_refused_after_a_restart_with_a_configured_user_or_a_new_one_time_password()
    {
        var directory = Directory.CreateTempSubdirectory("alertbot-stamp-").FullName;
        var cookies = new CookieContainer();

        // The first process prints a one-time password; its admin signs in and reaches the console.
        await using (var first = BotProcess.Start(directory, null, "--urls", "http://127.0.0.1:0"))
        {
            var (url, password) = await OneTimeAccessAsync(first);
            using var browser = Browser(url, cookies);
            Assert.Equal(HttpStatusCode.Redirect, (await AlertBotApp.SignInAsync(browser, ConsoleCredentials.OneTimeLogin, password)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Overview)).StatusCode);
        }

        // A copy of the admin's cookie, kept for the third start (the second start's refusal clears the browser's).
        var staleCookies = new CookieContainer();
        foreach (Cookie cookie in cookies.GetAllCookies())
        {
            staleCookies.Add(cookie);
        }

        Assert.Contains(staleCookies.GetAllCookies(), c => c.Name == "alertbot.console");

        // Restarted with a configured user and no admin: the admin's cookie opens nothing.
        var configured = new Dictionary<string, string>
        {
            ["Console__Users__mona__PasswordHash"] = PasswordHashes.Hash(AlertBotApp.ConsolePassword),
            ["Console__Users__mona__Roles"] = "moderator",
        };
        await using (var second = BotProcess.Start(directory, configured, "--urls", "http://127.0.0.1:0"))
        {
            var url = await ConsoleUrlAsync(second);
            using var browser = Browser(url, cookies);
            await AssertSentToLoginAsync(browser);
            await AssertSentToLoginAsync(browser, "/hangfire/recurring");
            Assert.Contains(second.Stderr.Split('\n'), l => l.Contains("Console session of admin ended", StringComparison.Ordinal));
        }

        // Restarted again without users: a new one-time password, and the old admin session is still refused.
        await using (var third = BotProcess.Start(directory, null, "--urls", "http://127.0.0.1:0"))
        {
            var (url, _) = await OneTimeAccessAsync(third);
            using var browser = Browser(url, staleCookies);
            await AssertSentToLoginAsync(browser);
        }
    }

    [SkippableTheory]
    [InlineData("Sqlite", "password changed")]
    [InlineData("Sqlite", "role removed")]
    [InlineData("Sqlite", "user removed")]
    [InlineData("PostgreSql", "password changed")]
    [InlineData("PostgreSql", "role removed")]
    public async Task A_changed_password_or_removed_role_or_user_ends_the_sessions_signed_in_before(string provider, string change)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var omar = new Dictionary<string, string?>
        {
            ["Console:Users:omar:PasswordHash"] = PasswordHashes.Hash(OmarPassword),
            ["Console:Users:omar:Roles"] = "moderator",
        };
        var cookies = new CookieContainer();
        await using (var before = new AlertBotApp(database, omar))
        {
            using var browser = ConsoleClients.Create(before.Server, cookies);
            Assert.Equal(HttpStatusCode.Redirect, (await AlertBotApp.SignInAsync(browser, "omar", OmarPassword)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Overview)).StatusCode);
        }

        // The same settings on the next start: the session goes on (the cookie keys live in the database).
        await using (var unchanged = new AlertBotApp(database, omar))
        {
            using var browser = ConsoleClients.Create(unchanged.Server, cookies);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Overview)).StatusCode);
        }

        var settings = change switch
        {
            "password changed" => new Dictionary<string, string?>(omar) { ["Console:Users:omar:PasswordHash"] = PasswordHashes.Hash("a brand new console password") },
            "role removed" => new Dictionary<string, string?>(omar) { ["Console:Users:omar:Roles"] = string.Empty },
            _ => new Dictionary<string, string?>(),
        };
        await using var after = new AlertBotApp(database, settings);
        using var stale = ConsoleClients.Create(after.Server, cookies);
        await AssertSentToLoginAsync(stale);

        // The refusal also removed the cookie: the browser is signed out, not stuck.
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "alertbot.console" && !c.Expired && c.Value.Length > 0);
    }

    private static HttpClient Browser(Uri baseUrl, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = baseUrl };

    private static async Task AssertSentToLoginAsync(HttpClient browser, string path = "/")
    {
        var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task<Uri> ConsoleUrlAsync(BotProcess bot)
    {
        var line = await bot.WaitForLogAsync(l => l.Contains("Web console: http://", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        return new Uri(ConsoleUrl().Match(line).Groups[1].Value);
    }

    private static async Task<(Uri Url, string Password)> OneTimeAccessAsync(BotProcess bot)
    {
        var passwordLine = await bot.WaitForLogAsync(l => l.Contains("one-time password", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        return (await ConsoleUrlAsync(bot), OneTimePassword().Match(passwordLine).Groups[1].Value);
    }

    [GeneratedRegex(@"Web console: (http://\S+?)/?$")]
    private static partial Regex ConsoleUrl();

    [GeneratedRegex(@"one-time password (\S+)")]
    private static partial Regex OneTimePassword();
}
