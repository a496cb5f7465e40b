using AlertBot.Core.Platforms;
using Telegram.Bot.Exceptions;

namespace AlertBot.Telegram;

/// <summary>
/// The Bot API's answers as the port's failures. Codes first, then Telegram's descriptions (free text, matched by
/// substring): 429 → rate limited for <c>retry_after</c>; <c>migrate_to_chat_id</c> → the chat moved; 403 (blocked,
/// kicked, deactivated) and "chat not found" → the recipient is gone; "message is not modified" → nothing to do;
/// "message to edit/delete not found" → the message is gone; 5xx, timeouts and network errors → transient; other 4xx → rejected.
/// </summary>
public static class TelegramErrors
{
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (Map(ex, ct) is { } failure)
        {
            throw failure;
        }
    }

    public static async Task CallAsync(Func<Task> call, CancellationToken ct)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (Map(ex, ct) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The port's failure for an exception of a Bot API call; null for the caller's own cancellation.</summary>
    public static PlatformException? Map(Exception ex, CancellationToken ct) => ex switch
    {
        PlatformException => null,
        OperationCanceledException when ct.IsCancellationRequested => null,
        ApiRequestException api => Map(api.ErrorCode, api.Message, api.Parameters?.RetryAfter, api.Parameters?.MigrateToChatId, api),
        RequestException request => new PlatformException(PlatformFailure.Transient, "Telegram: " + request.Message, inner: request),
        HttpRequestException or IOException or TimeoutException or OperationCanceledException =>
            new PlatformException(PlatformFailure.Transient, "Telegram unreachable: " + ex.Message, inner: ex),
        _ => null,
    };

    public static PlatformException Map(int errorCode, string description, int? retryAfter, long? migrateToChatId, Exception? inner = null)
    {
        if (errorCode == 429)
        {
            return new PlatformException(PlatformFailure.RateLimited, description, TimeSpan.FromSeconds(Math.Max(1, retryAfter ?? 1)), inner);
        }

        if (migrateToChatId is { } to)
        {
            return new PlatformException(PlatformFailure.ChatMigrated, description, inner: inner)
            {
                MigratedToChatId = to.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        var failure = errorCode switch
        {
            403 => PlatformFailure.RecipientGone,
            >= 500 or 401 or 409 => PlatformFailure.Transient,
            400 when Has(description, "message is not modified") => PlatformFailure.NotModified,
            400 when Has(description, "message to edit not found") || Has(description, "message to delete not found")
                || Has(description, "message can't be edited") || Has(description, "message can't be deleted") => PlatformFailure.MessageGone,
            400 when Has(description, "chat not found") || Has(description, "not enough rights to send")
                || Has(description, "need administrator rights") || Has(description, "group chat was deactivated")
                || Has(description, "user is deactivated") => PlatformFailure.RecipientGone,
            _ => PlatformFailure.Rejected,
        };
        return new PlatformException(failure, description, inner: inner);
    }

    internal static bool IsQueryTooOld(string description) => Has(description, "query is too old") || Has(description, "query ID is invalid");

    private static bool Has(string description, string part) => description.Contains(part, StringComparison.OrdinalIgnoreCase);
}
