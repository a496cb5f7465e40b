using Microsoft.Extensions.Options;

namespace AlertBot.Core.Events;

/// <summary>
/// Answers "is this identity a moderator" from <c>Moderation:Moderators</c> as configured now: a change to the setting
/// (a reloaded file, new environment for a restarted host) counts from the next question on, so a moderator removed
/// from the list loses the right at once. The console, the API and the platforms' moderator chats all ask here.
/// </summary>
public sealed class ModeratorDirectory(IOptionsMonitor<ModerationOptions> options)
{
    public const string Telegram = "telegram";
    public const string Discord = "discord";
    public const string Console = "console";

    /// <summary>True when <paramref name="identity"/> (<c>telegram:&lt;id&gt;</c>, <c>discord:&lt;id&gt;</c>, <c>console:&lt;login&gt;</c>) is listed.</summary>
    public bool IsModerator(string identity) =>
        !string.IsNullOrWhiteSpace(identity) && options.CurrentValue.ModeratorIdentities.Contains(identity.Trim(), StringComparer.Ordinal);

    /// <summary>True when the user <paramref name="userId"/> of <paramref name="platform"/> (<c>telegram</c>, <c>discord</c>, <c>console</c>) is listed.</summary>
    public bool IsModerator(string platform, string userId) =>
        !string.IsNullOrWhiteSpace(platform) && !string.IsNullOrWhiteSpace(userId) && IsModerator(Identity(platform, userId));

    /// <summary>
    /// True when the user of <paramref name="platform"/> may file reports from a chat: a curator
    /// (<c>Moderation:Curators</c>) or a moderator. Read from the current configuration at every call.
    /// </summary>
    public bool MayFileReports(string platform, string userId)
    {
        if (string.IsNullOrWhiteSpace(platform) || string.IsNullOrWhiteSpace(userId))
        {
            return false;
        }

        var identity = Identity(platform, userId);
        return IsModerator(identity) || options.CurrentValue.CuratorIdentities.Contains(identity, StringComparer.Ordinal);
    }

    /// <summary>The identity a platform user acts as in the audit log: <c>platform:id</c>.</summary>
    public static string Identity(string platform, string userId) => platform.Trim().ToLowerInvariant() + ":" + userId.Trim();
}
