using AlertBot.Core.Platforms;

namespace AlertBot.Discord;

/// <summary>
/// Discord's answers as the port's failures, by HTTP status and JSON error code: 429 → rate limited for
/// <c>retry_after</c>; 50007 (DMs closed), 50001 (missing access) and 10003 (unknown channel) → the recipient is gone,
/// never retried; 10008 (unknown message) → the message is gone; 5xx, 401 and network failures → transient; any other
/// 4xx → rejected.
/// </summary>
internal static class DiscordErrors
{
    public const int UnknownChannel = 10003;
    public const int UnknownMessage = 10008;
    public const int UnknownInteraction = 10062;
    public const int AlreadyAcknowledged = 40060;
    public const int MissingAccess = 50001;
    public const int CannotMessageUser = 50007;

    /// <summary>Whether the failure carried Discord's JSON error <paramref name="code"/>.</summary>
    public static bool HasCode(PlatformException ex, int code) =>
        ex.Message.Contains("(" + code.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")", StringComparison.Ordinal);

    public static PlatformException Map(int status, ErrorBody? error, TimeSpan? retryAfter)
    {
        var code = error?.Code ?? 0;
        var reason = $"Discord {status}" + (code != 0 ? $" ({code})" : string.Empty) + (error?.Message is { Length: > 0 } m ? ": " + m : string.Empty);
        if (status == 429)
        {
            // The client held the route's bucket (or, for a global 429, every route) before mapping: a limit on one
            // channel does not stop the sends to the others.
            return new PlatformException(PlatformFailure.RateLimited, reason, retryAfter ?? TimeSpan.FromSeconds(1)) { HeldByAdapter = true };
        }

        var failure = (status, code) switch
        {
            (_, CannotMessageUser or MissingAccess or UnknownChannel) => PlatformFailure.RecipientGone,
            (_, UnknownMessage) => PlatformFailure.MessageGone,
            ( >= 500, _) or (401, _) or (408, _) => PlatformFailure.Transient,
            _ => PlatformFailure.Rejected,
        };
        return new PlatformException(failure, reason);
    }
}
