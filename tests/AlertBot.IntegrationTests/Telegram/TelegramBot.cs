using System.Globalization;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Telegram;
using AlertBot.TestSupport.Telegram;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.IntegrationTests.Telegram;

/// <summary>
/// The whole bot in process with Telegram configured against a <see cref="FakeTelegramServer"/>: short long-polls, and
/// limits raised for conversation steps (one chat types many commands) unless a test sets its own. Steps wait for the
/// fake to see the update confirmed by the poller's next offset, so a step is over when the bot has handled it.
/// </summary>
internal sealed class TelegramBot : IAsyncDisposable
{
    public const long Moderator = 7001;

    private readonly bool _ownsFake;

    private TelegramBot(FakeTelegramServer fake, AlertBotApp app, bool ownsFake)
    {
        Fake = fake;
        App = app;
        _ownsFake = ownsFake;
    }

    public FakeTelegramServer Fake { get; }

    public AlertBotApp App { get; }

    public IServiceProvider Services => App.Services;

    public static Dictionary<string, string?> Settings(FakeTelegramServer fake) => new()
    {
        ["Telegram:BotToken"] = fake.Token,
        ["Telegram:ApiBaseUrl"] = fake.BaseUrl.ToString(),
        ["Telegram:PollTimeoutSeconds"] = "1",
        ["Telegram:ChatMessagesPerSecond"] = "50",
        ["Telegram:GroupMessagesPerMinute"] = "600",
        ["Moderation:Moderators"] = "telegram:" + Moderator.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Starts the fake (or uses <paramref name="fake"/>) and the bot, and waits until the bot polls (or set its webhook).</summary>
    public static async Task<TelegramBot> StartAsync(
        TestDatabase database,
        IReadOnlyDictionary<string, string?>? extra = null,
        FakeTelegramServer? fake = null,
        TimeProvider? time = null,
        bool ownsFake = false)
    {
        var madeHere = fake is null;
        ownsFake |= madeHere;
        fake ??= await FakeTelegramServer.StartAsync();
        if (madeHere)
        {
            fake.Limits = new FakeTelegramLimits(ChatMessagesPerSecond: 50, GroupMessagesPerMinute: 600);
        }

        var settings = Settings(fake);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = new AlertBotApp(database, settings, time);
        _ = app.Services; // starts the host
        var bot = new TelegramBot(fake, app, ownsFake);
        try
        {
            if (settings.GetValueOrDefault("Telegram:Mode") == "Webhook")
            {
                await UntilAsync(() => fake.WebhookUrl is not null, "the bot to set its webhook");
            }
            else
            {
                await UntilAsync(() => fake.Calls.Any(c => c.Method == "deleteWebhook"), "the bot to start polling");
            }
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\n" + bot.Diagnostics(), ex);
        }

        return bot;
    }

    /// <summary>Waits until the poller has handled update <paramref name="updateId"/> and moved its offset past it.</summary>
    public Task HandledAsync(long updateId) => UntilAsync(() => Fake.ConfirmedBelow > updateId, $"update {updateId} to be handled");

    /// <summary>The user types <paramref name="text"/>; returns what the bot sent to that chat meanwhile.</summary>
    public async Task<IReadOnlyList<FakeTelegramMessage>> SayAsync(long userId, string text, long? chatId = null, int? threadId = null)
    {
        var chat = chatId ?? userId;
        var before = Fake.MessagesTo(chat).Select(m => m.MessageId).ToHashSet();
        await HandledAsync(Fake.PushText(userId, text, chatId, threadId));
        return [.. Fake.MessagesTo(chat).Where(m => !before.Contains(m.MessageId))];
    }

    /// <summary>The user forwards a channel's post to the bot; returns what the bot sent to their private chat meanwhile.</summary>
    public async Task<IReadOnlyList<FakeTelegramMessage>> SayForwardAsync(long userId, long channelId, int postId, string text)
    {
        var before = Fake.MessagesTo(userId).Select(m => m.MessageId).ToHashSet();
        await HandledAsync(Fake.PushForward(userId, channelId, postId, text));
        return [.. Fake.MessagesTo(userId).Where(m => !before.Contains(m.MessageId))];
    }

    /// <summary>The user presses the button (by data or label) under <paramref name="message"/>; returns the answer to the press.</summary>
    public async Task<FakeTelegramPressAnswer> PressAsync(long userId, FakeTelegramMessage message, string button)
    {
        var pressId = Fake.PushPressOn(userId, message, button);
        await HandledAsync(Fake.UpdateOfPress(pressId));
        return Fake.PressAnswer(pressId);
    }

    /// <summary>The message as the fake holds it now (after edits).</summary>
    public FakeTelegramMessage Current(FakeTelegramMessage message) => Fake.MessagesTo(message.ChatId).Single(m => m.MessageId == message.MessageId);

    /// <summary>Presses "next" under a menu until a button with <paramref name="data"/> shows; returns the menu as it is then.</summary>
    public async Task<FakeTelegramMessage> PageUntilAsync(long userId, FakeTelegramMessage menu, string data)
    {
        for (var page = 0; page < 20; page++)
        {
            menu = Current(menu);
            if (menu.AllButtons.Any(b => b.CallbackData == data))
            {
                return menu;
            }

            var next = menu.AllButtons.Last(b => b.CallbackData!.EndsWith(":" + (page + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            await PressAsync(userId, menu, next.CallbackData!);
        }

        throw new InvalidOperationException($"no page of the menu offers {data}");
    }

    public Task<Recipient?> RecipientAsync(long chatId) =>
        Alerts.Alerts.InScopeAsync(Services, db => db.Recipients.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Platform == TelegramPlatform.PlatformName && r.ChatId == chatId.ToString(CultureInfo.InvariantCulture)));

    public async Task<IReadOnlyList<Subscription>> SubscriptionsAsync(long chatId)
    {
        var recipient = await RecipientAsync(chatId);
        return recipient is null
            ? []
            : await Alerts.Alerts.InScopeAsync(Services, db => db.Subscriptions.AsNoTracking().Where(s => s.RecipientId == recipient.Id).ToListAsync());
    }

    /// <summary>The sendMessage calls the bot made to <paramref name="chatId"/>, whatever the answer.</summary>
    public int SendAttemptsTo(long chatId) =>
        Fake.CallsTo("sendMessage").Count(c => c.Parameters["chat_id"]?.ToString() == chatId.ToString(CultureInfo.InvariantCulture));

    /// <summary>What the fake was asked and what the bot logged, for a failing test's message.</summary>
    public string Diagnostics() =>
        "calls:\n" + string.Join('\n', Fake.Calls.TakeLast(30).Select(c => $"{c.At:HH:mm:ss.fff} {c.Method} {c.Status} {c.Description}"))
        + "\nlogs:\n" + string.Join('\n', App.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Information).TakeLast(40));

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Alerts.Alerts.UntilAsync(() => Task.FromResult(condition()), timeout ?? TimeSpan.FromSeconds(30), what);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_ownsFake)
        {
            await Fake.DisposeAsync();
        }
    }
}
