using System.Net;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests;

/// <summary>The host on each storage provider: one test body, both databases.</summary>
public sealed class HostTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Host_starts_on_an_empty_database_and_serves_health_ready_and_login(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/ready", UriKind.Relative))).StatusCode);
        var login = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        Assert.Contains("Sign in", login, StringComparison.Ordinal);

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("# TYPE", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tests_host_starts_while_a_bot_runs_on_the_default_port()
    {
        // The README's two commands side by side: a bot on 127.0.0.1:5080 and the tests. The in-process host listens on
        // no port, so the run's check that its address is free must not refuse it.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 5080);
        try
        {
            listener.Start();
        }
        catch (System.Net.Sockets.SocketException)
        {
            // Something already listens there, which is the case under test too.
        }

        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var app = new AlertBotApp(database);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/ready", UriKind.Relative))).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Console_and_jobs_dashboard_send_anonymous_visitors_to_the_login_page(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var path in new[] { "/", "/sandbox", "/hangfire", "/hangfire/jobs/enqueued" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_refuses_requests_without_a_valid_key(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        var path = new Uri("/api/sandbox/chats/42/messages", UriKind.Relative);

        using var anonymous = app.CreateClient();
        var none = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);

        using var wrong = app.ApiClient("not-a-key-of-this-bot-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(path)).StatusCode);

        using var valid = app.ApiClient();
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync(path)).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Configured_console_user_signs_in_and_reaches_console_and_dashboard(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);

        using var stranger = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var refused = await AlertBotApp.SignInAsync(stranger, AlertBotApp.ConsoleLogin, "wrong password");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Wrong login or password", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        using var client = await app.ConsoleClientAsync();
        var overview = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains(provider, await overview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EF_Core_logs_reach_the_host_logging_at_the_levels_it_configures(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        });
        using var api = app.ApiClient();

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/events?status=confirmed", UriKind.Relative))).StatusCode);

        var command = await app.Logs.WaitForAsync(
            l => l.Category == "Microsoft.EntityFrameworkCore.Database.Command" && l.Message.Contains("Executed DbCommand", StringComparison.Ordinal)
                && l.Message.Contains("Events", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, command.Level);

        // The rest of EF Core stays at the configured Warning: no information line from its other categories.
        Assert.DoesNotContain(app.Logs.Lines, l => l.Category.StartsWith("Microsoft.EntityFrameworkCore.", StringComparison.Ordinal)
            && l.Category != "Microsoft.EntityFrameworkCore.Database.Command" && l.Level < Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrations_apply_to_an_empty_database_and_a_second_run_changes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        var factory = app.Services.GetRequiredService<AlertBotDbFactory>();

        await using var db = factory.Create();
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        Assert.Equal(0, await factory.MigrateAsync(CancellationToken.None));
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Recurring_cleanup_job_runs_through_hangfire_and_deletes_only_old_sandbox_messages(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        _ = app.Server;
        var factory = app.Services.GetRequiredService<AlertBotDbFactory>();
        await using (var db = factory.Create())
        {
            db.SandboxMessages.AddRange(
                new SandboxMessage { ChatId = "7", Text = "old", SentAt = DateTimeOffset.UtcNow.AddDays(-40) },
                new SandboxMessage { ChatId = "7", Text = "recent", SentAt = DateTimeOffset.UtcNow.AddDays(-1) });
            await db.SaveChangesAsync();
        }

        var jobs = app.Services.GetRequiredService<IRecurringJobManagerV2>();
        Assert.NotNull(jobs.TriggerJob("sandbox-cleanup"));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<string> left;
        do
        {
            await Task.Delay(200);
            await using var db = factory.Create();
            left = await db.SandboxMessages.Where(m => m.ChatId == "7").Select(m => m.Text).ToListAsync();
        }
        while (left.Count > 1 && DateTime.UtcNow < deadline);

        Assert.Equal(["recent"], left);
    }
}
