using System.Globalization;
using System.Net.Http.Json;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Infrastructure;
using System.Text.Json.Nodes;
using AlertBot.IntegrationTests.Discord;
using AlertBot.IntegrationTests.Telegram;
using AlertBot.Sandbox;
using Microsoft.EntityFrameworkCore;

namespace AlertBot.IntegrationTests.Scenarios;

/// <summary>A bot message as a person sees it on any platform: its visible text and the data of its buttons.</summary>
internal sealed record ChatView(string Id, string Text, IReadOnlyList<string> Buttons, string? ReplyToId, bool Silent, byte[]? Image = null);

/// <summary>
/// One person in a private chat with the bot, on one platform, as the scenarios drive it: they type, they press, they
/// read what arrived. Each platform's driver speaks that platform's own way in (the sandbox's API; the fake Bot API's
/// updates), so the same scenario proves the same behaviour through every adapter.
/// </summary>
internal interface IChatDriver : IAsyncDisposable
{
    string Platform { get; }

    AlertBotApp App { get; }

    /// <summary>The longest message the platform accepts (as configured for the run).</summary>
    int MaxTextLength { get; }

    /// <summary>The person <paramref name="user"/> types <paramref name="text"/> in their private chat; returns the bot's messages sent meanwhile.</summary>
    Task<IReadOnlyList<ChatView>> SayAsync(long user, string text);

    /// <summary>The person presses a button carrying <paramref name="data"/> under <paramref name="message"/> (forged when no button has it); returns the answer shown to them, if any.</summary>
    Task<string?> PressAsync(long user, ChatView message, string data);

    /// <summary>Every message the bot has sent to the person's chat, as it reads now (after edits).</summary>
    Task<IReadOnlyList<ChatView>> MessagesAsync(long user);
}

internal static class ChatDrivers
{
    public const string Sandbox = "sandbox";
    public const string Telegram = "telegram";
    public const string Discord = "discord";

    /// <summary>Every database × every platform.</summary>
    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in TestDatabase.Providers)
        {
            foreach (var platform in new[] { Sandbox, Telegram, Discord })
            {
                data.Add(provider, platform);
            }
        }

        return data;
    }

    public static async Task<IChatDriver> StartAsync(string platform, TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) => platform switch
    {
        Sandbox => new SandboxDriver(new AlertBotApp(database, Merge(new() { ["Sandbox:MaxTextLength"] = "2000", ["Sandbox:ChatMessagesPerSecond"] = "50" }, settings))),
        Telegram => new TelegramDriver(await TelegramBot.StartAsync(database, settings)),
        Discord => new DiscordDriver(await DiscordBot.StartAsync(database, settings)),
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "no driver for this platform"),
    };

    private static Dictionary<string, string?> Merge(Dictionary<string, string?> defaults, IReadOnlyDictionary<string, string?>? settings)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            defaults[key] = value;
        }

        return defaults;
    }

    private sealed class SandboxDriver(AlertBotApp app) : IChatDriver
    {
        private readonly HttpClient _api = app.ApiClient();

        public string Platform => SandboxPlatform.PlatformName;

        public AlertBotApp App { get; } = app;

        public int MaxTextLength => 2000;

        public async Task<IReadOnlyList<ChatView>> SayAsync(long user, string text)
        {
            var before = (await MessagesAsync(user)).Select(m => m.Id).ToHashSet();
            (await _api.PostAsJsonAsync($"/api/sandbox/chats/{Id(user)}/messages", new { text })).EnsureSuccessStatusCode();
            return [.. (await MessagesAsync(user)).Where(m => !before.Contains(m.Id))];
        }

        public async Task<string?> PressAsync(long user, ChatView message, string data)
        {
            var result = await AlertBotApp.ReadAsync<SandboxPressResult>(
                await _api.PostAsJsonAsync($"/api/sandbox/chats/{Id(user)}/press", new { messageId = long.Parse(message.Id, CultureInfo.InvariantCulture), button = data }));
            Assert.True(result.Answered, "every press is answered");
            return result.Notice;
        }

        public async Task<IReadOnlyList<ChatView>> MessagesAsync(long user)
        {
            var views = new List<ChatView>();
            foreach (var m in await Alerts.Alerts.BotMessagesAsync(_api, Id(user)))
            {
                views.Add(new ChatView(
                    m.Id.ToString(CultureInfo.InvariantCulture), m.Text, [.. m.Buttons.SelectMany(r => r).Select(b => b.Data)],
                    m.ReplyToId?.ToString(CultureInfo.InvariantCulture), m.Silent,
                    m.Image is null ? null : await _api.GetByteArrayAsync(new Uri(m.Image, UriKind.Relative))));
            }

            return views;
        }

        public async ValueTask DisposeAsync()
        {
            _api.Dispose();
            await App.DisposeAsync();
        }

        private static string Id(long user) => user.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class TelegramDriver(TelegramBot bot) : IChatDriver
    {
        private readonly HashSet<long> _users = [];

        public string Platform => global::AlertBot.Telegram.TelegramPlatform.PlatformName;

        public AlertBotApp App => bot.App;

        public int MaxTextLength => 4096;

        public async Task<IReadOnlyList<ChatView>> SayAsync(long user, string text)
        {
            if (_users.Add(user))
            {
                bot.Fake.AddUser(user, languageCode: null);
            }

            return [.. (await bot.SayAsync(user, text)).Select(View)];
        }

        public async Task<string?> PressAsync(long user, ChatView message, string data)
        {
            var pressId = bot.Fake.PushPress(user, user, int.Parse(message.Id, CultureInfo.InvariantCulture), data);
            await bot.HandledAsync(bot.Fake.UpdateOfPress(pressId));
            var answer = bot.Fake.PressAnswer(pressId);
            Assert.True(answer.Answered, "every press is answered (answerCallbackQuery)");
            return answer.Text;
        }

        public Task<IReadOnlyList<ChatView>> MessagesAsync(long user) =>
            Task.FromResult<IReadOnlyList<ChatView>>([.. bot.Fake.MessagesTo(user).Where(m => !m.Deleted).Select(View)]);

        public ValueTask DisposeAsync() => bot.DisposeAsync();

        private static ChatView View(global::AlertBot.TestSupport.Telegram.FakeTelegramMessage m) => new(
            m.MessageId.ToString(CultureInfo.InvariantCulture), m.Text, [.. m.AllButtons.Select(b => b.CallbackData ?? b.Url ?? "")],
            m.ReplyToMessageId?.ToString(CultureInfo.InvariantCulture), m.Silent, m.Photo?.Png);
    }

    /// <summary>
    /// A person in their DMs with the bot on Discord, through the HTTP interactions endpoint: what they "type" is the slash
    /// command it stands for (CONTRACTS' Discord shape: <c>/subscribe target</c>, <c>/digest set schedule</c> …), a press
    /// is a component interaction on the message, and a press's notice is the ephemeral message answering it (Discord has
    /// no toast). Their Discord client's locale is German, which says neither Arabic nor English: their chat starts in both.
    /// </summary>
    private sealed class DiscordDriver(DiscordBot bot) : IChatDriver
    {
        private const string Locale = "de";

        public string Platform => global::AlertBot.Discord.DiscordPlatform.PlatformName;

        public AlertBotApp App => bot.App;

        public int MaxTextLength => global::AlertBot.TestSupport.Discord.FakeDiscordServer.MaxContentLength;

        public async Task<IReadOnlyList<ChatView>> SayAsync(long user, string text)
        {
            var before = (await MessagesAsync(user)).Select(m => m.Id).ToHashSet();
            var (name, options) = SlashCommand(text);
            var interaction = bot.Fake.SlashCommand(Id(user), name, options, locale: Locale);
            (await bot.InteractAsync(interaction)).EnsureSuccessStatusCode();
            Assert.True(bot.Fake.Interaction(interaction.Id).CallbackType is not null, "every command is answered");
            return [.. (await MessagesAsync(user)).Where(m => !before.Contains(m.Id))];
        }

        public async Task<string?> PressAsync(long user, ChatView message, string data)
        {
            var interaction = bot.Fake.Press(Id(user), bot.Fake.Message(message.Id), data);
            (await bot.InteractAsync(interaction)).EnsureSuccessStatusCode();
            Assert.True(bot.Fake.Interaction(interaction.Id).CallbackType is not null, "every press is answered (an interaction callback)");
            var notices = bot.Fake.AllMessages.Where(m => m.InteractionId == interaction.Id && m.Ephemeral && !m.Deleted).Select(m => m.Text).ToList();
            return notices.Count == 0 ? null : string.Join("\n", notices);
        }

        public Task<IReadOnlyList<ChatView>> MessagesAsync(long user) =>
            Task.FromResult<IReadOnlyList<ChatView>>([.. bot.Fake.DmsTo(Id(user)).Where(m => !m.Ephemeral && (m.Flags & Loading) == 0).Select(View)]);

        public ValueTask DisposeAsync() => bot.DisposeAsync();

        /// <summary>Discord's "is thinking…" flag of a deferred answer not filled in.</summary>
        private const int Loading = 128;

        private static string Id(long user) => user.ToString(CultureInfo.InvariantCulture);

        /// <summary>The slash command a typed command line stands for, as the person would fill it in on Discord.</summary>
        private static (string Name, JsonArray Options) SlashCommand(string text)
        {
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var name = (space < 0 ? text : text[..space]).TrimStart('/');
            var argument = space < 0 ? string.Empty : text[(space + 1)..].Trim();
            JsonArray Option(string option) => argument.Length == 0 ? [] : [new JsonObject { ["name"] = option, ["type"] = 3, ["value"] = argument }];
            JsonArray Sub(string sub, JsonArray options) => [new JsonObject { ["name"] = sub, ["type"] = 1, ["options"] = options }];
            return name switch
            {
                "subscribe" or "unsubscribe" => (name, Option("target")),
                "lang" => (name, Option("language")),
                "quiet" => (name, Option("hours")),
                "timezone" => (name, Option("zone")),
                "list" or "help" or "start" or "pause" or "resume" or "stop" when argument.Length == 0 => (name, []),
                "digest" => argument switch
                {
                    "" => (name, []),
                    "preview" or "off" => (name, Sub(argument, [])),
                    "only" or "instant" => (name, Sub("mode", [new JsonObject { ["name"] = "mode", ["type"] = 3, ["value"] = argument }])),
                    _ => (name, Sub("set", [new JsonObject { ["name"] = "schedule", ["type"] = 3, ["value"] = argument }])),
                },
                _ => throw new ArgumentOutOfRangeException(nameof(text), text, "Discord has no slash command for this line"),
            };
        }

        private static ChatView View(global::AlertBot.TestSupport.Discord.FakeDiscordMessage m) => new(
            m.Id, m.Text, [.. m.Buttons.Select(b => b.CustomId)], m.ReplyToMessageId,
            (m.Flags & global::AlertBot.Discord.DiscordRestClient.SuppressNotifications) != 0, m.Files.Count > 0 ? m.Files[0].Bytes : null);
    }
}

/// <summary>Reads of the store that scenarios check, by platform and chat id.</summary>
internal static class ScenarioStore
{
    public static Task<List<Subscription>> SubscriptionsAsync(IChatDriver driver, long user) =>
        Alerts.Alerts.InScopeAsync(driver.App.Services, db => db.Subscriptions.AsNoTracking()
            .Where(s => db.Recipients.Any(r => r.Id == s.RecipientId && r.Platform == driver.Platform && r.ChatId == user.ToString(CultureInfo.InvariantCulture)))
            .OrderBy(s => s.Id)
            .ToListAsync());

    public static Task<Recipient> RecipientAsync(IChatDriver driver, long user) =>
        Alerts.Alerts.InScopeAsync(driver.App.Services, db => db.Recipients.AsNoTracking()
            .SingleAsync(r => r.Platform == driver.Platform && r.ChatId == user.ToString(CultureInfo.InvariantCulture)));
}
