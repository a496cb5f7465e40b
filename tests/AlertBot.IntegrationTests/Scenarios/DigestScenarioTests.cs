using AlertBot.Core.Delivery;
using AlertBot.Core.Digests;
using AlertBot.Core.Events;
using AlertBot.Core.Platforms;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Scenarios;

/// <summary>A digest of many events on every platform: its map first, then the text split at the platform's length, no item cut or lost.</summary>
public sealed class DigestScenarioTests
{
    public static TheoryData<string, string> Matrix => ChatDrivers.Matrix();

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Digest_of_200_events_comes_with_its_map_and_splits_without_cutting_an_item(string provider, string platform)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var chat = await ChatDrivers.StartAsync(platform, database);
        const long user = 4201;
        await chat.SayAsync(user, "/lang en");
        Assert.Contains("Digest: daily at 08:00", Assert.Single(await chat.SayAsync(user, "/digest daily 08:00")).Text, StringComparison.Ordinal);
        var setting = await Alerts.Alerts.InScopeAsync(chat.App.Services, db => db.DigestSettings.AsNoTracking().SingleAsync());

        var places = chat.App.Services.GetRequiredService<Gazetteer>().Places.Where(p => p.Lat is not null && p.Kind != "governorate").ToList();
        await SeedConfirmedAsync(chat.App, [.. Enumerable.Range(0, 200).Select(i => places[i % places.Count])], setting.CreatedAt);
        var before = (await chat.MessagesAsync(user)).Count;

        await using (var scope = chat.App.Services.CreateAsyncScope())
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(setting.Id, CancellationToken.None));
        }

        await Alerts.Alerts.SettledAsync(chat.App.Services);
        var digest = (await chat.MessagesAsync(user)).Skip(before).ToList();
        var row = await Alerts.Alerts.InScopeAsync(chat.App.Services, db => db.Outbox.AsNoTracking().SingleAsync(o => o.Kind == "digest"));
        Assert.True(row.State == OutboxState.Sent, $"the digest's outbox row is {row.State}: {row.LastError}");

        // The map comes first. Where a caption is shorter than a part (Telegram: 1,024 of 4,096) it comes alone; where
        // the platform takes a part's length with an image (Discord: 2,000, the attachment shown in the embed) it carries
        // the first part.
        var map = digest[0];
        Assert.NotNull(map.Image);
        Assert.True(map.Image.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), "the map is a PNG");
        var capabilities = chat.App.Services.GetRequiredService<ChatPlatforms>().Get(chat.Platform).Capabilities;
        List<ChatView> parts;
        if (capabilities.MaxCaptionLength < chat.MaxTextLength)
        {
            Assert.Equal(string.Empty, map.Text);
            parts = [.. digest.Skip(1)];
        }
        else
        {
            Assert.Contains("Digest of confirmed incidents", map.Text, StringComparison.Ordinal);
            parts = digest;
        }

        Assert.True(parts.Count > 2, $"200 events take several messages of {chat.MaxTextLength} characters");
        Assert.All(parts.Skip(1), p => Assert.Null(p.Image));
        Assert.All(parts, p => Assert.True(p.Text.Length <= chat.MaxTextLength, $"a part of {p.Text.Length} characters"));
        Assert.Contains("Digest of confirmed incidents", parts[0].Text, StringComparison.Ordinal);
        Assert.Equal(200, parts.Sum(p => Occurrences(p.Text, "▪️ ")));
        Assert.All(parts, p => AssertNoItemCut(p.Text));
        Assert.All(parts, p => Assert.True(p.Silent == false, "a digest outside quiet hours rings"));
    }

    private static async Task SeedConfirmedAsync(AlertBotApp app, List<Place> places, DateTimeOffset after)
    {
        string[] types = ["shelling", "airstrike", "drone_attack", "rocket_attack"];
        await using var db = app.Services.GetRequiredService<AlertBotDbFactory>().Create();
        var at = after.AddMilliseconds(1); // inside the period the next run covers (from the setting's creation to now)
        for (var i = 0; i < places.Count; i++)
        {
            var first = at.AddMinutes(-i);
            db.Events.Add(new Event
            {
                Status = EventStatus.Confirmed,
                EventTypes = [types[i % types.Length]],
                PlaceIds = [places[i].Id],
                ActorIds = [],
                Counts = [],
                EventDate = DateOnly.FromDateTime(first.UtcDateTime),
                CreatedAt = first,
                UpdatedAt = first,
                FirstReportAt = first,
                LastReportAt = first,
                SourceCount = 1,
                OutletCount = 1,
                DecidedAt = at,
                DecidedBy = "console:mona",
            });
        }

        await db.SaveChangesAsync();
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Every item of a part ends in the same part: its type line is followed there by its sources line.</summary>
    private static void AssertNoItemCut(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("▪️", StringComparison.Ordinal))
            {
                Assert.True(i + 1 < lines.Length && lines[i + 1].Contains("independent source", StringComparison.Ordinal), $"the item \"{lines[i]}\" is cut from its sources line");
            }
        }

        Assert.False(lines[0].Contains("independent source", StringComparison.Ordinal), "a part starts with the tail of an item");
    }
}
