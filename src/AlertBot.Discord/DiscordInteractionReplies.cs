using AlertBot.Core.Platforms;
using Microsoft.Extensions.Logging;

namespace AlertBot.Discord;

/// <summary>
/// How the conversation answers one Discord interaction. The first answer is the interaction's callback (a message, or
/// for a button the menu updated in place); later ones are follow-ups, or the edit of the deferred answer. If the
/// conversation has said nothing after <c>Discord:DeferAfterMilliseconds</c>, the interaction is deferred (Discord wants an answer
/// within 3 seconds) and the answer comes as that deferred message. In a server channel replies are ephemeral (only the
/// member sees them); in DMs they are ordinary messages. Buttons are fitted to Discord's 5 × 5 and what they issue is
/// recorded on the message they went out with, so that a press is honoured only as issued.
/// </summary>
internal sealed partial class DiscordInteractionReplies : IReplyContext, IAsyncDisposable
{
    /// <summary>The custom id of a modal's text input.</summary>
    public const string ModalInput = "reason";

    private readonly DiscordRestClient _client;
    private readonly IssuedButtons _issuedButtons;
    private readonly Interaction _interaction;
    private readonly string _applicationId;
    private readonly bool _ephemeral;
    private readonly bool _isPress;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly CancellationTokenSource _deferral = new();
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _deferTask;
    private int? _callbackType;
    private bool _originalFilled;
    private bool _acknowledged;

    public DiscordInteractionReplies(
        DiscordRestClient client,
        IssuedButtons issuedButtons,
        Interaction interaction,
        ChatRef chat,
        TimeSpan deferAfter,
        TimeProvider time,
        ILogger logger)
    {
        _client = client;
        _issuedButtons = issuedButtons;
        _interaction = interaction;
        Chat = chat;
        _applicationId = interaction.ApplicationId ?? client.ApplicationId ?? string.Empty;
        _isPress = interaction.Type is DiscordInteractions.MessageComponent or DiscordInteractions.ModalSubmit;
        _ephemeral = chat.Kind != ChatKind.Private;
        _logger = logger;
        _deferTask = DeferLaterAsync(deferAfter, time);
    }

    public ChatRef Chat { get; }

    /// <summary>Completes when the interaction has had its first answer (the 3-second deadline is met).</summary>
    public Task Answered => _answered.Task;

    public bool Acknowledged => _acknowledged || _callbackType is not null;

    public Task ReplyAsync(OutgoingMessage message, CancellationToken ct) =>
        SendAsync(message, _ephemeral || message.VisibleToUserId is not null, ct);

    public Task ReplyPrivatelyAsync(OutgoingMessage message, CancellationToken ct) => SendAsync(message, _ephemeral, ct);

    /// <summary>For a button: the message it is under is replaced (menus browse in place); for a command, a reply.</summary>
    public async Task ShowAsync(OutgoingMessage message, CancellationToken ct)
    {
        var parts = ChatReplies.Split(message, DiscordMessages.Capabilities);
        if (!_isPress || parts.Count > 1 || _interaction.Message is not { } pressed)
        {
            await ReplyAsync(message, ct);
            return;
        }

        var (wire, issued) = IssuedButtons.Fit(parts[0], DiscordMessages.Capabilities);
        await _lock.WaitAsync(ct);
        try
        {
            if (_callbackType is null)
            {
                await CallbackAsync(new InteractionResponse(DiscordInteractions.UpdateMessage, DiscordMessages.CallbackData(wire, ephemeral: false) with { Flags = null }), ct);
            }
            else if (_callbackType == DiscordInteractions.DeferredUpdateMessage)
            {
                // After a deferred update, @original is the message the button is under.
                await _client.EditOriginalAsync(_applicationId, _interaction.Token, DiscordMessages.EditBody(wire), ct);
            }
            else
            {
                await _client.EditFollowUpAsync(_applicationId, _interaction.Token, pressed.Id, DiscordMessages.EditBody(wire), ct);
            }
        }
        finally
        {
            _lock.Release();
        }

        await _issuedButtons.RecordAsync(Chat, pressed.Id, issued, ct);
    }

    /// <summary>
    /// A press acknowledged without a notice needs no call of its own: the menu's update or the reply that follows
    /// answers the interaction, and <see cref="FinishAsync"/> sends a deferred update when nothing did.
    /// </summary>
    public async Task AcknowledgeAsync(string? notice, CancellationToken ct)
    {
        if (!_isPress)
        {
            return;
        }

        _acknowledged = true;
        if (notice is null)
        {
            return;
        }

        await _lock.WaitAsync(ct);
        try
        {
            if (_callbackType is null)
            {
                await CallbackAsync(new InteractionResponse(DiscordInteractions.ChannelMessage, DiscordMessages.CallbackData(new OutgoingMessage(notice), ephemeral: true)), ct);
            }
            else
            {
                await _client.FollowUpAsync(_applicationId, _interaction.Token, DiscordMessages.Body(new OutgoingMessage(notice), DiscordRestClient.Ephemeral), ct);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Answers the interaction with a modal of one paragraph input (<c>reason</c>), whose submission comes back as its own interaction.</summary>
    public async Task ModalAsync(string customId, string title, string label, int maxLength, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            await CallbackAsync(
                new InteractionResponse(DiscordInteractions.Modal, new InteractionCallbackData
                {
                    CustomId = customId,
                    Title = title.Length > 45 ? title[..45] : title,
                    Components =
                    [
                        new Component
                        {
                            Type = 1,
                            Components = [new Component { Type = 4, CustomId = ModalInput, Style = 2, Label = label, MinLength = 1, MaxLength = maxLength, Required = true }],
                        },
                    ],
                }),
                ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The turn is over: an interaction the conversation left unanswered is acknowledged, and the deferral timer stopped.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        await _deferral.CancelAsync();
        await _deferTask;
        await _lock.WaitAsync(ct);
        try
        {
            if (_callbackType is null)
            {
                await CallbackAsync(
                    _isPress
                        ? new InteractionResponse(DiscordInteractions.DeferredUpdateMessage)
                        : new InteractionResponse(DiscordInteractions.DeferredChannelMessage, new InteractionCallbackData { Flags = _ephemeral ? DiscordRestClient.Ephemeral : null }),
                    ct);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _deferral.CancelAsync();
        await _deferTask;
        _deferral.Dispose();
        _lock.Dispose();
        _answered.TrySetResult();
    }

    private async Task SendAsync(OutgoingMessage message, bool ephemeral, CancellationToken ct)
    {
        if (message.Image is { } image)
        {
            await SendImageAsync(message, image, ephemeral, ct);
            return;
        }

        foreach (var part in ChatReplies.Split(message, DiscordMessages.Capabilities))
        {
            var (wire, issued) = IssuedButtons.Fit(part with { VisibleToUserId = null }, DiscordMessages.Capabilities);
            string? messageId;
            await _lock.WaitAsync(ct);
            try
            {
                if (_callbackType is null)
                {
                    var callback = await CallbackAsync(new InteractionResponse(DiscordInteractions.ChannelMessage, DiscordMessages.CallbackData(wire, ephemeral)), ct, withResponse: true);
                    messageId = callback?.Resource?.Message?.Id;
                }
                else if (_callbackType == DiscordInteractions.DeferredChannelMessage && !_originalFilled)
                {
                    _originalFilled = true;
                    messageId = (await _client.EditOriginalAsync(_applicationId, _interaction.Token, DiscordMessages.EditBody(wire), ct))?.Id;
                }
                else
                {
                    messageId = (await _client.FollowUpAsync(_applicationId, _interaction.Token, DiscordMessages.Body(wire, ephemeral ? DiscordRestClient.Ephemeral : null), ct))?.Id;
                }
            }
            finally
            {
                _lock.Release();
            }

            if (messageId is not null)
            {
                await _issuedButtons.RecordAsync(Chat, messageId, issued, ct);
            }
        }
    }

    /// <summary>
    /// An image (a digest preview's map) goes as a follow-up with the file uploaded and shown in an embed. Follow-ups
    /// need the interaction answered first: when nothing has answered it yet, the image's words answer it.
    /// </summary>
    private async Task SendImageAsync(OutgoingMessage message, ChatImage image, bool ephemeral, CancellationToken ct)
    {
        bool needsAnswer;
        await _lock.WaitAsync(ct);
        try
        {
            needsAnswer = _callbackType is null || (_callbackType == DiscordInteractions.DeferredChannelMessage && !_originalFilled);
        }
        finally
        {
            _lock.Release();
        }

        if (needsAnswer)
        {
            await SendAsync(new OutgoingMessage(image.AltText), ephemeral, ct);
        }

        var body = DiscordMessages.WithImage(DiscordMessages.Body(message with { Buttons = [] }, ephemeral ? DiscordRestClient.Ephemeral : null), image);
        await _lock.WaitAsync(ct);
        try
        {
            await _client.FollowUpWithFileAsync(_applicationId, _interaction.Token, body, image.Png, image.FileName, ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<InteractionCallback?> CallbackAsync(InteractionResponse response, CancellationToken ct, bool withResponse = false)
    {
        var callback = await _client.CallbackAsync(_interaction.Id, _interaction.Token, response, withResponse, ct);
        _callbackType = response.Type;
        _answered.TrySetResult();
        return callback;
    }

    private async Task DeferLaterAsync(TimeSpan deferAfter, TimeProvider time)
    {
        try
        {
            await Task.Delay(deferAfter, time, _deferral.Token);
            await _lock.WaitAsync(_deferral.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (_callbackType is null)
            {
                await CallbackAsync(
                    _isPress
                        ? new InteractionResponse(DiscordInteractions.DeferredUpdateMessage)
                        : new InteractionResponse(DiscordInteractions.DeferredChannelMessage, new InteractionCallbackData { Flags = _ephemeral ? DiscordRestClient.Ephemeral : null }),
                    CancellationToken.None);
                LogDeferred(_interaction.Id);
            }
        }
        catch (PlatformException ex)
        {
            LogDeferFailed(_interaction.Id, ex.Message);
        }
        finally
        {
            _lock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord: interaction {InteractionId} took longer than the deadline allows; deferred")]
    private partial void LogDeferred(string interactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: deferring interaction {InteractionId} failed ({Reason})")]
    private partial void LogDeferFailed(string interactionId, string reason);
}
