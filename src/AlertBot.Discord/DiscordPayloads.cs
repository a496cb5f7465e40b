using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlertBot.Discord;

// Discord API v10 payloads, only the fields the bot reads or writes. Ids are snowflakes written as strings.

/// <summary><c>allowed_mentions</c>: the bot sends <c>{"parse":[]}</c> on every message, so no report text can ping anyone.</summary>
internal sealed record AllowedMentions(IReadOnlyList<string> Parse)
{
    public static AllowedMentions None { get; } = new([]);
}

internal sealed record EmbedField(string Name, string Value, bool? Inline = null);

internal sealed record EmbedFooter(string Text);

/// <summary>An embed's picture; <c>attachment://&lt;file name&gt;</c> shows a file uploaded with the message.</summary>
internal sealed record EmbedImage(string Url);

/// <summary>A file uploaded with the message as <c>files[Id]</c>: its name and its description (alt text).</summary>
internal sealed record AttachmentRef(int Id, string Filename, string? Description);

internal sealed record Embed
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public int? Color { get; init; }
    public string? Timestamp { get; init; }
    public IReadOnlyList<EmbedField>? Fields { get; init; }
    public EmbedFooter? Footer { get; init; }
    public EmbedImage? Image { get; init; }
}

/// <summary>An action row (type 1) holding buttons (type 2).</summary>
internal sealed record Component
{
    public required int Type { get; init; }
    public IReadOnlyList<Component>? Components { get; init; }
    public int? Style { get; init; }
    public string? Label { get; init; }
    public string? CustomId { get; init; }
    public string? Url { get; init; }
    public bool? Disabled { get; init; }

    // A modal's text input (type 4), and its value when the modal is submitted.
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public bool? Required { get; init; }
    public string? Value { get; init; }
}

internal sealed record MessageReference(string MessageId, bool FailIfNotExists = false);

/// <summary>The body of create message, edit message, an interaction's message callback and a follow-up.</summary>
internal sealed record MessageBody
{
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public AllowedMentions? AllowedMentions { get; init; } = AllowedMentions.None;
    public IReadOnlyList<Component>? Components { get; init; }
    public int? Flags { get; init; }
    public string? Nonce { get; init; }
    public bool? EnforceNonce { get; init; }
    public MessageReference? MessageReference { get; init; }
    public IReadOnlyList<AttachmentRef>? Attachments { get; init; }
}

internal sealed record Message(string Id, string ChannelId)
{
    public int? Flags { get; init; }
}

internal sealed record Channel(string Id, int Type)
{
    public string? GuildId { get; init; }
}

internal sealed record CreateDm(string RecipientId);

internal sealed record User(string Id)
{
    public string? Username { get; init; }
    public bool? Bot { get; init; }
}

internal sealed record GuildMember
{
    public User? User { get; init; }
    public string? Permissions { get; init; }
}

/// <summary>Discord's error body; a 429's has <c>retry_after</c> (seconds) and <c>global</c>.</summary>
internal sealed record ErrorBody
{
    public int Code { get; init; }
    public string? Message { get; init; }
    public double? RetryAfter { get; init; }
    public bool? Global { get; init; }
}

internal sealed record CommandChoice(string Name, string Value)
{
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }
}

internal sealed record CommandOption
{
    public required int Type { get; init; }
    public required string Name { get; init; }
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }
    public required string Description { get; init; }
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }
    public bool? Required { get; init; }
    public bool? Autocomplete { get; init; }
    public int? MaxLength { get; init; }
    public IReadOnlyList<CommandChoice>? Choices { get; init; }
    public IReadOnlyList<CommandOption>? Options { get; init; }
}

internal sealed record ApplicationCommand
{
    public string? Id { get; init; }
    public int Type { get; init; } = 1;
    public required string Name { get; init; }
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }
    public required string Description { get; init; }
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }
    public IReadOnlyList<CommandOption>? Options { get; init; }
    public string? DefaultMemberPermissions { get; init; }
    public IReadOnlyList<int>? Contexts { get; init; }
}

internal sealed record InteractionOption
{
    public string Name { get; init; } = string.Empty;
    public int Type { get; init; }
    public JsonElement? Value { get; init; }
    public IReadOnlyList<InteractionOption>? Options { get; init; }
    public bool? Focused { get; init; }
}

internal sealed record InteractionData
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public int? Type { get; init; }
    public IReadOnlyList<InteractionOption>? Options { get; init; }
    public string? CustomId { get; init; }
    public int? ComponentType { get; init; }

    /// <summary>A submitted modal's rows of text inputs.</summary>
    public IReadOnlyList<Component>? Components { get; init; }
}

internal sealed record Interaction
{
    public string Id { get; init; } = string.Empty;
    public string? ApplicationId { get; init; }
    public int Type { get; init; }
    public InteractionData? Data { get; init; }
    public string? GuildId { get; init; }
    public string? ChannelId { get; init; }
    public GuildMember? Member { get; init; }
    public User? User { get; init; }
    public string Token { get; init; } = string.Empty;
    public Message? Message { get; init; }
    public string? Locale { get; init; }
}

internal sealed record InteractionCallbackData
{
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public AllowedMentions? AllowedMentions { get; init; }
    public IReadOnlyList<Component>? Components { get; init; }
    public int? Flags { get; init; }
    public IReadOnlyList<CommandChoice>? Choices { get; init; }

    // A modal (callback type 9).
    public string? CustomId { get; init; }
    public string? Title { get; init; }
}

internal sealed record InteractionResponse(int Type, InteractionCallbackData? Data = null);

internal sealed record InteractionCallbackResource(int Type, Message? Message);

/// <summary>The answer of a callback made with <c>?with_response=true</c>.</summary>
internal sealed record InteractionCallback(InteractionCallbackResource? Resource);

internal sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);

internal sealed record GatewayBot(string Url, int Shards, SessionStartLimit? SessionStartLimit);

/// <summary>The gateway's envelope: <c>op</c>, <c>d</c>, and for dispatches (op 0) <c>s</c> and <c>t</c>.</summary>
internal sealed record GatewayPayload(int Op, JsonElement? D, int? S = null, string? T = null);

internal sealed record Hello(int HeartbeatInterval);

internal sealed record IdentifyProperties(string Os, string Browser, string Device);

internal sealed record Identify(string Token, int Intents, IdentifyProperties Properties);

internal sealed record Resume(string Token, string SessionId, int? Seq);

internal sealed record ReadyApplication(string Id);

internal sealed record Ready(string SessionId, string ResumeGatewayUrl)
{
    public User? User { get; init; }
    public ReadyApplication? Application { get; init; }
}

internal sealed record GuildEvent(string Id)
{
    public bool? Unavailable { get; init; }
    public string? Name { get; init; }
}

internal sealed record GatewayHeartbeat(int Op, int? D);

internal sealed record GatewayCommand<T>(int Op, T D);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(MessageBody))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(CreateDm))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(List<ApplicationCommand>))]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(InteractionCallback))]
[JsonSerializable(typeof(GatewayBot))]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(Hello))]
[JsonSerializable(typeof(GatewayCommand<Identify>))]
[JsonSerializable(typeof(GatewayCommand<Resume>))]
[JsonSerializable(typeof(GatewayHeartbeat))]
[JsonSerializable(typeof(Ready))]
[JsonSerializable(typeof(GuildEvent))]
internal sealed partial class DiscordJson : JsonSerializerContext;
