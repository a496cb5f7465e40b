using System.Text.Json.Nodes;

namespace AlertBot.TestSupport.Discord;

/// <summary>The fake's limits: the per-channel message bucket, the DM-opening bucket and the global limit.</summary>
public sealed record FakeDiscordLimits(
    int ChannelMessages = 5,
    double ChannelWindowSeconds = 5,
    int DmOpens = 50,
    double DmOpenWindowSeconds = 1,
    int GlobalPerSecond = 50);

/// <summary>One REST call the bot made, with the answer's status and Discord's JSON error code (0 for none).</summary>
public sealed record FakeDiscordCall(DateTimeOffset At, string Method, string Path, int Status, int Code, JsonNode? Body);

/// <summary>A message in a channel as the fake holds it now (after edits).</summary>
/// <summary>A file uploaded with a message (multipart field <c>files[n]</c>).</summary>
public sealed record FakeDiscordFile(string Field, string FileName, string ContentType, byte[] Bytes);

public sealed partial class FakeDiscordMessage
{
    /// <summary>The files uploaded with the message.</summary>
    public IReadOnlyList<FakeDiscordFile> Files { get; init; } = [];

    public required string Id { get; init; }

    public required string ChannelId { get; init; }

    public string? Content { get; set; }

    public JsonArray? Embeds { get; set; }

    public JsonArray? Components { get; set; }

    /// <summary>The <c>allowed_mentions</c> the bot sent; null when it sent none (Discord would then parse mentions).</summary>
    public JsonNode? AllowedMentions { get; set; }

    public int Flags { get; set; }

    /// <summary>The interaction whose answer (or follow-up) this message is; null for a plain send.</summary>
    public string? InteractionId { get; init; }

    public string? Nonce { get; init; }

    /// <summary>The message this one replies to (<c>message_reference</c>).</summary>
    public string? ReplyToMessageId { get; init; }

    public DateTimeOffset At { get; init; }

    public int Edits { get; set; }

    public bool Deleted { get; set; }

    public bool Ephemeral => (Flags & 64) != 0;

    /// <summary>Every button: its custom_id and label.</summary>
    public IReadOnlyList<(string CustomId, string Label)> Buttons =>
        Components is null
            ? []
            : [.. Components.OfType<JsonObject>().SelectMany(r => r["components"]?.AsArray().OfType<JsonObject>() ?? [])
                .Where(b => b["custom_id"] is not null)
                .Select(b => (b["custom_id"]!.GetValue<string>(), b["label"]?.GetValue<string>() ?? string.Empty))];

    /// <summary>The whole text as a reader sees it (markdown escapes undone): content, then the embeds' titles, descriptions and fields.</summary>
    public string Text => Unescaped().Replace(RawText, "$1");

    /// <summary>The whole text as sent: content, then the embeds' titles, descriptions and fields.</summary>
    public string RawText =>
        string.Join('\n', new[] { Content ?? string.Empty }.Concat(Embeds?.OfType<JsonObject>().SelectMany(e =>
            new[] { e["title"]?.GetValue<string>(), e["description"]?.GetValue<string>() }
                .Concat(e["fields"]?.AsArray().OfType<JsonObject>().SelectMany(f => new[] { f["name"]?.GetValue<string>(), f["value"]?.GetValue<string>() }) ?? [])
                .OfType<string>()) ?? []));

    [System.Text.RegularExpressions.GeneratedRegex(@"\\([\\*_~`|><#\-\[\]():])")]
    private static partial System.Text.RegularExpressions.Regex Unescaped();
}

/// <summary>An interaction the fake made, and what the bot answered to it.</summary>
public sealed class FakeDiscordInteraction
{
    public required string Id { get; init; }

    public required string Token { get; init; }

    public required int Type { get; init; }

    public required string ChannelId { get; init; }

    public required JsonObject Json { get; init; }

    /// <summary>The callback type of the bot's first answer; null until it answered.</summary>
    public int? CallbackType { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The callback's data (choices of an autocomplete, a message's content).</summary>
    public JsonNode? CallbackData { get; set; }

    /// <summary>The message <c>@original</c> names: the one the first answer made (type 4 or 5), or for a component the message it is on (type 6 or 7).</summary>
    public string? OriginalMessageId { get; set; }

    /// <summary>The choices an autocomplete answer offered: (name, value).</summary>
    public IReadOnlyList<(string Name, string Value)> Choices =>
        CallbackData?["choices"]?.AsArray().OfType<JsonObject>()
            .Select(c => (c["name"]!.GetValue<string>(), c["value"]!.ToString())).ToList() ?? [];
}
