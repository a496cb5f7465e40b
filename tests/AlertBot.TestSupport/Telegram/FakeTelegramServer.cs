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

namespace AlertBot.TestSupport.Telegram;

/// <summary>
/// A fake Telegram Bot API on a loopback Kestrel, speaking the real wire format: <c>/bot&lt;token&gt;/&lt;method&gt;</c>
/// with parameters in the query, a form or a JSON body; answers <c>{"ok":true,"result":…}</c> or
/// <c>{"ok":false,"error_code":…,"description":…,"parameters":{"retry_after"|"migrate_to_chat_id"}}</c> with the HTTP
/// status equal to the error code. It keeps chats, members and the messages the bot sent; enforces the message limits
/// with real 429s (and counts sends made during a retry_after); refuses HTML Telegram would refuse and texts over 4,096
/// visible characters; answers 409 to a second concurrent getUpdates and to getUpdates while a webhook is set; injects
/// faults on demand; records every call. Tests push updates (texts, presses, membership changes, raw JSON) that the bot
/// receives by getUpdates or, in webhook mode, through <see cref="DeliverWebhookAsync"/>.
/// </summary>
public sealed partial class FakeTelegramServer : IAsyncDisposable
{
    public const string DefaultToken = "123456:TEST-TOKEN-alertbot";
    public const int MaxTextLength = 4096;

    /// <summary>A photo's caption, in visible characters.</summary>
    public const int MaxCaptionLength = 1024;

    /// <summary>The largest photo a bot may upload.</summary>
    public const int MaxPhotoBytes = 10_000_000;
    public const int MaxCallbackDataBytes = 64;

    /// <summary>Raw updates are delivered whatever allowed_updates says: they stand for what Telegram might send unasked.</summary>
    private const string RawKind = "raw";

    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<FakeTelegramCall> _calls = new();
    private readonly Dictionary<long, FakeTelegramUser> _users = [];
    private readonly Dictionary<long, FakeTelegramChat> _chats = [];
    private readonly Dictionary<(long Chat, long User), (string Status, bool CanPost)> _members = [];
    private readonly HashSet<long> _blocked = [];
    private readonly HashSet<long> _kicked = [];
    private readonly Dictionary<long, long> _migrated = [];
    private readonly List<FakeTelegramMessage> _messages = [];
    private readonly Dictionary<long, int> _nextMessageId = [];
    private readonly List<(long Id, string Kind, JsonObject Json)> _updates = [];
    private readonly Dictionary<string, FakeTelegramPressAnswer> _presses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _pressUpdates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonArray> _commands = new(StringComparer.Ordinal);
    private readonly List<FakeTelegramFault> _faults = [];
    private readonly Dictionary<FakeTelegramFaultKind, int> _randomFaultCounts = [];
    private FakeTelegramRandomFaults? _randomFaults;

    /// <summary>Whether any fault is armed (set under the lock): lets the common call skip the lock at 1,000 calls a second.</summary>
    private volatile bool _faultsArmed;
    private Random? _random;
    private long _randomCalls;
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Queue<DateTimeOffset> _paidSent = new();
    private readonly Dictionary<long, Queue<DateTimeOffset>> _chatSent = [];
    private HashSet<string>? _allowedUpdates;
    private long _nextUpdateId = 100_000;
    private long _confirmedBelow;
    private int _nextPressId = 1;
    private DateTimeOffset _retryAfterUntil = DateTimeOffset.MinValue;
    private CancellationTokenSource? _activePoll;
    private TaskCompletionSource _updatesArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pollsInFlight;

    private FakeTelegramServer(WebApplication app, string token, TimeProvider time)
    {
        _app = app;
        Token = token;
        _time = time;
        BotId = long.Parse(token[..token.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }

    public string Token { get; }

    public long BotId { get; }

    public string BotUsername { get; init; } = "alertbot_test_bot";

    /// <summary><c>http://127.0.0.1:port</c>: what <c>Telegram:ApiBaseUrl</c> is set to.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The limits enforced with 429s; change them at any time.</summary>
    public FakeTelegramLimits Limits { get; set; } = new();

    /// <summary>The webhook set by setWebhook (null when none), its secret and allowed updates.</summary>
    public string? WebhookUrl { get; private set; }

    public string? WebhookSecret { get; private set; }

    /// <summary>Every update below this id has been confirmed by a getUpdates offset (the poller handled it and moved on).</summary>
    public long ConfirmedBelow
    {
        get
        {
            lock (_lock)
            {
                return _confirmedBelow;
            }
        }
    }

    /// <summary>429 answers given.</summary>
    public int TooManyRequests { get; private set; }

    /// <summary>Messages the bot tried to send while a retry_after it was given had not yet passed.</summary>
    public int SentDuringRetryAfter { get; private set; }

    /// <summary>409 answers to getUpdates (a second poller, or polling while a webhook is set).</summary>
    public int Conflicts { get; private set; }

    /// <summary>The most getUpdates requests that were in flight at once.</summary>
    public int MaxConcurrentPolls { get; private set; }

    public IReadOnlyList<FakeTelegramCall> Calls => [.. _calls];

    public IReadOnlyList<FakeTelegramCall> CallsTo(string method) => [.. _calls.Where(c => c.Method == method)];

    public static async Task<FakeTelegramServer> StartAsync(string token = DefaultToken, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeTelegramServer(app, token, time ?? TimeProvider.System);
        app.Run(server.DispatchAsync);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(bound.TrimEnd('/'));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _activePoll?.Cancel();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ---- The world: users, chats, members ----

    /// <summary>A user who has a private chat with the bot (they pressed Start).</summary>
    public FakeTelegramUser AddUser(long id, string? languageCode = "en", string firstName = "User")
    {
        var user = new FakeTelegramUser(id, firstName, languageCode, "user" + id.ToString(CultureInfo.InvariantCulture));
        lock (_lock)
        {
            _users[id] = user;
            _chats[id] = new FakeTelegramChat(id, "private", null);
        }

        return user;
    }

    /// <summary>A group, supergroup (forum or not) or channel, with the bot in it as <paramref name="botStatus"/>.</summary>
    public FakeTelegramChat AddChat(long id, string type, string title, bool isForum = false, string botStatus = "member", bool botCanPost = true, string? username = null)
    {
        var chat = new FakeTelegramChat(id, type, title, isForum, username);
        lock (_lock)
        {
            _chats[id] = chat;
            _members[(id, BotId)] = (botStatus, botCanPost);
        }

        return chat;
    }

    /// <summary>Sets a user's status in a chat: <c>creator</c>, <c>administrator</c>, <c>member</c>, <c>restricted</c>, <c>left</c>, <c>kicked</c>.</summary>
    public void SetMember(long chatId, long userId, string status, bool canPost = true)
    {
        lock (_lock)
        {
            _members[(chatId, userId)] = (status, canPost);
        }
    }

    /// <summary>The user blocked the bot: sends to them get 403 from now on; with <paramref name="notify"/> the bot is told (my_chat_member).</summary>
    public void Block(long userId, bool notify = false)
    {
        lock (_lock)
        {
            _blocked.Add(userId);
        }

        if (notify)
        {
            PushMyChatMember(userId, userId, "member", "kicked");
        }
    }

    /// <summary>The group became a supergroup at <paramref name="newChatId"/>: sends to the old id get 400 with migrate_to_chat_id.</summary>
    public void Migrate(long oldChatId, long newChatId, bool notify = false)
    {
        lock (_lock)
        {
            var old = _chats[oldChatId];
            _chats[newChatId] = old with { Id = newChatId, Type = "supergroup" };
            foreach (var ((chat, user), status) in _members.Where(m => m.Key.Chat == oldChatId).ToList())
            {
                _members[(newChatId, user)] = status;
            }

            _migrated[oldChatId] = newChatId;
        }

        if (notify)
        {
            Push("message", id => new JsonObject
            {
                ["message_id"] = 1,
                ["date"] = Now(),
                ["chat"] = ChatJson(oldChatId),
                ["migrate_to_chat_id"] = newChatId,
            });
        }
    }

    // ---- Updates the bot receives ----

    /// <summary>A user writes <paramref name="text"/> in <paramref name="chatId"/> (their private chat by default); returns the update id.</summary>
    public long PushText(long userId, string text, long? chatId = null, int? threadId = null)
    {
        var chat = chatId ?? userId;
        return Push("message", _ =>
        {
            var message = new JsonObject
            {
                ["message_id"] = NextMessageId(chat),
                ["from"] = UserJson(userId),
                ["date"] = Now(),
                ["chat"] = ChatJson(chat),
                ["text"] = text,
            };
            if (text.StartsWith('/'))
            {
                var end = text.IndexOfAny([' ', '\n']);
                message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = end < 0 ? text.Length : end });
            }

            if (threadId is { } thread)
            {
                message["message_thread_id"] = thread;
                message["is_topic_message"] = true;
            }

            return message;
        });
    }

    /// <summary>A user replies to the bot's message <paramref name="replyToMessageId"/> in <paramref name="chatId"/> with <paramref name="text"/>.</summary>
    public long PushReply(long userId, long chatId, int replyToMessageId, string text)
    {
        JsonObject replied;
        lock (_lock)
        {
            replied = MessageJson(_messages.Single(m => m.ChatId == chatId && m.MessageId == replyToMessageId));
        }

        return Push("message", _ => new JsonObject
        {
            ["message_id"] = NextMessageId(chatId),
            ["from"] = UserJson(userId),
            ["date"] = Now(),
            ["chat"] = ChatJson(chatId),
            ["text"] = text,
            ["reply_to_message"] = replied,
        });
    }

    /// <summary>A user forwards post <paramref name="postId"/> of channel <paramref name="channelId"/> to the bot's private chat.</summary>
    public long PushForward(long userId, long channelId, int postId, string text) =>
        Push("message", _ => new JsonObject
        {
            ["message_id"] = NextMessageId(userId),
            ["from"] = UserJson(userId),
            ["date"] = Now(),
            ["chat"] = ChatJson(userId),
            ["forward_origin"] = new JsonObject { ["type"] = "channel", ["chat"] = ChatJson(channelId), ["message_id"] = postId, ["date"] = Now() - 60 },
            ["text"] = text,
        });

    /// <summary>A post in a channel (no <c>from</c>, <c>sender_chat</c> = the channel).</summary>
    public long PushChannelPost(long channelId, string text) =>
        Push("channel_post", _ => new JsonObject
        {
            ["message_id"] = NextMessageId(channelId),
            ["sender_chat"] = ChatJson(channelId),
            ["date"] = Now(),
            ["chat"] = ChatJson(channelId),
            ["text"] = text,
        });

    /// <summary>The user presses a button with <paramref name="data"/> under the bot's message; returns the callback query id.</summary>
    public string PushPress(long userId, long chatId, int messageId, string data)
    {
        string pressId;
        JsonObject message;
        lock (_lock)
        {
            pressId = "cb" + (_nextPressId++).ToString(CultureInfo.InvariantCulture);
            _presses[pressId] = new FakeTelegramPressAnswer(false, null);
            var sent = _messages.SingleOrDefault(m => m.ChatId == chatId && m.MessageId == messageId)
                ?? throw new InvalidOperationException($"the bot sent no message {messageId} to chat {chatId}");
            message = MessageJson(sent);
        }

        var updateId = Push("callback_query", _ => new JsonObject
        {
            ["id"] = pressId,
            ["from"] = UserJson(userId),
            ["message"] = message,
            ["chat_instance"] = "ci" + chatId.ToString(CultureInfo.InvariantCulture),
            ["data"] = data,
        });
        lock (_lock)
        {
            _pressUpdates[pressId] = updateId;
        }

        return pressId;
    }

    /// <summary>Presses the button labelled <paramref name="label"/> (or with that data) under the bot's message.</summary>
    public string PushPressOn(long userId, FakeTelegramMessage message, string labelOrData)
    {
        var button = message.AllButtons.FirstOrDefault(b => b.CallbackData == labelOrData) ?? message.AllButtons.FirstOrDefault(b => b.Text == labelOrData)
            ?? throw new InvalidOperationException($"message {message.MessageId} has no button '{labelOrData}'");
        return PushPress(userId, message.ChatId, message.MessageId, button.CallbackData!);
    }

    /// <summary>The bot's own status in <paramref name="chatId"/> changed (added, promoted, removed, blocked), by <paramref name="byUserId"/>.</summary>
    public long PushMyChatMember(long chatId, long byUserId, string oldStatus, string newStatus, bool canPost = true)
    {
        lock (_lock)
        {
            _members[(chatId, BotId)] = (newStatus, canPost);
            if (_chats.TryGetValue(chatId, out var chat) && chat.Type == "private")
            {
                if (newStatus == "kicked")
                {
                    _blocked.Add(chatId);
                }
                else
                {
                    _blocked.Remove(chatId);
                }
            }
        }

        return Push("my_chat_member", _ => new JsonObject
        {
            ["chat"] = ChatJson(chatId),
            ["from"] = UserJson(byUserId),
            ["date"] = Now(),
            ["old_chat_member"] = MemberJson(BotId, oldStatus, canPost, isBot: true),
            ["new_chat_member"] = MemberJson(BotId, newStatus, canPost, isBot: true),
        });
    }

    /// <summary>Any update, as raw JSON text made from its id (malformed, unknown kinds, huge ones).</summary>
    public long PushRaw(Func<long, string> json)
    {
        lock (_lock)
        {
            var id = _nextUpdateId++;
            var node = JsonNode.Parse(json(id)) as JsonObject ?? throw new ArgumentException("an update is a JSON object");
            _updates.Add((id, RawKind, node));
            Signal();
            return id;
        }
    }

    /// <summary>Updates not yet confirmed by an offset (polling) or delivered (webhook).</summary>
    public int PendingUpdates
    {
        get
        {
            lock (_lock)
            {
                return _updates.Count;
            }
        }
    }

    /// <summary>
    /// Webhook delivery: POSTs each pending update to the webhook's path through <paramref name="client"/> (the bot's
    /// host), with the secret header as setWebhook asked (or <paramref name="secret"/> when given; "" sends none).
    /// Updates answered 2xx are delivered; returns the status of each attempt.
    /// </summary>
    public async Task<IReadOnlyList<HttpStatusCode>> DeliverWebhookAsync(HttpClient client, string? secret = null, CancellationToken ct = default)
    {
        string path;
        List<(long Id, string Kind, JsonObject Json)> pending;
        lock (_lock)
        {
            path = new Uri(WebhookUrl ?? throw new InvalidOperationException("no webhook is set")).PathAndQuery;
            pending = [.. _updates];
        }

        var statuses = new List<HttpStatusCode>();
        foreach (var update in pending)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
            {
                Content = new StringContent(update.Json.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            var header = secret ?? WebhookSecret;
            if (!string.IsNullOrEmpty(header))
            {
                request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", header);
            }

            using var response = await client.SendAsync(request, ct);
            statuses.Add(response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                lock (_lock)
                {
                    _updates.RemoveAll(u => u.Id == update.Id);
                }
            }
        }

        return statuses;
    }

    // ---- What the bot did ----

    /// <summary>The messages the bot sent to <paramref name="chatId"/> and has not deleted, oldest first.</summary>
    public IReadOnlyList<FakeTelegramMessage> MessagesTo(long chatId)
    {
        lock (_lock)
        {
            return [.. _messages.Where(m => m.ChatId == chatId && !m.Deleted)];
        }
    }

    public IReadOnlyList<FakeTelegramMessage> AllMessages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>How the bot answered a press (answerCallbackQuery).</summary>
    public FakeTelegramPressAnswer PressAnswer(string pressId)
    {
        lock (_lock)
        {
            return _presses[pressId];
        }
    }

    /// <summary>The update that carried a press.</summary>
    public long UpdateOfPress(string pressId)
    {
        lock (_lock)
        {
            return _pressUpdates[pressId];
        }
    }

    /// <summary>The command menu set for <paramref name="languageCode"/> ("" for the default).</summary>
    public IReadOnlyList<(string Command, string Description)> CommandsFor(string languageCode)
    {
        lock (_lock)
        {
            return _commands.TryGetValue(languageCode, out var list)
                ? [.. list.OfType<JsonObject>().Select(c => ((string)c["command"]!, (string)c["description"]!))]
                : [];
        }
    }

    /// <summary>Faults on a share of calls from now on (null: none); see <see cref="FakeTelegramRandomFaults"/>.</summary>
    public FakeTelegramRandomFaults? RandomFaults
    {
        get
        {
            lock (_lock)
            {
                return _randomFaults;
            }
        }

        set
        {
            lock (_lock)
            {
                _randomFaults = value;
                _random = value is null ? null : new Random(value.Seed);
                _randomCalls = 0;
                _faultsArmed = _faults.Count > 0 || _randomFaults is not null;
            }
        }
    }

    /// <summary>How many faults <see cref="RandomFaults"/> gave, by kind.</summary>
    public IReadOnlyDictionary<FakeTelegramFaultKind, int> RandomFaultCounts
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<FakeTelegramFaultKind, int>(_randomFaultCounts);
            }
        }
    }

    /// <summary>Injects a fault (see <see cref="FakeTelegramFault"/>).</summary>
    public void Inject(FakeTelegramFault fault)
    {
        lock (_lock)
        {
            _faults.Add(fault);
            _faultsArmed = true;
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private long Push(string kind, Func<long, JsonObject> body)
    {
        lock (_lock)
        {
            var id = _nextUpdateId++;
            _updates.Add((id, kind, new JsonObject { ["update_id"] = id, [kind] = body(id) }));
            Signal();
            return id;
        }
    }

    private void Signal()
    {
        _updatesArrived.TrySetResult();
        _updatesArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private int NextMessageId(long chatId)
    {
        lock (_lock)
        {
            var next = _nextMessageId.GetValueOrDefault(chatId, 1);
            _nextMessageId[chatId] = next + 1;
            return next;
        }
    }

    private JsonObject UserJson(long id)
    {
        lock (_lock)
        {
            var user = _users.GetValueOrDefault(id) ?? new FakeTelegramUser(id, "User", null);
            var json = new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = user.FirstName };
            if (user.Username is { } username)
            {
                json["username"] = username;
            }

            if (user.LanguageCode is { } language)
            {
                json["language_code"] = language;
            }

            return json;
        }
    }

    private JsonObject ChatJson(long id)
    {
        lock (_lock)
        {
            var chat = _chats.GetValueOrDefault(id) ?? new FakeTelegramChat(id, id > 0 ? "private" : "group", id > 0 ? null : "Group");
            var json = new JsonObject { ["id"] = id, ["type"] = chat.Type };
            if (chat.Title is { } title)
            {
                json["title"] = title;
            }

            if (chat.Username is { } username)
            {
                json["username"] = username;
            }

            if (chat.Type == "private")
            {
                json["first_name"] = _users.GetValueOrDefault(id)?.FirstName ?? "User";
            }

            if (chat.IsForum)
            {
                json["is_forum"] = true;
            }

            return json;
        }
    }

    private JsonObject MemberJson(long userId, string status, bool canPost, bool isBot = false)
    {
        var user = isBot
            ? new JsonObject { ["id"] = userId, ["is_bot"] = true, ["first_name"] = "AlertBot", ["username"] = BotUsername }
            : UserJson(userId);
        var json = new JsonObject { ["status"] = status, ["user"] = user };
        switch (status)
        {
            case "creator":
                json["is_anonymous"] = false;
                break;
            case "administrator":
                foreach (var right in new[] { "can_manage_chat", "can_delete_messages", "can_restrict_members", "can_change_info", "can_invite_users", "can_pin_messages", "can_edit_messages" })
                {
                    json[right] = true;
                }

                json["can_be_edited"] = false;
                json["is_anonymous"] = false;
                json["can_promote_members"] = false;
                json["can_manage_video_chats"] = false;
                json["can_post_stories"] = false;
                json["can_edit_stories"] = false;
                json["can_delete_stories"] = false;
                json["can_post_messages"] = canPost;
                break;
            case "restricted":
                json["is_member"] = true;
                json["until_date"] = 0;
                foreach (var right in new[] { "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls", "can_send_other_messages", "can_add_web_page_previews", "can_change_info", "can_invite_users", "can_pin_messages", "can_manage_topics" })
                {
                    json[right] = false;
                }

                json["can_send_messages"] = canPost;
                break;
            case "kicked":
                json["until_date"] = 0;
                break;
        }

        return json;
    }

    private JsonObject MessageJson(FakeTelegramMessage message)
    {
        var json = new JsonObject
        {
            ["message_id"] = message.MessageId,
            ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "AlertBot", ["username"] = BotUsername },
            ["date"] = message.SentAt.ToUnixTimeSeconds(),
            ["chat"] = ChatJson(message.ChatId),
        };
        if (message.Photo is { } photo)
        {
            json["photo"] = new JsonArray(new JsonObject
            {
                ["file_id"] = $"photo-{message.ChatId}-{message.MessageId}",
                ["file_unique_id"] = $"p{message.ChatId}x{message.MessageId}",
                ["width"] = photo.Width,
                ["height"] = photo.Height,
                ["file_size"] = photo.Png.Length,
            });
            if (message.Text.Length > 0)
            {
                json["caption"] = message.Text;
            }
        }
        else
        {
            json["text"] = message.Text;
        }

        if (message.ThreadId is { } thread)
        {
            json["message_thread_id"] = thread;
            json["is_topic_message"] = true;
        }

        if (message.EditedAt is { } edited)
        {
            json["edit_date"] = edited.ToUnixTimeSeconds();
        }

        if (message.Buttons.Count > 0)
        {
            json["reply_markup"] = new JsonObject
            {
                ["inline_keyboard"] = new JsonArray([.. message.Buttons.Select(row => (JsonNode)new JsonArray([.. row.Select(b =>
                    (JsonNode)(b.Url is { } url ? new JsonObject { ["text"] = b.Text, ["url"] = url } : new JsonObject { ["text"] = b.Text, ["callback_data"] = b.CallbackData }))]))]),
            };
        }

        return json;
    }
}
