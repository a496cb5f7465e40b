using System.Net.Http.Json;
using AlertBot.Core.Storage;
using AlertBot.Hosting;
using AlertBot.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests;

/// <summary>
/// Hangfire's storage on SQLite (Hangfire.Storage.SQLite in its own file, hangfire.db, beside the bot's): what it keeps
/// survives a restart of the host, and it runs in one process with EF Core's SQLite (both on SQLitePCLRaw).
/// </summary>
public sealed class HangfireStorageTests
{
    private const string ProbeJobId = "restart-probe";
    private const string ProbeChat = "hangfire-restart-probe";

    [Fact]
    public async Task Recurring_job_registered_before_a_restart_is_still_registered_and_fires_after_it_on_SQLite()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var hangfireFile = Path.Combine(database.Directory, "data", HangfireSqliteFile.FileName);

        await using (var first = new AlertBotApp(database))
        {
            _ = first.Server;
            Assert.IsType<SQLiteStorage>(first.Services.GetRequiredService<JobStorage>());
            Assert.True(File.Exists(hangfireFile), $"Hangfire's file is beside the bot's: {hangfireFile}");

            // Registered once, by this test, in the first host only: the second host has nobody to register it again.
            first.Services.GetRequiredService<IRecurringJobManager>()
                .AddOrUpdate<RestartProbeJob>(ProbeJobId, j => j.RunAsync(CancellationToken.None), "*/2 * * * * *");
        }

        var restartedAt = DateTimeOffset.UtcNow;
        await using var second = new AlertBotApp(database);
        _ = second.Server;

        using (var connection = second.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var probe = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ProbeJobId);
            Assert.Equal("*/2 * * * * *", probe.Cron);
        }

        // The job writes a row through EF Core's SQLite while Hangfire's own SQLite runs it: both in one process.
        var factory = second.Services.GetRequiredService<AlertBotDbFactory>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var firedAfterRestart = 0;
        while (firedAfterRestart == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            await using var db = factory.Create();
            firedAfterRestart = (await db.SandboxMessages.Where(m => m.ChatId == ProbeChat).ToListAsync())
                .Count(m => m.SentAt >= restartedAt);
        }

        Assert.True(firedAfterRestart > 0, "the recurring job registered before the restart ran after it");
    }

    [Fact]
    public async Task Digest_set_before_a_restart_is_scheduled_after_it_and_its_job_sends_the_digest_through_Hangfire()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        long settingId;
        await using (var first = new AlertBotApp(database))
        {
            using var api = first.ApiClient();
            (await api.PostAsJsonAsync("/api/sandbox/chats/805/messages", new { text = "/lang en" })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync("/api/sandbox/chats/805/messages", new { text = "/digest daily 08:00" })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync("/api/sandbox/chats/805/messages", new { text = "/digest empty line" })).EnsureSuccessStatusCode();
            settingId = await Alerts.Alerts.InScopeAsync(first.Services, db => db.DigestSettings.Select(d => d.Id).SingleAsync());
        }

        await using var second = new AlertBotApp(database);
        _ = second.Server;
        var jobId = $"digest-{settingId}-0";
        using (var connection = second.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == jobId);
            Assert.Equal("0 8 * * *", job.Cron);
            Assert.Equal("Asia/Damascus", job.TimeZoneId);
        }

        // Hangfire's server (not the test) runs the digest job; the digest goes out through the outbox.
        second.Services.GetRequiredService<IRecurringJobManager>().Trigger(jobId);
        using var api2 = second.ApiClient();
        await Alerts.Alerts.UntilAsync(
            async () => (await Alerts.Alerts.BotMessagesAsync(api2, "805")).Any(m => m.Text.StartsWith("No confirmed incidents", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            "the digest triggered through Hangfire after the restart");
        Assert.Equal(1, await Alerts.Alerts.InScopeAsync(second.Services, db => db.DigestRuns.CountAsync()));
    }

    [Theory]
    [InlineData("Data Source=/var/lib/alertbot/alertbot.db", "/data", "/var/lib/alertbot/hangfire.db")]
    [InlineData("Data Source=/srv/bot/state.sqlite;Cache=Shared", "/data", "/srv/bot/hangfire.db")]
    [InlineData("Data Source=:memory:", "/data", "/data/hangfire.db")]
    [InlineData("Data Source=bot;Mode=Memory;Cache=Shared", "/data", "/data/hangfire.db")]
    public void Hangfire_file_sits_beside_the_bots_SQLite_file(string connectionString, string dataDirectory, string expected) =>
        Assert.Equal(expected, HangfireSqliteFile.PathFor(connectionString, dataDirectory));
}

/// <summary>A recurring job of the test: writes one sandbox line per run, so the test sees when it ran.</summary>
public sealed class RestartProbeJob(AlertBotDbFactory factory, TimeProvider time)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        db.SandboxMessages.Add(new SandboxMessage { ChatId = "hangfire-restart-probe", Text = "fired", SentAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }
}
