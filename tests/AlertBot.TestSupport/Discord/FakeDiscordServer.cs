using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

namespace AlertBot.TestSupport.Discord;

/// <summary>
/// A fake Discord API v10 on a loopback Kestrel, speaking the real wire format under <c>/api/v10</c>: bot auth and
/// Discord's User-Agent checked, JSON bodies, Discord's error bodies (<c>{"code","message"}</c>) and statuses. It keeps
/// users (DMs open or closed), server channels (with access or not) and every message, validates messages as Discord
/// does (2,000 characters, 10 embeds and 6,000 characters across them, 5 action rows of 5 buttons, custom ids 1–100
/// and unique, labels ≤ 80), and limits requests with per-route buckets (each channel apart) and the global limit,
/// sending the <c>X-RateLimit-*</c> headers and real 429 bodies. It makes interactions and signs them with its own
/// Ed25519 key, as Discord signs what it POSTs to an interactions endpoint, and takes their callbacks and follow-ups.
/// Every call is recorded. The gateway lives in <c>FakeDiscordServer.Gateway.cs</c>.
/// </summary>
public sealed partial class FakeDiscordServer : IAsyncDisposable
{
    public const string DefaultToken = "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.alertbot-test-token-0123456789";
    public const string ApplicationId = "900000000000000001";
    public const string BotUserId = "900000000000000001";
    public const int MaxContentLength = 2000;

    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Key _key;
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<FakeDiscordCall> _calls = new();
    private readonly Dictionary<string, bool> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _dmOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _channels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _noAccess = new(StringComparer.Ordinal);
    private readonly List<FakeDiscordMessage> _messages = [];
    private readonly Dictionary<string, FakeDiscordInteraction> _interactions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonArray> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Window> _buckets = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _global = new();
    private long _nextId = 1_100_000_000_000_000_000;
    private int _answersToDrop;
    private readonly Dictionary<string, (double Seconds, DateTimeOffset Until)> _shared = new(StringComparer.Ordinal);
    private DateTimeOffset _globalRetryUntil = DateTimeOffset.MinValue;

    private FakeDiscordServer(WebApplication app, string token, TimeProvider time)
    {
        _app = app;
        Token = token;
        _time = time;
        _key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        PublicKey = Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public string Token { get; }

    /// <summary>The public key (64 hex characters) of the key the fake signs interactions with: what <c>Discord:PublicKey</c> is set to.</summary>
    public string PublicKey { get; }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What <c>Discord:ApiBaseUrl</c> is set to.</summary>
    public string ApiBaseUrl => BaseUrl + "api/v10";

    /// <summary>The limits enforced with 429s; change them at any time.</summary>
    public FakeDiscordLimits Limits { get; set; } = new();

    /// <summary>429 answers given.</summary>
    public int TooManyRequests { get; private set; }

    /// <summary>429 answers to the global limit.</summary>
    public int GlobalTooManyRequests { get; private set; }

    /// <summary>Requests on a bucket (or, after a global 429, on any route) made while a retry_after the fake gave for it had not yet passed.</summary>
    public int SentDuringRetryAfter { get; private set; }

    public IReadOnlyList<FakeDiscordCall> Calls => [.. _calls];

    public static async Task<FakeDiscordServer> StartAsync(string token = DefaultToken, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeDiscordServer(app, token, time ?? TimeProvider.System);
        app.UseWebSockets();
        app.Run(server.DispatchAsync);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseGatewaysAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }

    // ---- The world ----

    /// <summary>A Discord user the bot may DM (<paramref name="dmsOpen"/>: false when they closed DMs from server members).</summary>
    public void AddUser(string userId, bool dmsOpen = true)
    {
        lock (_lock)
        {
            _users[userId] = dmsOpen;
        }
    }

    public void CloseDms(string userId) => AddUser(userId, dmsOpen: false);

    /// <summary>A text channel of server <paramref name="guildId"/> that the bot can post in.</summary>
    public void AddChannel(string channelId, string guildId)
    {
        lock (_lock)
        {
            _channels[channelId] = guildId;
        }
    }

    /// <summary>The bot lost access to the channel (removed, or its role's rights taken): sends get 403 50001.</summary>
    public void RemoveAccess(string channelId)
    {
        lock (_lock)
        {
            _noAccess.Add(channelId);
        }
    }

    /// <summary>
    /// The channel's resource is busy (Discord's <c>X-RateLimit-Scope: shared</c>): the next message call in it is
    /// answered 429 with <c>retry_after</c> <paramref name="seconds"/>, and so is every call in it until that time has
    /// passed (those count in <see cref="SentDuringRetryAfter"/>). Other channels are not concerned.
    /// </summary>
    public void SharedLimit(string channelId, double seconds)
    {
        lock (_lock)
        {
            _shared[channelId] = (seconds, DateTimeOffset.MaxValue);
        }
    }

    /// <summary>When the shared limit on <paramref name="channelId"/> answered its first 429; null before.</summary>
    public DateTimeOffset? SharedLimitedAt(string channelId)
    {
        lock (_lock)
        {
            return _shared.TryGetValue(channelId, out var shared) && shared.Until != DateTimeOffset.MaxValue
                ? shared.Until - TimeSpan.FromSeconds(shared.Seconds)
                : null;
        }
    }

    /// <summary>The next <paramref name="count"/> messages the bot creates are made, but their answers are lost (the connection is reset).</summary>
    public void DropMessageAnswers(int count)
    {
        lock (_lock)
        {
            _answersToDrop = count;
        }
    }

    private bool TakeDroppedAnswer()
    {
        lock (_lock)
        {
            if (_answersToDrop <= 0)
            {
                return false;
            }

            _answersToDrop--;
            return true;
        }
    }

    /// <summary>The DM channel the bot opened with <paramref name="userId"/>, if it did.</summary>
    public string? DmChannelOf(string userId)
    {
        lock (_lock)
        {
            return _dmOf.GetValueOrDefault(userId);
        }
    }

    /// <summary>The messages in a channel (deleted ones excluded), oldest first.</summary>
    public IReadOnlyList<FakeDiscordMessage> MessagesIn(string channelId)
    {
        lock (_lock)
        {
            return [.. _messages.Where(m => m.ChannelId == channelId && !m.Deleted)];
        }
    }

    /// <summary>The messages in the DM channel with <paramref name="userId"/> (none when the bot never opened one).</summary>
    public IReadOnlyList<FakeDiscordMessage> DmsTo(string userId) => DmChannelOf(userId) is { } channel ? MessagesIn(channel) : [];

    public IReadOnlyList<FakeDiscordMessage> AllMessages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public FakeDiscordMessage Message(string messageId)
    {
        lock (_lock)
        {
            return _messages.Single(m => m.Id == messageId);
        }
    }

    /// <summary>The commands the bot registered: globally (<paramref name="guildId"/> null) or in one server.</summary>
    public JsonArray? Commands(string? guildId = null)
    {
        lock (_lock)
        {
            return _commands.TryGetValue(guildId ?? "global", out var commands) ? (JsonArray)commands.DeepClone() : null;
        }
    }

    public IReadOnlyList<FakeDiscordCall> CallsTo(string method, string pathPrefix) =>
        [.. _calls.Where(c => c.Method == method && c.Path.StartsWith(pathPrefix, StringComparison.Ordinal))];

    // ---- Interactions ----

    /// <summary>
    /// A slash command as Discord sends it: in a DM with <paramref name="userId"/> (<paramref name="channelId"/> null), or
    /// in a server channel by a member with <paramref name="permissions"/>. <paramref name="options"/> are the command's
    /// options as JSON (subcommands nest).
    /// </summary>
    public FakeDiscordInteraction SlashCommand(string userId, string name, JsonArray? options = null, string? channelId = null, ulong permissions = 0, string locale = "en-US") =>
        NewInteraction(2, new JsonObject { ["id"] = NextId(), ["name"] = name, ["type"] = 1, ["options"] = options ?? [] }, userId, channelId, permissions, null, locale);

    /// <summary>The user is typing option <paramref name="option"/> of <paramref name="command"/>: an autocomplete interaction.</summary>
    public FakeDiscordInteraction Autocomplete(string userId, string command, string option, string typed, string? channelId = null) =>
        NewInteraction(4, new JsonObject
        {
            ["id"] = NextId(),
            ["name"] = command,
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = option, ["type"] = 3, ["value"] = typed, ["focused"] = true }),
        }, userId, channelId, 0, null, "en-US");

    /// <summary>The user presses the button <paramref name="customId"/> under <paramref name="message"/>.</summary>
    public FakeDiscordInteraction Press(string userId, FakeDiscordMessage message, string customId, ulong permissions = 0) =>
        NewInteraction(3, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 }, userId,
            IsDm(message.ChannelId) ? null : message.ChannelId, permissions,
            new JsonObject { ["id"] = message.Id, ["channel_id"] = message.ChannelId, ["flags"] = message.Flags }, "en-US");

    /// <summary>The user submits the modal <paramref name="customId"/> (shown for a button under <paramref name="message"/>) with <paramref name="values"/> in its inputs.</summary>
    public FakeDiscordInteraction SubmitModal(string userId, FakeDiscordMessage message, string customId, IReadOnlyDictionary<string, string> values, ulong permissions = 0) =>
        NewInteraction(5, new JsonObject
        {
            ["custom_id"] = customId,
            ["components"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = v.Key, ["value"] = v.Value }),
            })]),
        }, userId, IsDm(message.ChannelId) ? null : message.ChannelId, permissions,
            new JsonObject { ["id"] = message.Id, ["channel_id"] = message.ChannelId, ["flags"] = message.Flags }, "en-US");

    /// <summary>Discord's health check of an interactions endpoint.</summary>
    public FakeDiscordInteraction Ping() => NewInteraction(1, null, null, null, 0, null, null);

    public FakeDiscordInteraction Interaction(string id)
    {
        lock (_lock)
        {
            return _interactions[id];
        }
    }

    /// <summary>Signs <paramref name="body"/> as Discord does: Ed25519 over the timestamp (Unix seconds) and the body.</summary>
    public (string Signature, string Timestamp) Sign(string body, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? _time.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body));
        return (Convert.ToHexStringLower(signature), timestamp);
    }

    private FakeDiscordInteraction NewInteraction(int type, JsonObject? data, string? userId, string? channelId, ulong permissions, JsonObject? message, string? locale)
    {
        var id = NextId();
        var token = "itoken-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var json = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = ApplicationId,
            ["type"] = type,
            ["token"] = token,
            ["version"] = 1,
        };
        if (data is not null)
        {
            json["data"] = data;
        }

        if (locale is not null)
        {
            json["locale"] = locale;
        }

        string channel;
        if (userId is null)
        {
            channel = string.Empty;
        }
        else if (channelId is null)
        {
            channel = OpenDm(userId);
            json["channel_id"] = channel;
            json["context"] = 1;
            json["user"] = new JsonObject { ["id"] = userId, ["username"] = "user" + userId };
        }
        else
        {
            channel = channelId;
            string? guild;
            lock (_lock)
            {
                guild = _channels.GetValueOrDefault(channelId);
            }

            json["channel_id"] = channel;
            json["guild_id"] = guild;
            json["context"] = 0;
            json["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = userId, ["username"] = "user" + userId },
                ["roles"] = new JsonArray(),
                ["permissions"] = permissions.ToString(CultureInfo.InvariantCulture),
            };
        }

        if (message is not null)
        {
            json["message"] = message;
        }

        var interaction = new FakeDiscordInteraction { Id = id, Token = token, Type = type, ChannelId = channel, Json = json, CreatedAt = _time.GetUtcNow() };
        lock (_lock)
        {
            _interactions[id] = interaction;
        }

        return interaction;
    }

    private bool IsDm(string channelId)
    {
        lock (_lock)
        {
            return _dmOf.ContainsValue(channelId);
        }
    }

    private string OpenDm(string userId)
    {
        lock (_lock)
        {
            if (!_dmOf.TryGetValue(userId, out var channel))
            {
                channel = NextId();
                _dmOf[userId] = channel;
            }

            _users.TryAdd(userId, true);
            return channel;
        }
    }

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private sealed class Window
    {
        public DateTimeOffset ResetAt { get; set; }
        public int Used { get; set; }
        public DateTimeOffset RetryAfterUntil { get; set; }
    }
}
