using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AlertBot.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AlertBot.IntegrationTests.Infrastructure;

/// <summary>
/// The whole host in process (real Kestrel pipeline via the test server, real database, Hangfire running). With
/// <paramref name="time"/> (a FakeTimeProvider) the bot's clock is the test's: quiet hours, retry_after, leases and
/// claims then pass when the test advances it, not in real time.
/// </summary>
public sealed partial class AlertBotApp(TestDatabase database, IReadOnlyDictionary<string, string?>? extra = null, TimeProvider? time = null)
    : WebApplicationFactory<Program>
{
    public const string ModeratorKey = "test-moderator-key-0123456789";
    public const string CuratorKey = "test-curator-key-0123456789ab";
    public const string ConsoleLogin = "mona";
    public const string ConsolePassword = "correct horse battery staple";

    private static readonly Lazy<string> PasswordHash = new(() => PasswordHashes.Hash(ConsolePassword));

    /// <summary>What the host logged, as far as its logging configuration lets it through.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Api:Keys:ops:Key"] = ModeratorKey,
            ["Api:Keys:ops:Roles"] = "curator,moderator",
            ["Api:Keys:feeder:Key"] = CuratorKey,
            ["Api:Keys:feeder:Roles"] = "curator",
            [$"Console:Users:{ConsoleLogin}:PasswordHash"] = PasswordHash.Value,
            [$"Console:Users:{ConsoleLogin}:Roles"] = "moderator",
            ["Scheduling:PollIntervalSeconds"] = "1",
            ["Delivery:PollMilliseconds"] = "200",

            // Conversation tests type many commands into one chat; Telegram's 1 message a second per chat would make
            // each reply wait. The alert tests that are about limits set their own.
            ["Sandbox:ChatMessagesPerSecond"] = "50",

            // Tests start from an empty database; the demo test turns the bundled reports on.
            ["Demo:Enabled"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // Host settings reach Program.cs while it registers services (which platforms are configured: AddTelegram reads
        // Telegram:BotToken there, AddDiscord Discord:BotToken); the app configuration below holds the same values once the host is built.
        foreach (var (key, value) in settings.Where(kv => kv.Key.StartsWith("Telegram:", StringComparison.Ordinal) || kv.Key.StartsWith("Discord:", StringComparison.Ordinal)))
        {
            builder.UseSetting(key, value);
        }

        // The test server listens on no port: without this the run's start check would refuse to start whenever the
        // default address (127.0.0.1:5080) is taken, e.g. by a bot the developer runs beside the tests.
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (time is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(time);
            });
        }
    }

    public HttpClient ApiClient(string key = ModeratorKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A browser-like client (cookies, no automatic redirects) that has signed in to the console.</summary>
    public async Task<HttpClient> ConsoleClientAsync(string login = ConsoleLogin, string password = ConsolePassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await SignInAsync(client, login, password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string login, string password)
    {
        var form = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = login,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryToken();
}
