using System.Text.Json;
using AlertBot.IntegrationTests.Infrastructure;

namespace AlertBot.IntegrationTests.Feeds;

/// <summary>The <c>import</c> verb given feed files instead of JSON Lines.</summary>
public sealed class FeedImportTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task Import_verb_ingests_an_rss_file_and_a_json_feed_and_a_second_import_stores_nothing_new()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var rss = Path.Combine(database.Directory, "deir-watch.xml");
        await File.WriteAllTextAsync(rss, TestFeeds.Rss("مرصد دير الزور", "ar-SY", TestFeeds.ArabicShelling, TestFeeds.ArabicBakery));
        var json = Path.Combine(database.Directory, "wire.json");
        var strike = TestFeeds.EnglishAirstrike;
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["version"] = "https://jsonfeed.org/version/1.1",
            ["title"] = "Euphrates Wire",
            ["language"] = "en",
            ["items"] = new[]
            {
                new Dictionary<string, string> { ["id"] = strike.Guid, ["url"] = strike.Link, ["title"] = strike.Title, ["content_text"] = strike.Text, ["date_published"] = strike.Published.ToString("O") },
            },
        }, Indented));
        var settings = database.Settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray();

        Assert.Equal(
            "import: 2 report(s) stored (1 relevant, in 1 event(s)), 0 duplicate(s) skipped, 0 item(s) refused",
            await ImportAsync(database, rss, settings));
        Assert.Equal(
            "import: 1 report(s) stored (1 relevant, in 1 event(s)), 0 duplicate(s) skipped, 0 item(s) refused",
            await ImportAsync(database, json, settings));
        Assert.Equal(
            "import: 0 report(s) stored (0 relevant, in 0 event(s)), 2 duplicate(s) skipped, 0 item(s) refused",
            await ImportAsync(database, rss, settings));

        await using var app = new AlertBotApp(database);
        var arabic = await FeedHost.ReportsAsync(app, "مرصد دير الزور");
        Assert.Equal([TestFeeds.ArabicShelling.Link, TestFeeds.ArabicBakery.Link], arabic.Select(r => r.Url));
        Assert.All(arabic, r => Assert.Equal("ar", r.Language));
        var english = Assert.Single(await FeedHost.ReportsAsync(app, "Euphrates Wire"));
        Assert.Equal(strike.Title, english.Title);
        Assert.Equal("import", english.SubmittedBy);
    }

    private static async Task<string> ImportAsync(TestDatabase database, string file, string[] settings)
    {
        await using var process = BotProcess.Start(database.Directory, null, ["import", file, .. settings]);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"exit {exit}: {process.Stderr}");
        return process.Stdout.Trim();
    }
}
