using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AlertBot.Api;
using AlertBot.Core.Routing;
using AlertBot.Sandbox;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Events;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AlertBot.IntegrationTests.Alerts;

/// <summary>The real executable on a test database, with an API key, for the crash and scale-out tests.</summary>
internal sealed partial class RunningBot : IAsyncDisposable
{
    private readonly BotProcess _process;

    private RunningBot(BotProcess process, HttpClient api)
    {
        _process = process;
        Api = api;
    }

    public HttpClient Api { get; }

    public BotProcess Process => _process;

    public static async Task<RunningBot> StartAsync(TestDatabase database, params string[] settings)
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            $"--Storage:Provider={database.Provider}",
            $"--Storage:DataDirectory={Path.Combine(database.Directory, "data")}",
            $"--Api:Keys:ops:Key={AlertBotApp.ModeratorKey}",
            "--Api:Keys:ops:Roles=curator,moderator",
            "--Demo:Enabled=false",
            "--Delivery:PollMilliseconds=200",
        };
        if (database.ConnectionString is { } connection)
        {
            args.Add($"--Storage:ConnectionString={connection}");
        }

        args.AddRange(settings);
        var process = BotProcess.Start(database.Directory, null, [.. args]);
        string line;
        try
        {
            // A bound on a hung start only (a loaded CI machine may take a while to start a .NET process).
            line = await process.WaitForLogAsync(l => l.Contains("Web console: http://", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        }
        catch
        {
            await process.DisposeAsync(); // a bot that never came up is not left running after the test
            throw;
        }

        var api = new HttpClient { BaseAddress = new Uri(ConsoleUrl().Match(line).Groups[1].Value) };
        api.DefaultRequestHeaders.Add("X-Api-Key", AlertBotApp.ModeratorKey);
        return new RunningBot(process, api);
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown, nothing flushed.</summary>
    public Task KillAsync() => _process.KillAsync();

    public Task<long> ConfirmMayadinShellingAsync() => ConfirmAsync(Reports.MayadinShellingArabic);

    /// <summary>Posts the report and confirms the new event it makes; returns the event id.</summary>
    public async Task<long> ConfirmAsync(object report)
    {
        var id = (await Reports.PostAsync(Api, report)).EventId!.Value;
        var confirmed = await AlertBotApp.ReadAsync<EventDto>(await Api.PostAsync(new Uri($"/api/events/{id}/confirm", UriKind.Relative), null));
        Assert.Equal("confirmed", confirmed.Status);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _process.DisposeAsync();
    }

    public static AlertBotDbFactory Factory(TestDatabase database) =>
        new(Options.Create(new StorageOptions
        {
            Provider = database.Provider,
            DataDirectory = Path.Combine(database.Directory, "data"),
            ConnectionString = database.ConnectionString,
        }));

    /// <summary>
    /// Adds <paramref name="count"/> sandbox chats (ids <c>chatPrefix</c>0…) subscribed to al-Mayadin, straight into the
    /// database: the bot's index reads them when it next loads or catches up.
    /// </summary>
    public static async Task SeedSubscribersAsync(AlertBotDbFactory factory, int count, string chatPrefix = "9", string platform = SandboxPlatform.PlatformName)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var chunk in Enumerable.Range(0, count).Chunk(2000))
        {
            await using var db = factory.Create();
            var recipients = chunk.Select(i => new Recipient { Platform = platform, ChatId = $"{chatPrefix}{i:00000}", Language = ChatLanguage.En, CreatedAt = now }).ToList();
            db.Recipients.AddRange(recipients);
            await db.SaveChangesAsync();
            var subscriptions = recipients.Select(r => new Subscription { RecipientId = r.Id, PlaceId = Alerts.AlMayadin, Mode = DeliveryMode.Instant, CreatedAt = now }).ToList();
            db.Subscriptions.AddRange(subscriptions);
            await db.SaveChangesAsync();
            db.SubscriptionChanges.AddRange(subscriptions.Select(s => new SubscriptionChange { SubscriptionId = s.Id, RecipientId = s.RecipientId, At = now }));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>How many alert messages each sandbox chat received from the bot.</summary>
    public static async Task<Dictionary<string, int>> MessagesPerChatAsync(AlertBotDbFactory factory)
    {
        await using var db = factory.Create();
        return await db.SandboxMessages.AsNoTracking().Where(m => m.FromBot).GroupBy(m => m.ChatId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count);
    }

    public static async Task<int> SentCountAsync(AlertBotDbFactory factory)
    {
        await using var db = factory.Create();
        return await db.SentMessages.CountAsync();
    }

    [GeneratedRegex(@"Web console: (http://\S+)")]
    private static partial Regex ConsoleUrl();
}
