using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlertBot.Core.Platforms;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace AlertBot.Telegram;

/// <summary>
/// The Bot API clients of this process. <see cref="Bot"/> (Telegram.Bot) makes every call but one, with its own 429
/// retries off (the dispatcher owns retries and <c>retry_after</c>). <see cref="GetUpdatesAsync"/> reads getUpdates
/// itself, update by update, so that one malformed update is skipped instead of failing the whole batch and stalling
/// the offset. The token is in every URL: both HTTP clients have their request logging removed.
/// </summary>
public sealed class TelegramClient
{
    public const string HttpClientName = "telegram";
    public const string PollingClientName = "telegram-polling";

    private readonly HttpClient _polling;
    private readonly Uri _methodBase;

    public TelegramClient(IHttpClientFactory httpClients, IOptions<TelegramOptions> options)
    {
        var settings = options.Value;
        var baseUrl = new Uri(settings.ApiBaseUrl).GetLeftPart(UriPartial.Authority);
        Bot = new TelegramBotClient(
            new TelegramBotClientOptions(settings.BotToken!, baseUrl) { RetryThreshold = 0, RetryCount = 0 },
            httpClients.CreateClient(HttpClientName));
        _polling = httpClients.CreateClient(PollingClientName);
        _methodBase = new Uri($"{baseUrl}/bot{settings.BotToken}/");
    }

    public ITelegramBotClient Bot { get; }

    /// <summary>
    /// One long poll: the updates from <paramref name="offset"/> on, each as its raw JSON (parsed one at a time by the
    /// caller). Bot API errors come back as <see cref="PlatformException"/> (a 409 from a second poller is transient).
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> GetUpdatesAsync(long? offset, int timeoutSeconds, IReadOnlyList<string> allowedUpdates, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["timeout"] = timeoutSeconds,
            ["limit"] = 100,
            ["allowed_updates"] = new JsonArray([.. allowedUpdates.Select(u => (JsonNode)u)]),
        };
        if (offset is { } from)
        {
            body["offset"] = from;
        }

        try
        {
            using var response = await _polling.PostAsJsonAsync(new Uri(_methodBase, "getUpdates"), body, ct);
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True
                && root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Array)
            {
                return [.. result.EnumerateArray().Select(u => u.Clone())];
            }

            throw ErrorOf(root, (int)response.StatusCode);
        }
        catch (JsonException ex)
        {
            throw new PlatformException(PlatformFailure.Transient, "Telegram: getUpdates answered something that is not JSON", inner: ex);
        }
        catch (Exception ex) when (TelegramErrors.Map(ex, ct) is { } failure)
        {
            throw failure;
        }
    }

    private static PlatformException ErrorOf(JsonElement root, int status)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new PlatformException(PlatformFailure.Transient, $"Telegram: getUpdates answered HTTP {status} without an error");
        }

        var code = root.TryGetProperty("error_code", out var c) && c.TryGetInt32(out var n) ? n : status;
        var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : $"HTTP {status}";
        int? retryAfter = null;
        long? migrateTo = null;
        if (root.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            retryAfter = parameters.TryGetProperty("retry_after", out var r) && r.TryGetInt32(out var seconds) ? seconds : null;
            migrateTo = parameters.TryGetProperty("migrate_to_chat_id", out var m) && m.TryGetInt64(out var id) ? id : null;
        }

        return TelegramErrors.Map(code, description, retryAfter, migrateTo);
    }
}
