using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlertBot.Telegram;

/// <summary>
/// <c>POST /telegram/webhook</c> (webhook mode): Telegram delivers one update per request with the secret in
/// <c>X-Telegram-Bot-Api-Secret-Token</c>. A request without the right secret gets 401 and is not read; a malformed or
/// oversized update is logged and acknowledged (Telegram would only send it again); a failure while handling gets
/// 500, so that Telegram delivers the update again.
/// </summary>
public static partial class TelegramWebhook
{
    public const string Path = "/telegram/webhook";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Maps the webhook when Telegram is configured (<see cref="TelegramServiceCollectionExtensions.AddTelegram"/>).</summary>
    public static IEndpointRouteBuilder MapTelegram(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<TelegramInbound>() is not null)
        {
            endpoints.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery();
        }

        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context,
        TelegramInbound inbound,
        TelegramHealth health,
        TelegramMetrics metrics,
        IOptions<TelegramOptions> options,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(TelegramWebhook).FullName!);
        if (options.Value.Mode != TelegramMode.Webhook)
        {
            return TypedResults.NotFound();
        }

        if (!SecretMatches(context.Request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret!))
        {
            metrics.Error("webhook_secret");
            LogWrongSecret(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return TypedResults.Unauthorized();
        }

        if (context.Request.ContentLength > TelegramInbound.MaxUpdateLength)
        {
            metrics.Received("too_large");
            LogTooLarge(logger, context.Request.ContentLength.Value);
            return TypedResults.Ok();
        }

        JsonElement raw;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: ct);
            raw = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            metrics.Received("malformed");
            metrics.Error("malformed_update");
            LogNotJson(logger, ex);
            return TypedResults.Ok();
        }

        health.Succeeded();
        var outcome = await inbound.HandleAsync(raw, ct);
        return outcome == UpdateOutcome.Failed ? TypedResults.StatusCode(StatusCodes.Status500InternalServerError) : TypedResults.Ok();
    }

    private static bool SecretMatches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram webhook: a request from {Address} without the right secret was refused (401)")]
    private static partial void LogWrongSecret(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram webhook: an update of {Length} bytes was skipped unread")]
    private static partial void LogTooLarge(ILogger logger, long length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram webhook: a body that is not JSON was skipped")]
    private static partial void LogNotJson(ILogger logger, Exception ex);
}
