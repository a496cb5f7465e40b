using System.Net.Http.Headers;
using System.Text;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using AlertBot.Discord;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.TestSupport.Discord;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Discord;

/// <summary>
/// The whole bot in process with Discord configured against a <see cref="FakeDiscordServer"/>, in interactions-endpoint
/// mode unless a test says otherwise: the fake makes and signs the interactions, and a step posts one to the bot's
/// endpoint and waits until the bot has finished with it.
/// </summary>
internal sealed class DiscordBot : IAsyncDisposable
{
    public const string Moderator = "7001";
    public const string Guild = "700000000000000001";

    private DiscordBot(FakeDiscordServer fake, AlertBotApp app)
    {
        Fake = fake;
        App = app;
    }

    public FakeDiscordServer Fake { get; }

    public AlertBotApp App { get; }

    public IServiceProvider Services => App.Services;

    public static Dictionary<string, string?> Settings(FakeDiscordServer fake) => new()
    {
        ["Discord:BotToken"] = fake.Token,
        ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
        ["Discord:ApplicationId"] = FakeDiscordServer.ApplicationId,
        ["Discord:PublicKey"] = fake.PublicKey,
        ["Discord:Mode"] = "Interactions",
        ["Moderation:Moderators"] = "discord:" + Moderator,
    };

    public static async Task<DiscordBot> StartAsync(
        TestDatabase database,
        IReadOnlyDictionary<string, string?>? extra = null,
        FakeDiscordLimits? limits = null,
        Action<FakeDiscordServer>? arrange = null)
    {
        var fake = await FakeDiscordServer.StartAsync();
        fake.Limits = limits ?? new FakeDiscordLimits(ChannelMessages: 50, ChannelWindowSeconds: 1);
        arrange?.Invoke(fake);
        var settings = Settings(fake);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = new AlertBotApp(database, settings);
        _ = app.Services; // starts the host
        return new DiscordBot(fake, app);
    }

    /// <summary>Posts <paramref name="interaction"/> to the bot's endpoint, signed by the fake; waits until the bot is done with it.</summary>
    public async Task<HttpResponseMessage> InteractAsync(FakeDiscordInteraction interaction)
    {
        var body = interaction.Json.ToJsonString();
        var (signature, timestamp) = Fake.Sign(body);
        var response = await PostAsync(body, signature, timestamp);
        await UntilAsync(() => Services.GetRequiredService<DiscordInbound>().InFlight == 0, "the bot to finish the interaction");
        return response;
    }

    /// <summary>Starts the bot in gateway mode, with the fake's heartbeat interval set; waits until the gateway is ready.</summary>
    public static async Task<DiscordBot> StartOnGatewayAsync(
        TestDatabase database,
        int heartbeatMs = 1000,
        Action<FakeDiscordServer>? arrange = null,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>()) { ["Discord:Mode"] = "Gateway" };
        var bot = await StartAsync(database, settings, arrange: fake =>
        {
            fake.HeartbeatIntervalMs = heartbeatMs;
            arrange?.Invoke(fake);
        });
        try
        {
            await UntilAsync(() => bot.Fake.GatewayReady, "the gateway to be ready");
        }
        catch (TimeoutException ex)
        {
            var diagnostics = bot.Diagnostics();
            await bot.DisposeAsync();
            throw new TimeoutException(ex.Message + "\n" + diagnostics, ex);
        }

        return bot;
    }

    /// <summary>Dispatches <paramref name="interaction"/> over the gateway; waits until the bot answered it and is done with it.</summary>
    public async Task OverGatewayAsync(FakeDiscordInteraction interaction)
    {
        Fake.DispatchInteraction(interaction);
        await UntilAsync(() => Fake.Interaction(interaction.Id).CallbackType is not null, $"interaction {interaction.Id} to be answered");
        await UntilAsync(() => Services.GetRequiredService<DiscordInbound>().InFlight == 0, "the bot to finish the interaction");
    }

    public Task<HttpResponseMessage> PostAsync(string body, string? signature, string? timestamp) => PostAsync(App, body, signature, timestamp);

    /// <summary>Posts <paramref name="body"/> to the interactions endpoint of <paramref name="app"/> (another instance of the bot, say).</summary>
    public static async Task<HttpResponseMessage> PostAsync(AlertBotApp app, string body, string? signature, string? timestamp)
    {
        using var client = app.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, DiscordInteractionsEndpoint.Path) { Content = content };
        if (signature is not null)
        {
            request.Headers.Add("X-Signature-Ed25519", signature);
        }

        if (timestamp is not null)
        {
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Makes <paramref name="chatId"/> a Discord recipient (a person's DMs or a server channel) subscribed to <paramref name="target"/>.</summary>
    public async Task<long> SubscribeAsync(string chatId, ChatKind kind, SubscriptionTarget target)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AlertBotDb>();
        var recipient = new Recipient { Platform = DiscordPlatform.PlatformName, ChatId = chatId, Kind = kind, Language = ChatLanguage.Both, CreatedAt = DateTimeOffset.UtcNow };
        db.Recipients.Add(recipient);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<SubscriptionService>().AddAsync(recipient.Id, target, DeliveryMode.Instant, CancellationToken.None);
        return recipient.Id;
    }

    public Task<Recipient?> RecipientAsync(string chatId) =>
        Alerts.Alerts.InScopeAsync(Services, db => db.Recipients.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Platform == DiscordPlatform.PlatformName && r.ChatId == chatId));

    public async Task<IReadOnlyList<Subscription>> SubscriptionsAsync(string chatId)
    {
        var recipient = await RecipientAsync(chatId);
        return recipient is null
            ? []
            : await Alerts.Alerts.InScopeAsync(Services, db => db.Subscriptions.AsNoTracking().Where(s => s.RecipientId == recipient.Id).ToListAsync());
    }

    /// <summary>Every message the bot made on the fake carries <c>allowed_mentions: {parse: []}</c>.</summary>
    public void AssertNoMessageCanMention()
    {
        Assert.All(Fake.AllMessages, m =>
        {
            Assert.NotNull(m.AllowedMentions);
            Assert.Empty(m.AllowedMentions!["parse"]!.AsArray());
        });
    }

    public string Diagnostics() =>
        "calls:\n" + string.Join('\n', Fake.Calls.TakeLast(30).Select(c => $"{c.At:HH:mm:ss.fff} {c.Method} {c.Path} {c.Status} {c.Code}"))
        + "\nlogs:\n" + string.Join('\n', App.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Information).TakeLast(40));

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Alerts.Alerts.UntilAsync(() => Task.FromResult(condition()), timeout ?? TimeSpan.FromSeconds(30), what);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
