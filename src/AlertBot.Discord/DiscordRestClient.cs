using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AlertBot.Core.Platforms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlertBot.Discord;

/// <summary>
/// Discord's REST API v10 over <see cref="HttpClient"/>: <c>Authorization: Bot …</c> and Discord's User-Agent on every
/// request, JSON bodies from the source-generated <see cref="DiscordJson"/>, every request waited out at
/// <see cref="DiscordRateLimits"/> first and its answer's headers learned after, failures as
/// <see cref="PlatformException"/>. The token goes in a header only, and the client's request logging is off.
/// </summary>
internal sealed partial class DiscordRestClient(
    IHttpClientFactory httpClients,
    IOptions<DiscordOptions> options,
    DiscordRateLimits limits,
    DiscordMetrics metrics,
    ILogger<DiscordRestClient> logger)
{
    public const string HttpClientName = "discord";
    public const string UserAgent = "DiscordBot (https://github.com/alertbot/alertbot, 1.0)";

    /// <summary>Message flag EPHEMERAL (1 &lt;&lt; 6): shown to the interaction's user only.</summary>
    public const int Ephemeral = 1 << 6;

    /// <summary>Message flag SUPPRESS_NOTIFICATIONS (1 &lt;&lt; 12): delivered without a sound.</summary>
    public const int SuppressNotifications = 1 << 12;

    private DiscordOptions Options => options.Value;

    /// <summary>The application whose commands and interaction follow-ups these are.</summary>
    public string? ApplicationId => Options.ApplicationId;

    private string Base => Options.ApiBaseUrl.TrimEnd('/');

    public async Task<Message> CreateMessageAsync(string channelId, MessageBody body, CancellationToken ct) =>
        (await SendAsync(DiscordRoute.CreateMessage(channelId), HttpMethod.Post, $"/channels/{channelId}/messages", body, DiscordJson.Default.MessageBody, DiscordJson.Default.Message, ct))!;

    /// <summary>Creates a message with one uploaded file (multipart: <c>payload_json</c> and <c>files[0]</c>).</summary>
    public async Task<Message> CreateMessageWithFileAsync(string channelId, MessageBody body, byte[] file, string fileName, CancellationToken ct) =>
        (await SendAsync(DiscordRoute.CreateMessage(channelId), HttpMethod.Post, $"/channels/{channelId}/messages", body, DiscordJson.Default.MessageBody, DiscordJson.Default.Message, ct, (file, fileName)))!;

    public async Task<Message> EditMessageAsync(string channelId, string messageId, MessageBody body, CancellationToken ct) =>
        (await SendAsync(DiscordRoute.EditMessage(channelId), HttpMethod.Patch, $"/channels/{channelId}/messages/{messageId}", body, DiscordJson.Default.MessageBody, DiscordJson.Default.Message, ct))!;

    public Task DeleteMessageAsync(string channelId, string messageId, CancellationToken ct) =>
        SendAsync<object, object>(DiscordRoute.DeleteMessage(channelId), HttpMethod.Delete, $"/channels/{channelId}/messages/{messageId}", null, null, null, ct);

    /// <summary>The DM channel with a user (Discord returns the existing one); remembered for the gate and later sends.</summary>
    public async Task<string> OpenDmAsync(string userId, CancellationToken ct)
    {
        if (limits.DmChannelOf(userId) is { } known)
        {
            return known;
        }

        var channel = await SendAsync(DiscordRoute.OpenDm, HttpMethod.Post, "/users/@me/channels", new CreateDm(userId), DiscordJson.Default.CreateDm, DiscordJson.Default.Channel, ct);
        limits.RememberDm(userId, channel!.Id);
        return channel.Id;
    }

    public Task<GatewayBot?> GetGatewayBotAsync(CancellationToken ct) =>
        SendAsync<object, GatewayBot>(DiscordRoute.GatewayBot, HttpMethod.Get, "/gateway/bot", null, null, DiscordJson.Default.GatewayBot, ct);

    /// <summary>Replaces all of the application's commands, globally or in one server (<paramref name="guildId"/>).</summary>
    public Task<List<ApplicationCommand>?> OverwriteCommandsAsync(string applicationId, string? guildId, List<ApplicationCommand> commands, CancellationToken ct) =>
        SendAsync(
            DiscordRoute.Commands(applicationId, guildId),
            HttpMethod.Put,
            guildId is null ? $"/applications/{applicationId}/commands" : $"/applications/{applicationId}/guilds/{guildId}/commands",
            commands,
            DiscordJson.Default.ListApplicationCommand,
            DiscordJson.Default.ListApplicationCommand,
            ct);

    /// <summary>The first answer to an interaction; with <paramref name="withResponse"/> Discord returns the message it made.</summary>
    public Task<InteractionCallback?> CallbackAsync(string interactionId, string token, InteractionResponse response, bool withResponse, CancellationToken ct) =>
        SendAsync(
            DiscordRoute.Callback(interactionId),
            HttpMethod.Post,
            $"/interactions/{interactionId}/{token}/callback" + (withResponse ? "?with_response=true" : string.Empty),
            response,
            DiscordJson.Default.InteractionResponse,
            withResponse ? DiscordJson.Default.InteractionCallback : null,
            ct);

    public Task<Message?> EditOriginalAsync(string applicationId, string token, MessageBody body, CancellationToken ct) =>
        SendAsync(DiscordRoute.Webhook("PATCH", applicationId, token), HttpMethod.Patch, $"/webhooks/{applicationId}/{token}/messages/@original", body,
            DiscordJson.Default.MessageBody, DiscordJson.Default.Message, ct);

    public Task<Message?> FollowUpAsync(string applicationId, string token, MessageBody body, CancellationToken ct) =>
        SendAsync(DiscordRoute.Webhook("POST", applicationId, token), HttpMethod.Post, $"/webhooks/{applicationId}/{token}?wait=true", body,
            DiscordJson.Default.MessageBody, DiscordJson.Default.Message, ct);

    public Task<Message?> FollowUpWithFileAsync(string applicationId, string token, MessageBody body, byte[] file, string fileName, CancellationToken ct) =>
        SendAsync(DiscordRoute.Webhook("POST", applicationId, token), HttpMethod.Post, $"/webhooks/{applicationId}/{token}?wait=true", body,
            DiscordJson.Default.MessageBody, DiscordJson.Default.Message, ct, (file, fileName));

    public Task<Message?> EditFollowUpAsync(string applicationId, string token, string messageId, MessageBody body, CancellationToken ct) =>
        SendAsync(DiscordRoute.Webhook("PATCH", applicationId, token), HttpMethod.Patch, $"/webhooks/{applicationId}/{token}/messages/{messageId}", body,
            DiscordJson.Default.MessageBody, DiscordJson.Default.Message, ct);

    private async Task<TResponse?> SendAsync<TBody, TResponse>(
        DiscordRoute route,
        HttpMethod method,
        string path,
        TBody? body,
        JsonTypeInfo<TBody>? bodyType,
        JsonTypeInfo<TResponse>? responseType,
        CancellationToken ct,
        (byte[] Bytes, string Name)? file = null)
        where TResponse : class
    {
        var reservation = await limits.WaitAsync(route, ct);
        using var request = new HttpRequestMessage(method, Base + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", Options.BotToken);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (body is not null && bodyType is not null && file is { } upload)
        {
            var form = new MultipartFormDataContent();
            form.Add(new StringContent(JsonSerializer.Serialize(body, bodyType), Encoding.UTF8, "application/json"), "payload_json");
            var bytes = new ByteArrayContent(upload.Bytes);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(bytes, "files[0]", upload.Name);
            request.Content = form;
        }
        else if (body is not null && bodyType is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, bodyType), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            limits.Failed(route, reservation);
            throw new PlatformException(PlatformFailure.Transient, "Discord unreachable: " + ex.Message, inner: ex);
        }
        catch
        {
            limits.Failed(route, reservation);
            throw;
        }

        using (response)
        {
            limits.Learned(route, reservation, response.Headers);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                if (responseType is null || response.StatusCode == HttpStatusCode.NoContent)
                {
                    return null;
                }

                var stream = await response.Content.ReadAsStreamAsync(ct);
                try
                {
                    return await JsonSerializer.DeserializeAsync(stream, responseType, ct)
                        ?? throw new PlatformException(PlatformFailure.Transient, $"Discord answered {route.Key} with null");
                }
                catch (JsonException ex)
                {
                    throw new PlatformException(PlatformFailure.Transient, $"Discord's answer to {route.Key} could not be read", inner: ex);
                }
            }

            ErrorBody? error = null;
            try
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                error = text.Length > 0 ? JsonSerializer.Deserialize(text, DiscordJson.Default.ErrorBody) : null;
            }
            catch (JsonException)
            {
                // Not Discord's JSON (a proxy's page): the status says enough.
            }

            TimeSpan? retryAfter = null;
            if (status == 429)
            {
                var scope = Header(response.Headers, "X-RateLimit-Scope") ?? "user";
                var global = error?.Global == true || string.Equals(Header(response.Headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase);
                var seconds = error?.RetryAfter
                    ?? (double.TryParse(Header(response.Headers, "Retry-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var header) ? header : 1);
                retryAfter = TimeSpan.FromSeconds(Math.Max(seconds, 0.05));
                limits.Limited(route, retryAfter.Value, global);
                var bucket = Header(response.Headers, "X-RateLimit-Bucket") ?? route.Key;
                metrics.RateLimited(bucket, global ? "global" : scope);
                LogRateLimited(route.Key, global ? "global" : scope, retryAfter.Value.TotalSeconds);
                if (scope != "shared")
                {
                    metrics.InvalidRequest(status);
                }
            }
            else if (status is 401 or 403)
            {
                metrics.InvalidRequest(status);
            }

            if (status == 401)
            {
                LogUnauthorized(route.Key);
            }

            throw DiscordErrors.Map(status, error, retryAfter);
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: 429 on {Route} ({Scope}); waiting {Seconds} s")]
    private partial void LogRateLimited(string route, string scope, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord: 401 on {Route}: Discord:BotToken was refused")]
    private partial void LogUnauthorized(string route);
}
