using System.Globalization;
using System.Text.Json;
using AlertBot.Core.Conversation;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlertBot.Discord;

/// <summary>
/// Takes each interaction (from the gateway or the HTTP endpoint) and each server the bot joined or left, and hands
/// them on in a fresh DI scope: slash commands as the command line they stand for and button presses to
/// <see cref="ConversationService"/> with a <see cref="DiscordInteractionReplies"/> for the turn, autocomplete answered
/// from <see cref="DiscordCommands"/>, a server the bot was removed from to <see cref="ChatLifecycle"/>. In a server the
/// member's rights are read from the interaction (<c>member.permissions</c>: Manage Channels or Administrator). A
/// malformed, oversized or unknown interaction is logged and skipped; one failing never stops the next.
/// </summary>
internal sealed partial class DiscordInbound(
    IServiceScopeFactory scopes,
    IssuedButtons issuedButtons,
    DiscordRestClient client,
    DiscordRateLimits limits,
    DiscordCommands commands,
    DiscordModeratorCards cards,
    DiscordMetrics metrics,
    IHostApplicationLifetime lifetime,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordInbound> logger)
{
    /// <summary>An interaction larger than this (raw JSON bytes) is skipped unread; Discord's are far smaller.</summary>
    public const int MaxInteractionBytes = 64 * 1024;

    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];
    private int _inFlight;

    private TimeSpan DeferAfter => TimeSpan.FromMilliseconds(options.Value.DeferAfterMilliseconds);

    /// <summary>Interactions being handled now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Reads an interaction; null (logged) when it is not one.</summary>
    public Interaction? Read(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > MaxInteractionBytes)
        {
            metrics.Error("interaction_too_large");
            LogTooLarge(raw.Length);
            return null;
        }

        try
        {
            var interaction = JsonSerializer.Deserialize(raw, DiscordJson.Default.Interaction);
            if (interaction is { Id.Length: > 0, Type: > 0 } && (interaction.Type == DiscordInteractions.Ping || interaction.Token.Length > 0))
            {
                return interaction;
            }
        }
        catch (JsonException ex)
        {
            LogMalformed(ex);
        }

        metrics.Error("malformed_interaction");
        return null;
    }

    public Interaction? Read(JsonElement raw) => Read(JsonSerializer.SerializeToUtf8Bytes(raw));

    /// <summary>
    /// Starts handling <paramref name="interaction"/> in the background; the returned task completes when it has had its
    /// first answer (or its handling ended), so that the HTTP endpoint can answer Discord's request then.
    /// </summary>
    public Task StartAsync(Interaction interaction)
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _inFlight);
        var task = Task.Run(async () =>
        {
            try
            {
                await HandleAsync(interaction, answered, lifetime.ApplicationStopping);
            }
            finally
            {
                answered.TrySetResult();
                Interlocked.Decrement(ref _inFlight);
            }
        });
        lock (_lock)
        {
            _running.Add(task);
        }

        _ = task.ContinueWith(
            t =>
            {
                lock (_lock)
                {
                    _running.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return answered.Task;
    }

    /// <summary>Waits for the interactions being handled (at shutdown).</summary>
    public Task DrainAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_running);
        }
    }

    /// <summary>
    /// A server is available (GUILD_CREATE: at connection, after an outage, or the bot added to it): its channels that
    /// had stopped receiving (the bot removed, or its access lost) receive again; one that still cannot be written to
    /// is deactivated again by its next send.
    /// </summary>
    public async Task GuildAvailableAsync(string guildId, IReadOnlyCollection<string> channelIds, CancellationToken ct)
    {
        if (channelIds.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AlertBotDb>();
        var ids = channelIds.ToList();
        var inactive = await db.Recipients.Where(r => r.Platform == DiscordPlatform.PlatformName && r.DeactivatedAt != null && ids.Contains(r.ChatId))
            .Select(r => r.ChatId).ToListAsync(ct);
        var lifecycle = scope.ServiceProvider.GetRequiredService<ChatLifecycle>();
        foreach (var channel in inactive)
        {
            await lifecycle.UnblockedAsync(new ChatRef(DiscordPlatform.PlatformName, channel, ChatKind.Group), ct);
        }

        if (inactive.Count > 0)
        {
            LogGuildBack(guildId, inactive.Count);
        }
    }

    /// <summary>The bot left a server (GUILD_DELETE without <c>unavailable</c>): its channels stop receiving.</summary>
    public async Task GuildRemovedAsync(string guildId, IReadOnlyList<string> channelIds, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var lifecycle = scope.ServiceProvider.GetRequiredService<ChatLifecycle>();
        foreach (var channel in channelIds)
        {
            await lifecycle.RemovedAsync(new ChatRef(DiscordPlatform.PlatformName, channel, ChatKind.Group), ct);
        }

        LogGuildRemoved(guildId, channelIds.Count);
    }

    private async Task HandleAsync(Interaction interaction, TaskCompletionSource answered, CancellationToken ct)
    {
        var type = DiscordInteractions.TypeName(interaction.Type);
        metrics.Interaction(type);
        try
        {
            switch (interaction.Type)
            {
                case DiscordInteractions.ApplicationCommand:
                    await CommandAsync(interaction, answered, ct);
                    break;
                case DiscordInteractions.MessageComponent:
                    await PressAsync(interaction, answered, ct);
                    break;
                case DiscordInteractions.Autocomplete:
                    await AutocompleteAsync(interaction, ct);
                    break;
                case DiscordInteractions.ModalSubmit:
                    await ModalSubmitAsync(interaction, answered, ct);
                    break;
                default:
                    LogUnhandled(interaction.Id, interaction.Type);
                    break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            metrics.Error("handler");
            LogHandlerFailed(ex, interaction.Id, type);
        }
    }

    private async Task CommandAsync(Interaction interaction, TaskCompletionSource answered, CancellationToken ct)
    {
        if (interaction.Data is not { } data || DiscordCommands.CommandLine(data) is not { } line || TurnOf(interaction) is not var (chat, from))
        {
            metrics.Error("unknown_command");
            LogUnknownCommand(interaction.Id, interaction.Data?.Name);
            return;
        }

        await using var replies = new DiscordInteractionReplies(client, issuedButtons, interaction, chat, DeferAfter, time, logger);
        _ = replies.Answered.ContinueWith(_ => answered.TrySetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ConversationService>().HandleTextAsync(new IncomingText(chat, from, line), replies, ct);
            }

            if (chat.Kind != ChatKind.Private && from.Rights is { IsAdmin: false } && DiscordCommands.ChangesSettings(data))
            {
                // The conversation told the member that only the channel's admins may; offer them the alerts for themselves.
                await replies.ReplyAsync(new OutgoingMessage(DiscordCommands.SubscribePersonally.For(ChatLanguage.Both)), ct);
            }
        }
        finally
        {
            // Answered even when handling failed, so that the member is not left with "the application did not respond".
            await FinishQuietlyAsync(replies, interaction.Id);
        }
    }

    private async Task PressAsync(Interaction interaction, TaskCompletionSource answered, CancellationToken ct)
    {
        if (interaction.Data?.CustomId is not { Length: > 0 and <= 100 } customId || interaction.Message is not { } message || TurnOf(interaction) is not var (chat, from))
        {
            metrics.Error("malformed_press");
            LogMalformedPress(interaction.Id);
            return;
        }

        await using var replies = new DiscordInteractionReplies(client, issuedButtons, interaction, chat, DeferAfter, time, logger);
        _ = replies.Answered.ContinueWith(_ => answered.TrySetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            if (cards.IsModeratorChannel(chat)
                && await issuedButtons.ResolveAsync(chat, message.Id, customId, ct) is { } issued
                && DiscordModeratorCard.TryParse(issued, out var action, out var eventId))
            {
                await cards.PressAsync(from, action, eventId, replies, ct);
            }
            else
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ConversationService>()
                    .HandlePressAsync(new ButtonPress(chat, from, message.Id, customId, interaction.Id + "/" + interaction.Token), replies, ct);
            }
        }
        finally
        {
            await FinishQuietlyAsync(replies, interaction.Id);
        }
    }

    private async Task FinishQuietlyAsync(DiscordInteractionReplies replies, string interactionId)
    {
        try
        {
            await replies.FinishAsync(CancellationToken.None);
        }
        catch (PlatformException ex)
        {
            LogFinishFailed(interactionId, ex.Message);
        }
    }

    /// <summary>A submitted modal: the reject reason of a moderator card (the only modal the bot shows).</summary>
    private async Task ModalSubmitAsync(Interaction interaction, TaskCompletionSource answered, CancellationToken ct)
    {
        var reason = interaction.Data?.Components?.SelectMany(r => r.Components ?? []).FirstOrDefault(c => c.CustomId == DiscordInteractionReplies.ModalInput)?.Value;
        if (interaction.Data?.CustomId is not { } customId
            || !DiscordModeratorCard.TryParse(customId, out var action, out var eventId) || action != DiscordModeratorCard.Reject
            || string.IsNullOrWhiteSpace(reason) || TurnOf(interaction) is not var (chat, from) || !cards.IsModeratorChannel(chat))
        {
            metrics.Error("unknown_modal");
            LogUnknownModal(interaction.Id, interaction.Data?.CustomId);
            return;
        }

        await using var replies = new DiscordInteractionReplies(client, issuedButtons, interaction, chat, DeferAfter, time, logger);
        _ = replies.Answered.ContinueWith(_ => answered.TrySetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await cards.RejectAsync(from, eventId, reason.Trim(), replies, ct);
        }
        finally
        {
            await FinishQuietlyAsync(replies, interaction.Id);
        }
    }

    private async Task AutocompleteAsync(Interaction interaction, CancellationToken ct)
    {
        var focused = interaction.Data?.Options?.FirstOrDefault(o => o.Focused == true);
        var typed = focused?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() ?? string.Empty : string.Empty;
        var choices = typed.Length > DiscordCommands.MaxOptionLength ? [] : commands.Complete(typed);
        await client.CallbackAsync(
            interaction.Id,
            interaction.Token,
            new InteractionResponse(DiscordInteractions.AutocompleteResult, new InteractionCallbackData { Choices = choices }),
            withResponse: false,
            ct);
    }

    /// <summary>
    /// The chat and the person: in a server, the channel (a group) and the member with the rights their permissions give;
    /// in DMs, the person (whose DM channel is remembered for alerts).
    /// </summary>
    private (ChatRef Chat, ChatSender From)? TurnOf(Interaction interaction)
    {
        if (interaction.GuildId is not null && interaction.Member?.User?.Id is { } memberId && interaction.ChannelId is { } channelId)
        {
            var permissions = ulong.TryParse(interaction.Member.Permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : 0;
            var admin = (permissions & (DiscordInteractions.ManageChannels | DiscordInteractions.Administrator)) != 0;
            return (new ChatRef(DiscordPlatform.PlatformName, channelId, ChatKind.Group),
                new ChatSender(memberId, new MemberRights(IsMember: true, IsAdmin: admin), LanguageCode: interaction.Locale));
        }

        if (interaction.User?.Id is { } userId)
        {
            if (interaction.ChannelId is { } dm)
            {
                limits.RememberDm(userId, dm);
            }

            return (new ChatRef(DiscordPlatform.PlatformName, userId, ChatKind.Private), new ChatSender(userId, LanguageCode: interaction.Locale));
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: an interaction of {Length} bytes was skipped unread")]
    private partial void LogTooLarge(int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: a body that is not an interaction was skipped")]
    private partial void LogMalformed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: interaction {InteractionId} of type {Type} is not one the bot handles; skipped")]
    private partial void LogUnhandled(string interactionId, int type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: interaction {InteractionId} names no command the bot has ({Command}) or an option too long; skipped")]
    private partial void LogUnknownCommand(string interactionId, string? command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: button interaction {InteractionId} without a usable custom_id or message; skipped")]
    private partial void LogMalformedPress(string interactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: answering interaction {InteractionId} failed ({Reason})")]
    private partial void LogFinishFailed(string interactionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: modal {InteractionId} ({CustomId}) is not one the bot showed, or empty; skipped")]
    private partial void LogUnknownModal(string interactionId, string? customId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord: handling interaction {InteractionId} ({Type}) failed; the next ones go on")]
    private partial void LogHandlerFailed(Exception ex, string interactionId, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: server {GuildId} is back; {Channels} of its channels receive alerts again")]
    private partial void LogGuildBack(string guildId, int channels);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: the bot left server {GuildId}; {Channels} of its channels stop receiving alerts")]
    private partial void LogGuildRemoved(string guildId, int channels);
}
