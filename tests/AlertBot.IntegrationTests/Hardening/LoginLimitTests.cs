using System.Net;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AlertBot.IntegrationTests.Hardening;

/// <summary>Password guessing against the console: failed POSTs lock a login and an address for a while, and nothing else does.</summary>
public sealed class LoginLimitTests
{
    private const string Wrong = "not the password at all";

    private static readonly IPAddress Home = IPAddress.Parse("198.51.100.7");
    private static readonly IPAddress Elsewhere = IPAddress.Parse("203.0.113.9");

    [Fact]
    public async Task Failed_sign_ins_lock_the_login_from_every_address_with_a_page_and_the_lock_ends_by_itself()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new LogCapture();
        await using var host = new AlertBotApp(database);
        await using var app = WithClock(host, clock, logs);

        using var guesser = ConsoleClients.Create(app.Server, new CookieContainer(), Home);
        for (var i = 1; i <= 5; i++)
        {
            var failed = await AlertBotApp.SignInAsync(guesser, AlertBotApp.ConsoleLogin, Wrong);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("Wrong login or password", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Locked: even the right password is refused, from this address and from another, with a page saying until when.
        foreach (var from in new[] { Home, Elsewhere })
        {
            using var client = ConsoleClients.Create(app.Server, new CookieContainer(), from);
            var refused = await AlertBotApp.SignInAsync(client, AlertBotApp.ConsoleLogin, AlertBotApp.ConsolePassword);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
            var page = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Too many failed sign-ins", page, StringComparison.Ordinal);
            Assert.Contains((clock.GetUtcNow() + TimeSpan.FromMinutes(15)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC", page, StringComparison.Ordinal);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        }

        // Another login from another address is not affected.
        using var omar = ConsoleClients.Create(app.Server, new CookieContainer(), Elsewhere);
        Assert.Equal(HttpStatusCode.OK, (await AlertBotApp.SignInAsync(omar, "omar", Wrong)).StatusCode);

        // The lock ends by itself.
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.Redirect, (await AlertBotApp.SignInAsync(guesser, AlertBotApp.ConsoleLogin, AlertBotApp.ConsolePassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        // Every failure is in the log with the login and the address, and the password never is.
        var failures = logs.Lines.Where(l => l.Contains("Console sign-in failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, failures.Count);
        Assert.Equal(5, failures.Count(l => l.Contains($"login {AlertBotApp.ConsoleLogin} from {Home}", StringComparison.Ordinal)));
        Assert.Contains(logs.Lines, l => l.Contains("Console sign-in locked", StringComparison.Ordinal));
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("Console sign-in refused", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Wrong, StringComparison.Ordinal) || l.Contains(AlertBotApp.ConsolePassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_sign_ins_from_one_address_lock_that_address_for_every_login_and_not_others()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new AlertBotApp(database, new Dictionary<string, string?> { ["Console:SignIn:AddressFailures"] = "4", ["Console:SignIn:LockMinutes"] = "10" });
        await using var app = WithClock(host, clock, new LogCapture());

        using var sprayer = ConsoleClients.Create(app.Server, new CookieContainer(), Home);
        foreach (var login in new[] { "root", "admin", "ops", "test" })
        {
            Assert.Equal(HttpStatusCode.OK, (await AlertBotApp.SignInAsync(sprayer, login, Wrong)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await AlertBotApp.SignInAsync(sprayer, AlertBotApp.ConsoleLogin, AlertBotApp.ConsolePassword)).StatusCode);

        using var colleague = ConsoleClients.Create(app.Server, new CookieContainer(), Elsewhere);
        Assert.Equal(HttpStatusCode.Redirect, (await AlertBotApp.SignInAsync(colleague, AlertBotApp.ConsoleLogin, AlertBotApp.ConsolePassword)).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Redirect, (await AlertBotApp.SignInAsync(sprayer, AlertBotApp.ConsoleLogin, AlertBotApp.ConsolePassword)).StatusCode);
    }

    [Fact]
    public async Task Viewing_the_login_page_and_signing_in_successfully_never_lock_anybody()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var host = new AlertBotApp(database, new Dictionary<string, string?> { ["Console:SignIn:AccountFailures"] = "2", ["Console:SignIn:AddressFailures"] = "2" });
        await using var app = WithClock(host, new FakeTimeProvider(DateTimeOffset.UtcNow), new LogCapture());
        using var client = ConsoleClients.Create(app.Server, new CookieContainer(), Home);

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/login", UriKind.Relative))).StatusCode);
        }

        // One failure between successes never adds up to the limit of two: a success clears the login's count.
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await AlertBotApp.SignInAsync(client, AlertBotApp.ConsoleLogin, AlertBotApp.ConsolePassword)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await AlertBotApp.SignInAsync(client, AlertBotApp.ConsoleLogin, Wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AlertBotApp.SignInAsync(client, AlertBotApp.ConsoleLogin, AlertBotApp.ConsolePassword)).StatusCode);
    }

    /// <summary>The host with the sign-in limit on a controlled clock (the rest of the bot keeps real time) and its log captured.</summary>
    private static WebApplicationFactory<Program> WithClock(AlertBotApp app, FakeTimeProvider clock, LogCapture logs) =>
        app.WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(l => l.AddProvider(logs));
            builder.ConfigureTestServices(services => services.AddSingleton(sp =>
                new LoginThrottle(sp.GetRequiredService<IOptionsMonitor<ConsoleOptions>>(), clock)));
        });
}
