using System.Globalization;

namespace AlertBot.Discord;

public enum DiscordMode
{
    /// <summary>The bot holds a gateway connection (one instance of a deployment, elected); interactions arrive over it.</summary>
    Gateway,

    /// <summary>Discord POSTs each interaction to <see cref="DiscordInteractionsEndpoint.Path"/>; stateless, any number of instances.</summary>
    Interactions,
}

/// <summary>The <c>Discord</c> section. The adapter is registered only when <see cref="BotToken"/> is set.</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    /// <summary>The bot's token (Developer Portal → Bot). From an environment variable or user secrets, never a file.</summary>
    public string? BotToken { get; set; }

    /// <summary>The application's id (Developer Portal → General Information): commands and interaction follow-ups name it.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key, 64 hex characters; required in <see cref="DiscordMode.Interactions"/> mode.</summary>
    public string? PublicKey { get; set; }

    /// <summary>REST base with the version: the public API or a test fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Optional override of the gateway address <c>GET /gateway/bot</c> returns.</summary>
    public string? GatewayUrl { get; set; }

    public DiscordMode Mode { get; set; } = DiscordMode.Gateway;

    /// <summary>Comma-separated server ids: register the slash commands there only (instant updates) instead of globally.</summary>
    public string? GuildIds { get; set; }

    /// <summary>The channel where pending events are posted for moderators.</summary>
    public string? ModeratorChannelId { get; set; }

    /// <summary><c>/ready</c> says degraded when the gateway has been down or unacknowledged for longer than this.</summary>
    public int DegradedAfterSeconds { get; set; } = 120;

    /// <summary>An interaction whose signed timestamp is older than this (or as far in the future) is refused with 401.</summary>
    public int MaxSignatureAgeSeconds { get; set; } = 300;

    /// <summary>
    /// How long an interaction's work may take before the bot defers it (Discord wants the first answer within 3 s; the
    /// answer then comes by editing the deferred message). Lower it on a slow host; 0 defers every interaction.
    /// </summary>
    public int DeferAfterMilliseconds { get; set; } = 2000;

    /// <summary>Requests a second to all of Discord but the interaction routes (Discord: 50 per bot).</summary>
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>The servers named by <see cref="GuildIds"/>.</summary>
    public IReadOnlyList<string> Guilds =>
        GuildIds is null ? [] : [.. GuildIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A Discord id: a 64-bit number written as a string.</summary>
    public static bool IsSnowflake(string? value) =>
        value is { Length: >= 1 and <= 20 } && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0;

    internal static bool IsValidToken(string? token) =>
        token is { Length: >= 20 and <= 200 } && !token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    internal static bool IsValidPublicKey(string? key) =>
        key is { Length: 64 } && key.All(char.IsAsciiHexDigit);
}
