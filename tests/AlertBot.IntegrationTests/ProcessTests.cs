using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Security;

namespace AlertBot.IntegrationTests;

/// <summary>The executable as an operator runs it: verbs, exit codes, what it prints.</summary>
public sealed partial class ProcessTests
{
    [Fact]
    public async Task Fresh_start_without_configuration_creates_its_database_and_prints_console_url_and_one_time_password()
    {
        var directory = Directory.CreateTempSubdirectory("alertbot-fresh-").FullName;
        await using var bot = BotProcess.Start(directory, null, "--urls", "http://127.0.0.1:0");

        // How fast it starts is a benchmark's business, not this test's: the wait is only a bound on a hung start.
        var passwordLine = await bot.WaitForLogAsync(l => l.Contains("one-time password", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var consoleLine = await bot.WaitForLogAsync(l => l.Contains("Web console: http://", StringComparison.Ordinal), TimeSpan.FromSeconds(1));
        var baseUrl = new Uri(ConsoleUrl().Match(consoleLine).Groups[1].Value);
        var password = OneTimePassword().Match(passwordLine).Groups[1].Value;
        Assert.True(File.Exists(Path.Combine(directory, "data", "alertbot.db")), "the SQLite database is created under ./data");

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = baseUrl };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/ready", UriKind.Relative))).StatusCode);
        var signIn = await AlertBotApp.SignInAsync(client, ConsoleCredentials.OneTimeLogin, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/sandbox", UriKind.Relative))).StatusCode);
        Assert.Empty(bot.Stdout);
    }

    [Theory]
    [InlineData("--Storage:Provider=Oracle", "Storage:Provider")]
    [InlineData("--Storage:Provider=PostgreSql", "Storage:ConnectionString")]
    [InlineData("--Api:Keys:ops:Key=short", "Api:Keys:ops:Key")]
    [InlineData("--Console:Users:mona:PasswordHash=plaintext", "Console:Users:mona:PasswordHash")]
    [InlineData("--Scheduling:PollIntervalSeconds=soon", "Scheduling:PollIntervalSeconds")]
    [InlineData("--Moderation:TwoModeratorTypes=bombing", "Moderation:TwoModeratorTypes")]
    [InlineData("--Moderation:Moderators=mona", "Moderation:Moderators")]
    [InlineData("--Moderation:ClaimMinutes=0", "Moderation:ClaimMinutes")]
    [InlineData("--Delivery:BatchSize=0", "Delivery:BatchSize")]
    [InlineData("--Sandbox:MessagesPerSecond=0", "Sandbox:MessagesPerSecond")]
    public async Task Malformed_setting_stops_the_host_with_one_line_naming_the_key(string setting, string key)
    {
        var directory = Directory.CreateTempSubdirectory("alertbot-bad-").FullName;
        await using var bot = BotProcess.Start(directory, null, setting, "--urls", "http://127.0.0.1:0");

        var exit = await bot.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exit);
        var line = Assert.Single(bot.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("alertbot: configuration error:", line, StringComparison.Ordinal);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_verb_applies_migrations_then_finds_nothing_to_apply()
    {
        var directory = Directory.CreateTempSubdirectory("alertbot-migrate-").FullName;
        await using (var first = BotProcess.Start(directory, null, "migrate"))
        {
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Matches(@"migrate: [1-9][0-9]* migration\(s\) applied", first.Stderr);
        }

        await using var second = BotProcess.Start(directory, null, "migrate");
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("migrate: 0 migration(s) applied", second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_verb_is_refused_with_the_list_of_verbs()
    {
        await using var bot = BotProcess.Start(Path.GetTempPath(), null, "explode");
        Assert.Equal(2, await bot.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("unknown verb 'explode'", bot.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_password_verb_prints_a_hash_the_console_accepts()
    {
        await using var bot = BotProcess.Start(Path.GetTempPath(), null, "hash-password");
        await bot.WriteStdinAsync("s3cret passphrase\n");
        Assert.Equal(0, await bot.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var hash = bot.Stdout.Trim();
        Assert.True(PasswordHashes.Verify(hash, "s3cret passphrase"));
        Assert.False(PasswordHashes.Verify(hash, "s3cret passphras"));
    }

    [Fact]
    public async Task Extract_verb_writes_one_prediction_a_line_on_clean_stdout_and_reports_bad_lines_on_stderr()
    {
        var directory = Directory.CreateTempSubdirectory("alertbot-extract-").FullName;
        var file = Path.Combine(directory, "reports.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"id":"a1","title":null,"text":"قصفت قوات النظام بالمدفعية مدينة الميادين بريف دير الزور الشرقي صباح اليوم.","language":"ar","date":"2026-11-20"}""",
            "{not json",
            """{"id":"e1","text":"A drone attack targeted the al-Omar oil field base in eastern Deir ez-Zor.","extra":"ignored"}""",
        ]);

        await using var bot = BotProcess.Start(directory, null, "extract", file);
        Assert.Equal(0, await bot.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var lines = bot.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var arabic = System.Text.Json.JsonDocument.Parse(lines[0]);
        Assert.Equal("a1", arabic.RootElement.GetProperty("id").GetString());
        Assert.True(arabic.RootElement.GetProperty("relevant").GetBoolean());
        Assert.Contains("shelling", arabic.RootElement.GetProperty("event_types").EnumerateArray().Select(e => e.GetString()));
        using var english = System.Text.Json.JsonDocument.Parse(lines[1]);
        Assert.Contains("drone_attack", english.RootElement.GetProperty("event_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("line 2:", bot.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Web console: (http://\S+?)/?$")]
    private static partial Regex ConsoleUrl();

    [GeneratedRegex(@"one-time password (\S+)")]
    private static partial Regex OneTimePassword();
}
