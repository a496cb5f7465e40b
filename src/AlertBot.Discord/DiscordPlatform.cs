using AlertBot.Core.Platforms;
using AlertBot.Core.Rendering;
using AlertBot.Extraction;
using Microsoft.Extensions.Logging;

namespace AlertBot.Discord;

/// <summary>
/// Discord through the port. A person (<see cref="ChatKind.Private"/>, the chat id is the user's id) is written to in
/// their DM channel, opened once and remembered; a server channel (<see cref="ChatKind.Group"/>) by its channel id.
/// Every message carries <c>allowed_mentions: {parse: []}</c> and a nonce with <c>enforce_nonce</c>, so that a send retried
/// after its answer was lost returns the message already made instead of a second one; a reply meant for one member
/// outside an interaction goes to their DMs. Discord's errors come back as <see cref="PlatformException"/> (<see cref="DiscordErrors"/>): closed
/// DMs, lost access and unknown channels as a gone recipient, which the dispatcher deactivates. An alert to a server
/// channel goes as a bilingual embed (<see cref="DiscordEmbeds"/>); to a person, as text.
/// </summary>
internal sealed partial class DiscordPlatform(DiscordRestClient client, DiscordRateLimits limits, Gazetteer gazetteer, ILogger<DiscordPlatform> logger) : IChatPlatform
{
    public const string PlatformName = "discord";

    public string Name => PlatformName;

    public PlatformMarkup Markup => PlatformMarkup.DiscordMarkdown;

    public ChatCapabilities Capabilities => DiscordMessages.Capabilities;

    /// <summary>Buckets learned from Discord's headers and the global limit (<see cref="DiscordRateLimits"/>).</summary>
    public ISendGate Gate => limits;

    public ChatRef? PrivateChatWith(string userId) => new(PlatformName, userId, ChatKind.Private);

    public async Task<string> SendAsync(ChatRef chat, OutgoingMessage message, CancellationToken ct)
    {
        if (message.VisibleToUserId is { } userId && chat.Kind != ChatKind.Private)
        {
            // Ephemeral messages exist only as interaction answers; outside one, the member's DMs are the private place.
            chat = new ChatRef(PlatformName, userId, ChatKind.Private);
        }

        var channel = await ChannelOfAsync(chat, ct);
        var body = DiscordMessages.Body(message);
        if (AsEmbed(chat, message) is { } embed)
        {
            body = body with { Content = null, Embeds = [embed] };
        }

        if (message.Image is { } image)
        {
            // The map as an uploaded file shown in an embed; the caption (if any) stays the message's content.
            body = DiscordMessages.WithImage(body, image);
            return (await client.CreateMessageWithFileAsync(channel, DiscordMessages.WithNonce(channel, body), image.Png, image.FileName, ct)).Id;
        }

        var sent = await client.CreateMessageAsync(channel, DiscordMessages.WithNonce(channel, body), ct);
        return sent.Id;
    }

    public async Task EditAsync(ChatRef chat, string messageId, OutgoingMessage message, CancellationToken ct)
    {
        var channel = await ChannelOfAsync(chat, ct);
        var body = DiscordMessages.EditBody(message);
        if (AsEmbed(chat, message) is { } embed)
        {
            body = body with { Content = string.Empty, Embeds = [embed] };
        }

        await client.EditMessageAsync(channel, messageId, body, ct);
    }

    public async Task DeleteAsync(ChatRef chat, string messageId, CancellationToken ct)
    {
        var channel = await ChannelOfAsync(chat, ct);
        await client.DeleteMessageAsync(channel, messageId, ct);
    }

    /// <summary>
    /// A press id is <c>&lt;interaction id&gt;/&lt;token&gt;</c>: the press is acknowledged (deferred update, nothing shown), or
    /// answered with an ephemeral notice; when it was acknowledged already the notice goes as an ephemeral follow-up.
    /// </summary>
    public async Task AnswerButtonAsync(string pressId, string? notice, CancellationToken ct)
    {
        var slash = pressId.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new PlatformException(PlatformFailure.Rejected, $"'{pressId}' is not a Discord interaction");
        }

        var (id, token) = (pressId[..slash], pressId[(slash + 1)..]);
        var response = notice is null
            ? new InteractionResponse(DiscordInteractions.DeferredUpdateMessage)
            : new InteractionResponse(DiscordInteractions.ChannelMessage, DiscordMessages.CallbackData(new OutgoingMessage(notice), ephemeral: true));
        try
        {
            await client.CallbackAsync(id, token, response, withResponse: false, ct);
        }
        catch (PlatformException ex) when (DiscordErrors.HasCode(ex, DiscordErrors.AlreadyAcknowledged))
        {
            LogAlreadyAnswered(id);
            if (notice is not null && client.ApplicationId is { } application)
            {
                await client.FollowUpAsync(application, token, DiscordMessages.Body(new OutgoingMessage(notice), DiscordRestClient.Ephemeral), ct);
            }
        }
    }

    /// <summary>
    /// A person is a member of and may change only their own DMs. In a server, Discord sends the member's permissions
    /// with every interaction (the conversation reads them from there); outside an interaction they are not asked.
    /// </summary>
    public Task<MemberRights> GetMemberRightsAsync(ChatRef chat, string userId, CancellationToken ct)
    {
        if (chat.Kind == ChatKind.Private)
        {
            var own = chat.ChatId == userId;
            return Task.FromResult(new MemberRights(own, own));
        }

        throw new PlatformException(PlatformFailure.Rejected, "Discord: a member's permissions come with their interaction and are not asked for otherwise");
    }

    /// <summary>An alert to a server channel goes as a bilingual embed; to a person, as text.</summary>
    private Embed? AsEmbed(ChatRef chat, OutgoingMessage message) =>
        chat.Kind != ChatKind.Private && message.Alert is { } alert && message.VisibleToUserId is null
            ? DiscordEmbeds.Alert(alert, DiscordMessages.ContentOf(message), gazetteer)
            : null;

    private async Task<string> ChannelOfAsync(ChatRef chat, CancellationToken ct) =>
        chat.Kind == ChatKind.Private ? await client.OpenDmAsync(chat.ChatId, ct) : chat.ChatId;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord: interaction {InteractionId} was acknowledged already")]
    private partial void LogAlreadyAnswered(string interactionId);
}
