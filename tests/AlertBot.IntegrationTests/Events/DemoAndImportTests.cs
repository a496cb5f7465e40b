using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using AlertBot.Api;
using AlertBot.IntegrationTests.Infrastructure;

namespace AlertBot.IntegrationTests.Events;

/// <summary>The two ways reports arrive without a curator: the bundled demo reports and the <c>import</c> verb.</summary>
public sealed class DemoAndImportTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_mode_fills_an_empty_database_with_a_moderation_queue_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var demo = new Dictionary<string, string?> { ["Demo:Enabled"] = "true" };
        List<EventDto> pending;
        await using (var app = new AlertBotApp(database, demo))
        {
            using var api = app.ApiClient();

            // The demo reports are ingested just after start (so that the console is served at once): wait for all twelve.
            var reports = new List<ReportDto>();
            for (var i = 0; i < 150 && reports.Count < 12; i++)
            {
                await Task.Delay(i == 0 ? 0 : 100);
                reports = (await api.GetFromJsonAsync<List<ReportDto>>("/api/reports"))!;
            }

            pending = (await api.GetFromJsonAsync<List<EventDto>>("/api/events?status=pending"))!;
            Assert.Equal(
                ["airstrike", "clash", "drone_attack", "reinforcement", "rocket_attack", "shelling"],
                pending.Select(e => e.EventTypes[0]).Order());
            Assert.Equal(4, pending.Count(e => e.OutletCount == 2 && e.Sources.Select(s => s.Language).Distinct().Count() == 2));
            Assert.Equal(12, reports.Count);
            Assert.Equal(2, reports.Count(r => !r.Relevant));

            using var mona = await app.ConsoleClientAsync();
            var queue = await mona.GetStringAsync(new Uri("/events", UriKind.Relative));
            Assert.Contains("قصف مدفعي على أحياء مدينة الميادين", queue, StringComparison.Ordinal);

            // The metrics count the reports in, the relevant ones, the time to a pending event and the events by state.
            var metrics = await WaitForMetricAsync(mona, "alertbot_events{", "status=\"pending\"", " 6");
            Assert.Matches("alertbot_reports_received_total\\{[^}]*outcome=\"stored\"[^}]*\\} 12", metrics);
            Assert.Matches("alertbot_reports_relevant_total\\{[^}]*\\} 10", metrics);
            Assert.Matches("alertbot_events_report_to_pending_duration_seconds_count\\{[^}]*\\} 10", metrics);
        }

        // A restart on the same database adds nothing.
        await using (var again = new AlertBotApp(database, demo))
        {
            using var api = again.ApiClient();
            Assert.Equal(12, (await api.GetFromJsonAsync<List<ReportDto>>("/api/reports"))!.Count);
            Assert.Equal(pending.Select(e => e.Id).Order(), (await api.GetFromJsonAsync<List<EventDto>>("/api/events"))!.Select(e => e.Id).Order());
        }
    }

    /// <summary>The event gauge is sampled in the background just after start: waits for the line to show the value.</summary>
    private static async Task<string> WaitForMetricAsync(HttpClient client, string name, string label, string value)
    {
        var text = string.Empty;
        for (var i = 0; i < 100; i++)
        {
            text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            if (text.Split('\n').Any(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal) && l.EndsWith(value, StringComparison.Ordinal)))
            {
                return text;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{name}…{label}…{value} not found in /metrics:\n{text}");
        return text;
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_verb_ingests_json_lines_and_feed_files_and_a_second_import_stores_nothing_new(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var file = Path.Combine(database.Directory, "reports.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"id":"r1","title":"قصف مدفعي يستهدف مدينة الميادين","text":"تعرضت مدينة الميادين في ريف دير الزور الشرقي صباح اليوم لقصف مدفعي.","language":"ar","date":"2026-11-20","outlet":"Deir Press"}""",
            """{"id":"r2","title":"Shelling hits al-Mayadin","text":"Artillery shelling hit the city of al-Mayadin in the eastern Deir ez-Zor countryside this morning.","date":"2026-11-20T09:00:00+03:00","source":"Euphrates Monitor","url":"https://euphrates.example/m"}""",
            """{"id":"r3","title":"Markets","text":"Opinion: bread prices rose again in the markets of the east this week.","language":"en"}""",
            """{"id":"r4","title":"broken", "text": """,
            """{"id":"r5","title":"no text"}""",
        ]);
        var settings = database.Settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray();

        await using (var first = BotProcess.Start(database.Directory, null, ["import", file, .. settings]))
        {
            var exit = await first.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, $"exit {exit}: {first.Stderr}");
            Assert.Equal("import (JSON Lines): 3 report(s) stored (2 relevant, in 1 event(s)), 0 duplicate(s) skipped, 2 refused", first.Stdout.Trim());
            Assert.Contains("line 4 refused", first.Stderr, StringComparison.Ordinal);
            Assert.Contains("line 5 refused: text is required", first.Stderr, StringComparison.Ordinal);
        }

        await using (var second = BotProcess.Start(database.Directory, null, ["import", file, .. settings]))
        {
            var exit = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, $"exit {exit}: {second.Stderr}");
            Assert.Equal("import (JSON Lines): 0 report(s) stored (0 relevant, in 0 event(s)), 3 duplicate(s) skipped, 2 refused", second.Stdout.Trim());
        }

        // A feed file is detected as such: its items arrive as reports of the outlet named by the feed's title.
        var feed = Path.Combine(database.Directory, "feed.xml");
        await File.WriteAllTextAsync(feed, """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Furat Wire</title><link>https://furat.example/</link><language>ar</language>
            <item><title>قصف مدفعي على الميادين</title><link>https://furat.example/1</link><guid>f1</guid>
            <description>قصف مدفعي استهدف أحياء مدينة الميادين في ريف دير الزور الشرقي صباح اليوم وسقطت قذائف قرب السوق.</description>
            <pubDate>Fri, 20 Nov 2026 08:00:00 +0300</pubDate></item>
            </channel></rss>
            """);
        await using (var rss = BotProcess.Start(database.Directory, null, ["import", feed, .. settings]))
        {
            var exit = await rss.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, $"exit {exit}: {rss.Stderr}");
            Assert.Equal("import (Rss20): 1 report(s) stored (1 relevant, in 1 event(s)), 0 duplicate(s) skipped, 0 refused", rss.Stdout.Trim());
        }

        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        var shelling = Assert.Single((await api.GetFromJsonAsync<List<EventDto>>("/api/events?status=pending"))!);
        Assert.Equal(["Deir Press", "Euphrates Monitor", "Furat Wire"], shelling.Sources.Select(s => s.Outlet).Order());
        Assert.Equal(new DateOnly(2026, 11, 20), shelling.EventDate);
    }

    [Fact]
    public async Task Import_names_the_line_of_a_report_past_the_length_limit_and_stores_the_rest()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var file = Path.Combine(database.Directory, "long.jsonl");
        var longText = string.Concat(Enumerable.Repeat("Residents of the east talked about the harvest and the weather. ", 5000));
        await File.WriteAllLinesAsync(file,
        [
            """{"id":"r1","title":"Shelling hits al-Mayadin","text":"Artillery shelling hit the city of al-Mayadin in the eastern Deir ez-Zor countryside this morning.","source":"Euphrates Monitor"}""",
            JsonSerializer.Serialize(new { id = "r2", title = "Long", text = longText, source = "Long Wire" }),
        ]);
        var settings = database.Settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray();

        await using var import = BotProcess.Start(database.Directory, null, ["import", file, .. settings]);
        var exit = await import.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"exit {exit}: {import.Stderr}");
        Assert.Equal("import (JSON Lines): 1 report(s) stored (1 relevant, in 1 event(s)), 0 duplicate(s) skipped, 1 refused", import.Stdout.Trim());
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"import: line 2 refused: report is too long: {longText.Length + 4} characters, title and text together; the limit is 262144 characters"),
            import.Stderr, StringComparison.Ordinal);
    }
}
