using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AlertBot.TestSupport.Telegram;

/// <summary>The Bot API methods of the fake.</summary>
public sealed partial class FakeTelegramServer
{
    private const string NotModified =
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

    private async Task DispatchAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments.Length != 2 || !segments[0].StartsWith("bot", StringComparison.Ordinal))
        {
            await WriteAsync(context, Error(404, "Not Found"));
            return;
        }

        var method = segments[1];
        JsonObject parameters;
        try
        {
            parameters = await ReadParametersAsync(context.Request);
        }
        catch (JsonException)
        {
            await WriteAsync(context, Error(400, "Bad Request: can't parse JSON object"));
            return;
        }

        if (segments[0] != "bot" + Token)
        {
            Record(method, parameters, 401, "Unauthorized");
            await WriteAsync(context, Error(401, "Unauthorized"));
            return;
        }

        var fault = TakeFault(method, parameters);
        if (fault is { Kind: FakeTelegramFaultKind.Reset })
        {
            Record(method, parameters, 0, "connection reset");
            context.Abort();
            return;
        }

        if (fault is { Kind: FakeTelegramFaultKind.Slow })
        {
            await Task.Delay(fault.Delay, _time, context.RequestAborted);
        }

        Answer answer = fault?.Kind switch
        {
            FakeTelegramFaultKind.ServerError => Error(502, "Bad Gateway"),
            FakeTelegramFaultKind.HtmlError => new Answer(502, null, null, Html: "<html><body><h1>502 Bad Gateway</h1></body></html>"),
            FakeTelegramFaultKind.TooManyRequests => RateLimited(TimeSpan.FromSeconds(fault.RetryAfterSeconds)),
            _ => method.ToLowerInvariant() switch
            {
                "getme" => Ok(new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "AlertBot", ["username"] = BotUsername, ["can_join_groups"] = true }),
                "getupdates" => await GetUpdatesAsync(parameters, context.RequestAborted),
                "sendmessage" => SendMessage(parameters),
                "sendphoto" => SendPhoto(parameters),
                "editmessagetext" => EditMessageText(parameters),
                "deletemessage" => DeleteMessage(parameters),
                "answercallbackquery" => AnswerCallbackQuery(parameters),
                "getchat" => GetChat(parameters),
                "getchatmember" => GetChatMember(parameters),
                "getchatadministrators" => GetChatAdministrators(parameters),
                "setmycommands" => SetMyCommands(parameters),
                "setwebhook" => SetWebhook(parameters),
                "deletewebhook" => DeleteWebhook(),
                _ => Error(404, "Not Found: method not found"),
            },
        };
        Record(method, parameters, answer.Status, answer.Description);
        await WriteAsync(context, answer);
    }

    private sealed record Answer(int Status, JsonNode? Result, string? Description, JsonObject? Parameters = null, string? Html = null);

    private static Answer Ok(JsonNode result) => new(200, result, null);

    private static Answer Error(int code, string description, JsonObject? parameters = null) => new(code, null, description, parameters);

    private static async Task WriteAsync(HttpContext context, Answer answer)
    {
        context.Response.StatusCode = answer.Status;
        if (answer.Html is { } html)
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(html);
            return;
        }

        var body = answer.Status == 200
            ? new JsonObject { ["ok"] = true, ["result"] = answer.Result }
            : new JsonObject { ["ok"] = false, ["error_code"] = answer.Status, ["description"] = answer.Description };
        if (answer.Parameters is { } parameters)
        {
            body["parameters"] = parameters;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private void Record(string method, JsonObject parameters, int status, string? description) =>
        _calls.Enqueue(new FakeTelegramCall(method, parameters, status, description, _time.GetUtcNow()));

    /// <summary>Query string, then a form or a JSON body, merged; form values stay strings (JSON inside them is read when used).</summary>
    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                parameters[key] = value.ToString();
            }

            // Uploaded files (multipart/form-data), kept whole so the method can read them as Telegram would: a file
            // part named as the parameter, or one named freely and referred to as "attach://<name>" (as Telegram.Bot does).
            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content);
                var upload = new JsonObject { ["file_name"] = file.FileName, ["content_type"] = file.ContentType, ["base64"] = Convert.ToBase64String(content.ToArray()) };
                var referring = parameters.Where(kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var text) && text == "attach://" + file.Name).Select(kv => kv.Key).ToList();
                foreach (var key in referring)
                {
                    parameters[key] = upload.DeepClone();
                }

                if (referring.Count == 0)
                {
                    parameters[file.Name] = upload;
                }
            }
        }
        else if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            if (text.Length > 0 && JsonNode.Parse(text) is JsonObject json)
            {
                foreach (var (key, value) in json.ToList())
                {
                    json.Remove(key);
                    parameters[key] = value;
                }
            }
        }

        return parameters;
    }

    private FakeTelegramFault? TakeFault(string method, JsonObject parameters)
    {
        if (!_faultsArmed)
        {
            return null;
        }

        lock (_lock)
        {
            var chatId = Long(parameters, "chat_id");
            var fault = _faults.FirstOrDefault(f =>
                (f.Method is null ? !method.Equals("getUpdates", StringComparison.OrdinalIgnoreCase) : f.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
                && (f.ChatId is null || f.ChatId == chatId));
            if (fault is null)
            {
                return RandomFault(method);
            }

            _faults.Remove(fault);
            if (fault.Count > 1)
            {
                _faults.Add(fault with { Count = fault.Count - 1 });
            }

            _faultsArmed = _faults.Count > 0 || _randomFaults is not null;

            return fault;
        }
    }

    /// <summary>The next call's fault under <see cref="RandomFaults"/>, if it draws one (called under the lock).</summary>
    private FakeTelegramFault? RandomFault(string method)
    {
        if (_randomFaults is not { } faults || _random is null || !faults.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        _randomCalls++;
        FakeTelegramFaultKind? kind = faults.StormEvery is { } every && _randomCalls % every == 0 ? FakeTelegramFaultKind.TooManyRequests
            : _random.NextDouble() < faults.Rate ? (_random.Next(2) == 0 ? FakeTelegramFaultKind.ServerError : FakeTelegramFaultKind.Reset)
            : null;
        if (kind is not { } k)
        {
            return null;
        }

        _randomFaultCounts[k] = _randomFaultCounts.GetValueOrDefault(k) + 1;
        return new FakeTelegramFault(k, method) { RetryAfterSeconds = faults.RetryAfterSeconds };
    }

    // ---- getUpdates ----

    private async Task<Answer> GetUpdatesAsync(JsonObject parameters, CancellationToken aborted)
    {
        CancellationTokenSource mine;
        long offset;
        int limit;
        TimeSpan timeout;
        lock (_lock)
        {
            if (WebhookUrl is not null)
            {
                Conflicts++;
                return Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            }

            // A newer getUpdates ends the one in flight, as Telegram does with two pollers of one token.
            if (_activePoll is { } previous)
            {
                previous.Cancel();
            }

            mine = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            _activePoll = mine;
            MaxConcurrentPolls = Math.Max(MaxConcurrentPolls, ++_pollsInFlight);
            offset = Long(parameters, "offset") ?? 0;
            limit = (int)Math.Clamp(Long(parameters, "limit") ?? 100, 1, 100);
            timeout = TimeSpan.FromSeconds(Math.Clamp(Long(parameters, "timeout") ?? 0, 0, 50));
            if (Node(parameters, "allowed_updates") is JsonArray allowed)
            {
                _allowedUpdates = allowed.Count == 0 ? null : [.. allowed.Select(a => (string)a!)];
            }

            if (offset > 0)
            {
                _confirmedBelow = Math.Max(_confirmedBelow, offset);
                _updates.RemoveAll(u => u.Id < offset);
            }
        }

        try
        {
            var deadline = _time.GetUtcNow() + timeout;
            while (true)
            {
                Task arrived;
                lock (_lock)
                {
                    // Kinds the bot did not ask for are never delivered (Telegram does not keep them for it).
                    _updates.RemoveAll(u => _allowedUpdates is { } kinds && !kinds.Contains(u.Kind) && u.Kind != RawKind);
                    var ready = _updates.Where(u => u.Id >= offset).Take(limit).Select(u => (JsonNode)u.Json.DeepClone()).ToList();
                    if (ready.Count > 0)
                    {
                        return Ok(new JsonArray([.. ready]));
                    }

                    arrived = _updatesArrived.Task;
                }

                var left = deadline - _time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    return Ok(new JsonArray());
                }

                await Task.WhenAny(arrived, Task.Delay(left, _time, mine.Token));
                if (mine.IsCancellationRequested)
                {
                    if (aborted.IsCancellationRequested)
                    {
                        return Ok(new JsonArray());
                    }

                    lock (_lock)
                    {
                        Conflicts++;
                    }

                    return Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _pollsInFlight--;
                if (_activePoll == mine)
                {
                    _activePoll = null;
                }
            }

            mine.Dispose();
        }
    }

    // ---- Messages ----

    private Answer SendMessage(JsonObject p)
    {
        lock (_lock)
        {
            if (ChatFor(p, out var chat) is { } refused)
            {
                return refused;
            }

            var paid = Bool(p, "allow_paid_broadcast");
            if (CheckLimits(chat.Id, chat.Type, paid) is { } limited)
            {
                return limited;
            }

            if (ReadText(p, out var raw, out var plain, out var parseMode) is { } badText)
            {
                return badText;
            }

            if (ReadButtons(p, out var buttons) is { } badButtons)
            {
                return badButtons;
            }

            var thread = (int?)Long(p, "message_thread_id");
            if (thread is not null && !chat.IsForum)
            {
                return Error(400, "Bad Request: message thread not found");
            }

            var message = new FakeTelegramMessage
            {
                ChatId = chat.Id,
                MessageId = NextMessageId(chat.Id),
                Raw = raw,
                Text = plain,
                ParseMode = parseMode,
                Buttons = buttons,
                ThreadId = thread,
                Silent = Bool(p, "disable_notification"),
                PaidBroadcast = paid,
                LinkPreviewDisabled = LinkPreviewDisabled(p),
                ReplyToMessageId = (int?)Long(Node(p, "reply_parameters") as JsonObject, "message_id") ?? (int?)Long(p, "reply_to_message_id"),
                SentAt = _time.GetUtcNow(),
            };
            _messages.Add(message);
            return Ok(MessageJson(message));
        }
    }

    /// <summary>
    /// sendPhoto with an uploaded file: a PNG (the only format this bot sends) within Telegram's photo limits (10 MB,
    /// width + height ≤ 10,000, sides at most 20 : 1), a caption of at most 1,024 visible characters.
    /// </summary>
    private Answer SendPhoto(JsonObject p)
    {
        lock (_lock)
        {
            if (ChatFor(p, out var chat) is { } refused)
            {
                return refused;
            }

            var paid = Bool(p, "allow_paid_broadcast");
            if (CheckLimits(chat.Id, chat.Type, paid) is { } limited)
            {
                return limited;
            }

            if (Node(p, "photo") is not JsonObject upload || (string?)upload["base64"] is not { } base64)
            {
                return Node(p, "photo") is null
                    ? Error(400, "Bad Request: there is no photo in the request")
                    : Error(400, "Bad Request: wrong file identifier/HTTP URL specified");
            }

            var png = Convert.FromBase64String(base64);
            if (png.Length > MaxPhotoBytes)
            {
                return Error(400, "Bad Request: file is too big");
            }

            if (!PngSize(png, out var width, out var height))
            {
                return Error(400, "Bad Request: IMAGE_PROCESS_FAILED");
            }

            if (width + height > 10_000 || Math.Max(width, height) > 20 * Math.Min(width, height))
            {
                return Error(400, "Bad Request: PHOTO_INVALID_DIMENSIONS");
            }

            var raw = Str(p, "caption") ?? string.Empty;
            var parseMode = Str(p, "parse_mode");
            var plain = raw;
            if (string.Equals(parseMode, "html", StringComparison.OrdinalIgnoreCase))
            {
                if (FakeTelegramHtml.ToPlain(raw, out var error) is not { } parsed)
                {
                    return Error(400, "Bad Request: can't parse entities: " + error);
                }

                plain = parsed;
            }

            if (plain.Length > MaxCaptionLength)
            {
                return Error(400, "Bad Request: message caption is too long");
            }

            if (ReadButtons(p, out var buttons) is { } badButtons)
            {
                return badButtons;
            }

            var thread = (int?)Long(p, "message_thread_id");
            if (thread is not null && !chat.IsForum)
            {
                return Error(400, "Bad Request: message thread not found");
            }

            var message = new FakeTelegramMessage
            {
                ChatId = chat.Id,
                MessageId = NextMessageId(chat.Id),
                Raw = raw,
                Text = plain,
                ParseMode = parseMode,
                Buttons = buttons,
                ThreadId = thread,
                Silent = Bool(p, "disable_notification"),
                PaidBroadcast = paid,
                ReplyToMessageId = (int?)Long(Node(p, "reply_parameters") as JsonObject, "message_id") ?? (int?)Long(p, "reply_to_message_id"),
                SentAt = _time.GetUtcNow(),
                Photo = new FakeTelegramPhoto(png, (string?)upload["file_name"] ?? "photo", width, height),
            };
            _messages.Add(message);
            return Ok(MessageJson(message));
        }
    }

    /// <summary>The width and height from a PNG's IHDR chunk; false when the bytes are not a PNG.</summary>
    private static bool PngSize(byte[] png, out int width, out int height)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        width = height = 0;
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature) || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            return false;
        }

        width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        return width > 0 && height > 0;
    }

    private Answer EditMessageText(JsonObject p)
    {
        lock (_lock)
        {
            if (ChatFor(p, out var chat) is { } refused)
            {
                return refused;
            }

            var id = Long(p, "message_id");
            var message = _messages.FirstOrDefault(m => m.ChatId == chat.Id && m.MessageId == id && !m.Deleted);
            if (message is null)
            {
                return Error(400, "Bad Request: message to edit not found");
            }

            if (CheckLimits(chat.Id, chat.Type, paid: false) is { } limited)
            {
                return limited;
            }

            if (ReadText(p, out var raw, out var plain, out var parseMode) is { } badText)
            {
                return badText;
            }

            if (ReadButtons(p, out var buttons) is { } badButtons)
            {
                return badButtons;
            }

            if (message.Photo is not null)
            {
                return Error(400, "Bad Request: there is no text in the message to edit");
            }

            if (plain == message.Text && raw == message.Raw && SameButtons(buttons, message.Buttons))
            {
                return Error(400, NotModified);
            }

            message.Raw = raw;
            message.Text = plain;
            message.ParseMode = parseMode;
            message.Buttons = buttons;
            message.LinkPreviewDisabled = LinkPreviewDisabled(p);
            message.EditedAt = _time.GetUtcNow();
            message.Edits++;
            return Ok(MessageJson(message));
        }
    }

    private Answer DeleteMessage(JsonObject p)
    {
        lock (_lock)
        {
            if (ChatFor(p, out var chat) is { } refused)
            {
                return refused;
            }

            var id = Long(p, "message_id");
            var message = _messages.FirstOrDefault(m => m.ChatId == chat.Id && m.MessageId == id && !m.Deleted);
            if (message is null)
            {
                return Error(400, "Bad Request: message to delete not found");
            }

            if (message.SentAt < _time.GetUtcNow() - TimeSpan.FromHours(48))
            {
                return Error(400, "Bad Request: message can't be deleted for everyone");
            }

            message.Deleted = true;
            return Ok(true);
        }
    }

    private Answer AnswerCallbackQuery(JsonObject p)
    {
        lock (_lock)
        {
            var id = Str(p, "callback_query_id");
            if (id is null || !_presses.TryGetValue(id, out var press) || press.Answered)
            {
                return Error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
            }

            _presses[id] = new FakeTelegramPressAnswer(true, Str(p, "text"));
            return Ok(true);
        }
    }

    // ---- Members, commands, webhook ----

    private Answer GetChatMember(JsonObject p)
    {
        lock (_lock)
        {
            if (ChatFor(p, out var chat, forSending: false) is { } refused)
            {
                return refused;
            }

            if (Long(p, "user_id") is not { } user)
            {
                return Error(400, "Bad Request: user_id is required");
            }

            var (status, canPost) = _members.GetValueOrDefault((chat.Id, user), ("left", false));
            return Ok(MemberJson(user, status, canPost, isBot: user == BotId));
        }
    }

    private Answer GetChat(JsonObject p)
    {
        lock (_lock)
        {
            if (ChatFor(p, out var chat, forSending: false) is { } refused)
            {
                return refused;
            }

            var info = ChatJson(chat.Id);
            info["accent_color_id"] = 0;
            info["max_reaction_count"] = 11;
            info["accepted_gift_types"] = new JsonObject { ["unlimited_gifts"] = false, ["limited_gifts"] = false, ["unique_gifts"] = false, ["premium_subscription"] = false };
            return Ok(info);
        }
    }

    private Answer GetChatAdministrators(JsonObject p)
    {
        lock (_lock)
        {
            if (ChatFor(p, out var chat, forSending: false) is { } refused)
            {
                return refused;
            }

            var admins = _members.Where(m => m.Key.Chat == chat.Id && m.Value.Status is "creator" or "administrator" && m.Key.User != BotId)
                .Select(m => (JsonNode)MemberJson(m.Key.User, m.Value.Status, m.Value.CanPost));
            return Ok(new JsonArray([.. admins]));
        }
    }

    private Answer SetMyCommands(JsonObject p)
    {
        if (Node(p, "commands") is not JsonArray commands || commands.Count > 100)
        {
            return Error(400, "Bad Request: commands must be a list of at most 100 commands");
        }

        foreach (var command in commands)
        {
            var name = (string?)command?["command"];
            var description = (string?)command?["description"];
            if (name is null || name.Length is < 1 or > 32 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return Error(400, "Bad Request: BOT_COMMAND_INVALID");
            }

            if (description is null || description.Length is < 1 or > 256)
            {
                return Error(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID");
            }
        }

        lock (_lock)
        {
            _commands[Str(p, "language_code") ?? string.Empty] = (JsonArray)commands.DeepClone();
        }

        return Ok(true);
    }

    private Answer SetWebhook(JsonObject p)
    {
        var url = Str(p, "url");
        var secret = Str(p, "secret_token");
        if (secret is not null && (secret.Length is < 1 or > 256 || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            return Error(400, "Bad Request: secret token contains unallowed characters");
        }

        lock (_lock)
        {
            if (string.IsNullOrEmpty(url))
            {
                WebhookUrl = null;
                WebhookSecret = null;
                return Ok(true);
            }

            if (!url.StartsWith("https://", StringComparison.Ordinal))
            {
                return Error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
            }

            WebhookUrl = url;
            WebhookSecret = secret;
            if (Node(p, "allowed_updates") is JsonArray allowed)
            {
                _allowedUpdates = allowed.Count == 0 ? null : [.. allowed.Select(a => (string)a!)];
            }

            _activePoll?.Cancel();
            return Ok(true);
        }
    }

    private Answer DeleteWebhook()
    {
        lock (_lock)
        {
            WebhookUrl = null;
            WebhookSecret = null;
            return Ok(true);
        }
    }

    // ---- Checks ----

    /// <summary>The chat a call names, or Telegram's refusal: unknown, moved, the bot blocked or kicked.</summary>
    private Answer? ChatFor(JsonObject p, out FakeTelegramChat chat, bool forSending = true)
    {
        chat = null!;
        if (Long(p, "chat_id") is not { } id || !_chats.TryGetValue(id, out var found))
        {
            return Error(400, "Bad Request: chat not found");
        }

        if (_migrated.TryGetValue(id, out var to))
        {
            return Error(400, "Bad Request: group chat was upgraded to a supergroup chat", new JsonObject { ["migrate_to_chat_id"] = to });
        }

        if (forSending && found.Type == "private" && _blocked.Contains(id))
        {
            return Error(403, "Forbidden: bot was blocked by the user");
        }

        if (forSending && found.Type != "private" && _members.GetValueOrDefault((id, BotId), ("left", false)) is var (status, canPost))
        {
            if (status is "left" or "kicked")
            {
                return Error(403, found.Type switch
                {
                    "channel" => "Forbidden: bot is not a member of the channel chat",
                    "supergroup" => "Forbidden: bot was kicked from the supergroup chat",
                    _ => "Forbidden: bot was kicked from the group chat",
                });
            }

            if (found.Type == "channel" && !(status == "creator" || (status == "administrator" && canPost)))
            {
                return Error(400, "Bad Request: need administrator rights in the channel chat");
            }
        }

        chat = found;
        return null;
    }

    /// <summary>Telegram's limits: a retry_after not yet passed, then bot-wide a second (paid or free), per chat a second, per group a minute.</summary>
    private Answer? CheckLimits(long chatId, string chatType, bool paid)
    {
        var now = _time.GetUtcNow();
        if (now < _retryAfterUntil)
        {
            SentDuringRetryAfter++;
            return RateLimited(_retryAfterUntil - now);
        }

        var global = paid ? _paidSent : _sent;
        Prune(global, now - Second);
        var wait = global.Count >= Slack(paid ? Limits.PaidMessagesPerSecond : Limits.MessagesPerSecond) ? global.Peek() + Second - now : TimeSpan.Zero;
        if (!_chatSent.TryGetValue(chatId, out var chat))
        {
            chat = new Queue<DateTimeOffset>();
            _chatSent[chatId] = chat;
        }

        Prune(chat, now - Minute);
        var lastSecond = chat.Where(t => t > now - Second).ToList();
        if (lastSecond.Count >= Slack(Limits.ChatMessagesPerSecond))
        {
            wait = Max(wait, lastSecond[0] + Second - now);
        }

        if (chatType != "private" && chat.Count >= Slack(Limits.GroupMessagesPerMinute))
        {
            wait = Max(wait, chat.Peek() + Minute - now);
        }

        if (wait > TimeSpan.Zero)
        {
            return RateLimited(wait);
        }

        global.Enqueue(now);
        chat.Enqueue(now);
        return null;
    }

    private Answer RateLimited(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var until = _time.GetUtcNow() + TimeSpan.FromSeconds(seconds);
        if (until > _retryAfterUntil)
        {
            _retryAfterUntil = until;
        }

        TooManyRequests++;
        return Error(429, $"Too Many Requests: retry after {seconds}", new JsonObject { ["retry_after"] = seconds });
    }

    /// <summary>Telegram tolerates short bursts: a tenth over the limit (at least one) within a window.</summary>
    private static int Slack(int limit) => limit + Math.Max(1, limit / 10);

    private static void Prune(Queue<DateTimeOffset> queue, DateTimeOffset before)
    {
        while (queue.Count > 0 && queue.Peek() <= before)
        {
            queue.Dequeue();
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static Answer? ReadText(JsonObject p, out string raw, out string plain, out string? parseMode)
    {
        raw = Str(p, "text") ?? string.Empty;
        parseMode = Str(p, "parse_mode");
        plain = raw;
        if (string.Equals(parseMode, "html", StringComparison.OrdinalIgnoreCase))
        {
            if (FakeTelegramHtml.ToPlain(raw, out var error) is not { } parsed)
            {
                return Error(400, "Bad Request: can't parse entities: " + error);
            }

            plain = parsed;
        }
        else if (parseMode is not null)
        {
            return Error(400, $"Bad Request: unsupported parse_mode \"{parseMode}\" in this fake");
        }

        if (plain.Trim().Length == 0)
        {
            return Error(400, "Bad Request: message text is empty");
        }

        return plain.Length > MaxTextLength ? Error(400, "Bad Request: message is too long") : null;
    }

    private static Answer? ReadButtons(JsonObject p, out IReadOnlyList<IReadOnlyList<FakeTelegramButton>> buttons)
    {
        buttons = [];
        if (Node(p, "reply_markup") is not JsonObject markup)
        {
            return null;
        }

        if (markup["inline_keyboard"] is not JsonArray rows)
        {
            return Error(400, "Bad Request: only inline keyboards are expected from this bot");
        }

        var result = new List<IReadOnlyList<FakeTelegramButton>>();
        foreach (var row in rows.OfType<JsonArray>())
        {
            var buttonRow = new List<FakeTelegramButton>();
            foreach (var button in row.OfType<JsonObject>())
            {
                var text = (string?)button["text"];
                var data = (string?)button["callback_data"];
                var url = (string?)button["url"];
                if (string.IsNullOrEmpty(text))
                {
                    return Error(400, "Bad Request: text buttons are unallowed in the inline keyboard");
                }

                if ((data is null) == (url is null))
                {
                    return Error(400, "Bad Request: can't parse inline keyboard button: exactly one of callback_data and url is expected");
                }

                if (data is not null && Encoding.UTF8.GetByteCount(data) is < 1 or > MaxCallbackDataBytes)
                {
                    return Error(400, "Bad Request: BUTTON_DATA_INVALID");
                }

                buttonRow.Add(new FakeTelegramButton(text, data, url));
            }

            result.Add(buttonRow);
        }

        buttons = result;
        return null;
    }

    private static bool SameButtons(IReadOnlyList<IReadOnlyList<FakeTelegramButton>> a, IReadOnlyList<IReadOnlyList<FakeTelegramButton>> b) =>
        a.Count == b.Count && a.Zip(b).All(rows => rows.First.SequenceEqual(rows.Second));

    private static bool LinkPreviewDisabled(JsonObject p) =>
        Bool(p, "disable_web_page_preview") || (Node(p, "link_preview_options") is JsonObject options && Bool(options, "is_disabled"));

    // ---- Parameter reading: JSON values, or strings from a query or form ----

    private static JsonNode? Node(JsonObject? p, string name)
    {
        var node = p?[name];
        if (node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 && text[0] is '{' or '[')
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return node;
            }
        }

        return node;
    }

    private static string? Str(JsonObject? p, string name) => p?[name] is JsonValue value
        ? value.TryGetValue<string>(out var text) ? text : value.ToJsonString()
        : null;

    private static long? Long(JsonObject? p, string name) => p?[name] is JsonValue value
        ? value.TryGetValue<long>(out var number) ? number
        : value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null
        : null;

    private static bool Bool(JsonObject? p, string name) => p?[name] is JsonValue value
        && ((value.TryGetValue<bool>(out var flag) && flag) || (value.TryGetValue<string>(out var text) && text == "true"));
}
