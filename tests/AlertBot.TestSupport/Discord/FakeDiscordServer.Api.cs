using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AlertBot.TestSupport.Discord;

public sealed partial class FakeDiscordServer
{
    private const string Prefix = "/api/v10";

    private async Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.TrimEnd('/') == GatewayPath)
        {
            await AcceptGatewayAsync(context);
            return;
        }

        var method = context.Request.Method;
        if (!path.StartsWith(Prefix + "/", StringComparison.Ordinal))
        {
            await WriteAsync(context, method, path, null, 404, Error(0, "404: Not Found"));
            return;
        }

        var route = path[Prefix.Length..];
        var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonNode? body = null;
        List<FakeDiscordFile> files = [];
        if (context.Request.HasFormContentType && context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.Ordinal) == true)
        {
            // A message with files: the JSON body in payload_json, each file as files[n] (Discord's multipart form).
            var form = await context.Request.ReadFormAsync();
            try
            {
                body = JsonNode.Parse(form["payload_json"].ToString());
            }
            catch (JsonException)
            {
                await WriteAsync(context, method, route, null, 400, Error(50109, "The request body contains invalid JSON."));
                return;
            }

            foreach (var file in form.Files)
            {
                using var bytes = new MemoryStream();
                await file.CopyToAsync(bytes);
                files.Add(new FakeDiscordFile(file.Name, file.FileName, file.ContentType, bytes.ToArray()));
            }
        }
        else if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
            {
                await WriteAsync(context, method, route, null, 400, Error(50035, "Invalid Form Body"));
                return;
            }

            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body);
            }
            catch (JsonException)
            {
                await WriteAsync(context, method, route, null, 400, Error(50109, "The request body contains invalid JSON."));
                return;
            }
        }

        // Interaction callbacks and webhooks are authorised by the interaction's token in the path, not the bot's.
        var byToken = segments is ["interactions", ..] or ["webhooks", ..];
        if (!byToken && context.Request.Headers.Authorization.ToString() != "Bot " + Token)
        {
            await WriteAsync(context, method, route, body, 401, Error(0, "401: Unauthorized"));
            return;
        }

        if (!context.Request.Headers.UserAgent.ToString().StartsWith("DiscordBot (", StringComparison.Ordinal))
        {
            await WriteAsync(context, method, route, body, 400, Error(0, "a DiscordBot User-Agent is required"));
            return;
        }

        if (!byToken && GlobalLimited() is { } globalWait)
        {
            context.Response.Headers["X-RateLimit-Global"] = "true";
            context.Response.Headers["X-RateLimit-Scope"] = "global";
            context.Response.Headers.RetryAfter = Math.Ceiling(globalWait).ToString(CultureInfo.InvariantCulture);
            await WriteAsync(context, method, route, body, 429, TooMany(globalWait, global: true));
            return;
        }

        var (status, answer) = segments switch
        {
            ["gateway", "bot"] when method == "GET" => (200, GatewayBotJson()),
            ["users", "@me", "channels"] when method == "POST" => Limited(context, "dm-open", "@me", Limits.DmOpens, Limits.DmOpenWindowSeconds, () => CreateDm(body)),
            ["channels", var channel, "messages"] when method == "POST" =>
                Limited(context, "messages-create", channel, Limits.ChannelMessages, Limits.ChannelWindowSeconds, () => CreateMessage(channel, body, null, files)),
            ["channels", var channel, "messages", var message] when method == "PATCH" =>
                Limited(context, "messages-edit", channel, Limits.ChannelMessages, Limits.ChannelWindowSeconds, () => EditMessage(channel, message, body)),
            ["channels", var channel, "messages", var message] when method == "DELETE" =>
                Limited(context, "messages-delete", channel, Limits.ChannelMessages, Limits.ChannelWindowSeconds, () => DeleteMessage(channel, message)),
            ["applications", ApplicationId, "commands"] when method == "PUT" => OverwriteCommands("global", body),
            ["applications", ApplicationId, "guilds", var guild, "commands"] when method == "PUT" => OverwriteCommands(guild, body),
            ["interactions", var id, var token, "callback"] when method == "POST" =>
                Callback(id, token, body, context.Request.Query["with_response"] == "true"),
            ["webhooks", ApplicationId, var token, "messages", "@original"] when method == "PATCH" => EditOriginal(token, body),
            ["webhooks", ApplicationId, var token] when method == "POST" => FollowUp(token, body, files),
            ["webhooks", ApplicationId, var token, "messages", var message] when method == "PATCH" => EditFollowUp(token, message, body),
            _ => (404, Error(0, "404: Not Found")),
        };
        if (status == 200 && segments is ["channels", _, "messages"] && method == "POST" && TakeDroppedAnswer())
        {
            // The message is made, but its answer never reaches the bot (a reset connection, a timeout).
            _calls.Enqueue(new FakeDiscordCall(_time.GetUtcNow(), method, route, 0, 0, body?.DeepClone()));
            context.Abort();
            return;
        }

        await WriteAsync(context, method, route, body, status, answer);
    }

    private JsonObject GatewayBotJson() => new()
    {
        ["url"] = GatewayUrl.ToString().TrimEnd('/'),
        ["shards"] = 1,
        ["session_start_limit"] = new JsonObject
        {
            ["total"] = 1000,
            ["remaining"] = SessionStartsRemaining,
            ["reset_after"] = SessionStartResetAfterMs,
            ["max_concurrency"] = 1,
        },
    };

    /// <summary>The answer of <paramref name="handle"/>, within bucket (<paramref name="bucket"/>, <paramref name="major"/>) of <paramref name="limit"/> requests a window, with its headers.</summary>
    private (int, JsonNode) Limited(HttpContext context, string bucket, string major, int limit, double windowSeconds, Func<(int, JsonNode)> handle)
    {
        var now = _time.GetUtcNow();
        int remaining;
        double resetAfter;
        lock (_lock)
        {
            if (_shared.TryGetValue(major, out var shared) && now < shared.Until)
            {
                if (shared.Until == DateTimeOffset.MaxValue)
                {
                    shared = (shared.Seconds, now + TimeSpan.FromSeconds(shared.Seconds));
                    _shared[major] = shared;
                }
                else
                {
                    SentDuringRetryAfter++;
                }

                var wait = (shared.Until - now).TotalSeconds;
                TooManyRequests++;
                context.Response.Headers["X-RateLimit-Scope"] = "shared";
                context.Response.Headers.RetryAfter = Math.Ceiling(wait).ToString(CultureInfo.InvariantCulture);
                return (429, TooMany(wait, global: false));
            }

            var key = bucket + "|" + major;
            if (!_buckets.TryGetValue(key, out var window) || window.ResetAt <= now)
            {
                var retryUntil = window?.RetryAfterUntil ?? DateTimeOffset.MinValue;
                window = new Window { ResetAt = now + TimeSpan.FromSeconds(windowSeconds), RetryAfterUntil = retryUntil };
                _buckets[key] = window;
            }

            if (window.RetryAfterUntil > now)
            {
                SentDuringRetryAfter++;
            }

            resetAfter = (window.ResetAt - now).TotalSeconds;
            if (window.Used >= limit)
            {
                window.RetryAfterUntil = window.ResetAt;
                TooManyRequests++;
                Headers(context, bucket, limit, 0, window.ResetAt, resetAfter);
                context.Response.Headers["X-RateLimit-Scope"] = "user";
                context.Response.Headers.RetryAfter = Math.Ceiling(resetAfter).ToString(CultureInfo.InvariantCulture);
                return (429, TooMany(resetAfter, global: false));
            }

            window.Used++;
            remaining = limit - window.Used;
            Headers(context, bucket, limit, remaining, window.ResetAt, resetAfter);
        }

        return handle();
    }

    private static void Headers(HttpContext context, string bucket, int limit, int remaining, DateTimeOffset resetAt, double resetAfter)
    {
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = (resetAt.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset-After"] = resetAfter.ToString("0.000", CultureInfo.InvariantCulture);
        headers["X-RateLimit-Bucket"] = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(bucket));
    }

    private double? GlobalLimited()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_globalRetryUntil > now)
            {
                SentDuringRetryAfter++;
            }

            while (_global.Count > 0 && now - _global.Peek() >= TimeSpan.FromSeconds(1))
            {
                _global.Dequeue();
            }

            if (_global.Count >= Limits.GlobalPerSecond)
            {
                TooManyRequests++;
                GlobalTooManyRequests++;
                var wait = _global.Peek() + TimeSpan.FromSeconds(1) - now;
                _globalRetryUntil = now + wait;
                return wait.TotalSeconds;
            }

            _global.Enqueue(now);
            return null;
        }
    }

    private (int, JsonNode) CreateDm(JsonNode? body)
    {
        var user = body?["recipient_id"]?.GetValue<string>();
        if (user is null)
        {
            return (400, Error(50035, "Invalid Form Body"));
        }

        lock (_lock)
        {
            if (!_users.ContainsKey(user))
            {
                return (400, Error(50035, "Invalid Form Body: unknown recipient_id"));
            }
        }

        return (200, new JsonObject { ["id"] = OpenDm(user), ["type"] = 1, ["recipients"] = new JsonArray(new JsonObject { ["id"] = user }) });
    }

    private (int, JsonNode) CreateMessage(string channelId, JsonNode? body, string? interactionId, List<FakeDiscordFile>? files = null)
    {
        if (ChannelProblem(channelId) is { } problem)
        {
            return problem;
        }

        files ??= [];
        if (body is JsonObject withFiles && FilesProblem(withFiles, files) is { } badFiles)
        {
            return (400, Error(50035, "Invalid Form Body: " + badFiles));
        }

        if (body is not JsonObject json || Invalid(json, requireContent: files.Count == 0) is { } invalid)
        {
            return (400, Error(50035, "Invalid Form Body" + (body is JsonObject j ? ": " + Invalid(j, true) : string.Empty)));
        }

        var nonce = json["nonce"]?.ToString();
        lock (_lock)
        {
            if (nonce is not null && json["enforce_nonce"]?.GetValue<bool>() == true
                && _messages.FirstOrDefault(m => m.ChannelId == channelId && m.Nonce == nonce && _time.GetUtcNow() - m.At < TimeSpan.FromMinutes(2)) is { } same)
            {
                return (200, MessageJson(same));
            }

            var message = new FakeDiscordMessage
            {
                Id = NextId(),
                ChannelId = channelId,
                Content = json["content"]?.GetValue<string>(),
                Embeds = json["embeds"]?.DeepClone().AsArray(),
                Components = json["components"]?.DeepClone().AsArray(),
                AllowedMentions = json["allowed_mentions"]?.DeepClone(),
                Flags = json["flags"]?.GetValue<int>() ?? 0,
                InteractionId = interactionId,
                Nonce = nonce,
                ReplyToMessageId = json["message_reference"]?["message_id"]?.GetValue<string>(),
                At = _time.GetUtcNow(),
                Files = files,
            };
            _messages.Add(message);
            return (200, MessageJson(message));
        }
    }

    private (int, JsonNode)? ChannelProblem(string channelId)
    {
        lock (_lock)
        {
            if (_dmOf.FirstOrDefault(d => d.Value == channelId) is { Key: { } user })
            {
                return _users.GetValueOrDefault(user, true) ? null : (403, Error(50007, "Cannot send messages to this user"));
            }

            if (!_channels.ContainsKey(channelId))
            {
                return (404, Error(10003, "Unknown Channel"));
            }

            return _noAccess.Contains(channelId) ? (403, Error(50001, "Missing Access")) : null;
        }
    }

    private (int, JsonNode) EditMessage(string channelId, string messageId, JsonNode? body)
    {
        if (ChannelProblem(channelId) is { } problem)
        {
            return problem;
        }

        lock (_lock)
        {
            var message = _messages.FirstOrDefault(m => m.Id == messageId && m.ChannelId == channelId && !m.Deleted);
            return message is null ? (404, Error(10008, "Unknown Message")) : Edit(message, body);
        }
    }

    private (int, JsonNode) Edit(FakeDiscordMessage message, JsonNode? body)
    {
        if (body is not JsonObject json || Invalid(json, requireContent: false) is { } invalid)
        {
            return (400, Error(50035, "Invalid Form Body" + (body is JsonObject j ? ": " + Invalid(j, false) : string.Empty)));
        }

        lock (_lock)
        {
            if (json.ContainsKey("content"))
            {
                message.Content = json["content"]?.GetValue<string>();
            }

            if (json.ContainsKey("embeds"))
            {
                message.Embeds = json["embeds"]?.DeepClone().AsArray();
            }

            if (json.ContainsKey("components"))
            {
                message.Components = json["components"]?.DeepClone().AsArray();
            }

            if (json.ContainsKey("allowed_mentions"))
            {
                message.AllowedMentions = json["allowed_mentions"]?.DeepClone();
            }

            message.Edits++;
            return (200, MessageJson(message));
        }
    }

    private (int, JsonNode) DeleteMessage(string channelId, string messageId)
    {
        lock (_lock)
        {
            var message = _messages.FirstOrDefault(m => m.Id == messageId && m.ChannelId == channelId && !m.Deleted);
            if (message is null)
            {
                return (404, Error(10008, "Unknown Message"));
            }

            message.Deleted = true;
            return (204, new JsonObject());
        }
    }

    private (int, JsonNode) OverwriteCommands(string scope, JsonNode? body)
    {
        if (body is not JsonArray commands)
        {
            return (400, Error(50035, "Invalid Form Body"));
        }

        foreach (var command in commands.OfType<JsonObject>())
        {
            var name = command["name"]?.GetValue<string>() ?? string.Empty;
            var description = command["description"]?.GetValue<string>() ?? string.Empty;
            if (name.Length is < 1 or > 32 || name.Any(char.IsUpper) || description.Length is < 1 or > 100)
            {
                return (400, Error(50035, $"Invalid Form Body: command '{name}'"));
            }

            command["id"] = NextId();
            command["application_id"] = ApplicationId;
        }

        lock (_lock)
        {
            _commands[scope] = (JsonArray)commands.DeepClone();
        }

        return (200, commands.DeepClone());
    }

    private (int, JsonNode) Callback(string id, string token, JsonNode? body, bool withResponse)
    {
        FakeDiscordInteraction? interaction;
        lock (_lock)
        {
            interaction = _interactions.GetValueOrDefault(id);
        }

        if (interaction is null || interaction.Token != token)
        {
            return (404, Error(10062, "Unknown interaction"));
        }

        var type = body?["type"]?.GetValue<int>() ?? 0;
        var data = body?["data"] as JsonObject;
        lock (_lock)
        {
            if (interaction.CallbackType is not null)
            {
                return (400, Error(40060, "Interaction has already been acknowledged."));
            }

            if (_time.GetUtcNow() - interaction.CreatedAt > TimeSpan.FromSeconds(3))
            {
                return (404, Error(10062, "Unknown interaction"));
            }
        }

        var valid = (type, interaction.Type) switch
        {
            (1, 1) => true,
            (4 or 5, 2 or 3 or 5) => true,
            (6 or 7, 3 or 5) => interaction.Json["message"] is not null,
            (8, 4) => data?["choices"] is JsonArray { Count: <= 25 },
            (9, 2 or 3) => ValidModal(data),
            _ => false,
        };
        if (!valid || (data is not null && type is 4 or 7 && Invalid(data, requireContent: type == 4) is not null))
        {
            return (400, Error(50035, $"Invalid Form Body: callback type {type} to interaction type {interaction.Type}"));
        }

        JsonNode? message = null;
        lock (_lock)
        {
            interaction.CallbackType = type;
            interaction.AnsweredAt = _time.GetUtcNow();
            interaction.CallbackData = data?.DeepClone();
        }

        if (type is 4 or 5)
        {
            var content = type == 4 ? (JsonObject)data!.DeepClone() : new JsonObject { ["flags"] = (data?["flags"]?.GetValue<int>() ?? 0) | 128 };
            var (_, made) = CreateInteractionMessage(interaction, content);
            message = made;
            lock (_lock)
            {
                interaction.OriginalMessageId = made["id"]!.GetValue<string>();
            }
        }
        else if (type == 6)
        {
            // A deferred update: @original is the message the component is on.
            lock (_lock)
            {
                interaction.OriginalMessageId = interaction.Json["message"]!["id"]!.GetValue<string>();
            }
        }
        else if (type == 7)
        {
            var pressed = interaction.Json["message"]!["id"]!.GetValue<string>();
            FakeDiscordMessage target;
            lock (_lock)
            {
                target = _messages.Single(m => m.Id == pressed);
            }

            (_, message) = Edit(target, data);
            lock (_lock)
            {
                interaction.OriginalMessageId = pressed;
            }
        }

        if (!withResponse)
        {
            return (204, new JsonObject());
        }

        return (200, new JsonObject
        {
            ["interaction"] = new JsonObject { ["id"] = id, ["type"] = interaction.Type },
            ["resource"] = new JsonObject { ["type"] = type, ["message"] = message?.DeepClone() },
        });
    }

    /// <summary>An interaction's answer or follow-up: a message in the interaction's channel, whatever the bot's rights there.</summary>
    private (int, JsonObject) CreateInteractionMessage(FakeDiscordInteraction interaction, JsonObject json, List<FakeDiscordFile>? files = null)
    {
        lock (_lock)
        {
            var message = new FakeDiscordMessage
            {
                Id = NextId(),
                ChannelId = interaction.ChannelId,
                Content = json["content"]?.GetValue<string>(),
                Embeds = json["embeds"]?.DeepClone().AsArray(),
                Components = json["components"]?.DeepClone().AsArray(),
                AllowedMentions = json["allowed_mentions"]?.DeepClone(),
                Flags = json["flags"]?.GetValue<int>() ?? 0,
                InteractionId = interaction.Id,
                At = _time.GetUtcNow(),
                Files = files ?? [],
            };
            _messages.Add(message);
            return (200, MessageJson(message));
        }
    }

    private (int, JsonNode) EditOriginal(string token, JsonNode? body)
    {
        var interaction = ByToken(token);
        if (interaction?.OriginalMessageId is not { } original)
        {
            return (404, Error(10008, "Unknown Message"));
        }

        FakeDiscordMessage message;
        lock (_lock)
        {
            message = _messages.Single(m => m.Id == original);
            message.Flags &= ~128;
        }

        return Edit(message, body);
    }

    private (int, JsonNode) FollowUp(string token, JsonNode? body, List<FakeDiscordFile> files)
    {
        if (ByToken(token) is not { CallbackType: not null } interaction)
        {
            return (404, Error(10015, "Unknown Webhook"));
        }

        if (body is JsonObject withFiles && FilesProblem(withFiles, files) is { } badFiles)
        {
            return (400, Error(50035, "Invalid Form Body: " + badFiles));
        }

        if (body is not JsonObject json || Invalid(json, requireContent: files.Count == 0) is not null)
        {
            return (400, Error(50035, "Invalid Form Body"));
        }

        return CreateInteractionMessage(interaction, json, files);
    }

    private (int, JsonNode) EditFollowUp(string token, string messageId, JsonNode? body)
    {
        if (ByToken(token) is not { } interaction)
        {
            return (404, Error(10015, "Unknown Webhook"));
        }

        FakeDiscordMessage? message;
        lock (_lock)
        {
            message = _messages.FirstOrDefault(m => m.Id == messageId && m.InteractionId == interaction.Id);
        }

        return message is null ? (404, Error(10008, "Unknown Message")) : Edit(message, body);
    }

    private FakeDiscordInteraction? ByToken(string token)
    {
        lock (_lock)
        {
            return _interactions.Values.FirstOrDefault(i => i.Token == token);
        }
    }

    /// <summary>A modal: custom_id 1–100, a title of at most 45 characters, 1 to 5 rows of one text input each.</summary>
    private static bool ValidModal(JsonObject? data) =>
        data?["custom_id"]?.GetValue<string>() is { Length: >= 1 and <= 100 }
        && data["title"]?.GetValue<string>() is { Length: >= 1 and <= 45 }
        && data["components"] is JsonArray { Count: >= 1 and <= 5 } rows
        && rows.All(r => r?["components"] is JsonArray { Count: 1 } inputs && inputs[0]?["type"]?.GetValue<int>() == 4
            && inputs[0]?["custom_id"]?.GetValue<string>() is { Length: >= 1 } && inputs[0]?["label"]?.GetValue<string>() is { Length: >= 1 and <= 45 });

    /// <summary>What Discord would refuse in a message body; null when it is fine.</summary>
    /// <summary>Each uploaded file must be a files[n] part named by an attachment of the body (10 MiB at most), and each attachment must have its file.</summary>
    private static string? FilesProblem(JsonObject json, List<FakeDiscordFile> files)
    {
        var attachments = (json["attachments"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        foreach (var file in files)
        {
            if (!file.Field.StartsWith("files[", StringComparison.Ordinal) || !file.Field.EndsWith(']'))
            {
                return $"{file.Field}: not a files[n] field";
            }

            if (file.Bytes.Length > 10 * 1024 * 1024)
            {
                return "files: Request entity too large";
            }

            var id = file.Field["files[".Length..^1];
            if (!attachments.Any(a => a["id"]?.ToString() == id && a["filename"]?.ToString() == file.FileName))
            {
                return $"attachments: no attachment {id} named {file.FileName}";
            }
        }

        return attachments.Count > files.Count ? "attachments: an attachment has no file" : null;
    }

    private static string? Invalid(JsonObject json, bool requireContent)
    {
        var content = json["content"]?.GetValue<string>();
        var embeds = json["embeds"] as JsonArray;
        var components = json["components"] as JsonArray;
        if (requireContent && string.IsNullOrEmpty(content) && embeds is not { Count: > 0 } && components is not { Count: > 0 })
        {
            return "Cannot send an empty message";
        }

        if (content is { Length: > MaxContentLength })
        {
            return "content: Must be 2000 or fewer in length.";
        }

        if (embeds is not null)
        {
            if (embeds.Count > 10)
            {
                return "embeds: Must be 10 or fewer in length.";
            }

            var total = embeds.OfType<JsonObject>().Sum(e =>
                Length(e["title"]) + Length(e["description"]) + Length(e["footer"]?["text"])
                + (e["fields"]?.AsArray().OfType<JsonObject>().Sum(f => Length(f["name"]) + Length(f["value"])) ?? 0));
            if (total > 6000)
            {
                return "embeds: Embed size exceeds maximum size of 6000";
            }
        }

        if (components is not null)
        {
            if (components.Count > 5)
            {
                return "components: Must be 5 or fewer in length.";
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in components.OfType<JsonObject>())
            {
                var buttons = row["components"] as JsonArray;
                if (row["type"]?.GetValue<int>() != 1 || buttons is not { Count: >= 1 and <= 5 })
                {
                    return "components: an action row holds 1 to 5 buttons";
                }

                foreach (var button in buttons.OfType<JsonObject>())
                {
                    var id = button["custom_id"]?.GetValue<string>();
                    var label = button["label"]?.GetValue<string>() ?? string.Empty;
                    var style = button["style"]?.GetValue<int>() ?? 0;
                    if (label.Length > 80)
                    {
                        return "components: label must be 80 or fewer in length.";
                    }

                    if (style == 5 ? button["url"] is null : id is not { Length: >= 1 and <= 100 } || !ids.Add(id))
                    {
                        return "components: custom_id must be 1 to 100 characters and unique";
                    }
                }
            }
        }

        return null;

        static int Length(JsonNode? node) => node?.GetValue<string>().Trim().Length ?? 0;
    }

    private static JsonObject MessageJson(FakeDiscordMessage message) => new()
    {
        ["id"] = message.Id,
        ["channel_id"] = message.ChannelId,
        ["content"] = message.Content ?? string.Empty,
        ["flags"] = message.Flags,
        ["components"] = message.Components?.DeepClone() ?? new JsonArray(),
        ["embeds"] = message.Embeds?.DeepClone() ?? new JsonArray(),
    };

    private static JsonObject Error(int code, string message) => new() { ["code"] = code, ["message"] = message };

    private static JsonObject TooMany(double retryAfter, bool global) => new()
    {
        ["message"] = "You are being rate limited.",
        ["retry_after"] = Math.Round(retryAfter, 3),
        ["global"] = global,
    };

    private async Task WriteAsync(HttpContext context, string method, string path, JsonNode? body, int status, JsonNode answer)
    {
        var code = answer is JsonObject o && o["code"] is JsonValue c && status >= 400 ? c.GetValue<int>() : 0;
        _calls.Enqueue(new FakeDiscordCall(_time.GetUtcNow(), method, path, status, code, body?.DeepClone()));
        context.Response.StatusCode = status;
        if (status == 204)
        {
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }
}
