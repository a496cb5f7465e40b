using System.Diagnostics;
using AlertBot.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AlertBot.Core.Platforms;

/// <summary>A chat moved on its platform (Telegram's group → supergroup): the recipient, its settings and registries follow it.</summary>
public interface IChatMigrations
{
    Task MovedAsync(string platform, string fromChatId, string toChatId, CancellationToken ct);
}

/// <summary>
/// Every outbound call to a platform goes through here: it waits for the platform's own gate first (shared in this
/// process by alerts, replies, edits, deletes, button answers and rights checks), holds the gate after a 429 for its
/// retry_after, counts every call and its outcome, fits buttons to the platform and remembers what they issue, follows a
/// chat that moved (and retries once at its new id), takes an edit that changes nothing as done, and deletes at best effort.
/// </summary>
public sealed partial class MessageSender(
    ChatPlatforms platforms,
    IssuedButtons issuedButtons,
    IServiceScopeFactory scopes,
    AlertBotMetrics metrics,
    TimeProvider time,
    ILogger<MessageSender> logger)
{
    /// <summary>Sends one message; returns the platform's message id and the chat it went to (a new id if the chat moved).</summary>
    /// <param name="maxWait">How long the caller will wait for the platform's limits; a longer wait throws <see cref="GateWaitException"/>.</param>
    public async Task<(string MessageId, ChatRef Chat)> SendAsync(ChatRef chat, OutgoingMessage message, CancellationToken ct, TimeSpan? maxWait = null)
    {
        var adapter = platforms.Get(chat.Platform);
        var (wire, issued) = IssuedButtons.Fit(message, adapter.Capabilities);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await WaitForGateAsync(adapter, chat, PlatformCall.Send, maxWait, ct);
                var started = Stopwatch.GetTimestamp();
                var id = await Counted(adapter, chat, PlatformCall.Send, () => adapter.SendAsync(chat, wire, ct));
                metrics.MessageSent(chat.Platform, Stopwatch.GetElapsedTime(started));
                if (issued.Count > 0)
                {
                    await issuedButtons.RecordAsync(chat, id, issued, ct);
                }

                return (id, chat);
            }
            catch (PlatformException ex) when (ex.Failure == PlatformFailure.ChatMigrated && ex.MigratedToChatId is { } to && attempt == 0)
            {
                chat = await FollowAsync(chat, to, ct);
            }
        }
    }

    /// <summary>Replaces a message's text and buttons; an edit that changes nothing is done.</summary>
    public async Task EditAsync(ChatRef chat, string messageId, OutgoingMessage message, CancellationToken ct, TimeSpan? maxWait = null)
    {
        var adapter = platforms.Get(chat.Platform);
        var (wire, issued) = IssuedButtons.Fit(message, adapter.Capabilities);
        await WaitForGateAsync(adapter, chat, PlatformCall.Edit, maxWait, ct);
        try
        {
            await Counted(adapter, chat, PlatformCall.Edit, async () =>
            {
                await adapter.EditAsync(chat, messageId, wire, ct);
                return messageId;
            });
        }
        catch (PlatformException ex) when (ex.Failure == PlatformFailure.NotModified)
        {
            // The message already shows this: nothing to do.
        }

        await issuedButtons.RecordAsync(chat, messageId, issued, ct);
    }

    /// <summary>Deletes a message at best effort: true when it is gone, false (logged, never thrown) when the platform refused.</summary>
    public async Task<bool> DeleteAsync(ChatRef chat, string messageId, CancellationToken ct)
    {
        var adapter = platforms.Get(chat.Platform);
        try
        {
            await WaitForGateAsync(adapter, chat, PlatformCall.Delete, null, ct);
            await Counted(adapter, chat, PlatformCall.Delete, async () =>
            {
                await adapter.DeleteAsync(chat, messageId, ct);
                return messageId;
            });
            return true;
        }
        catch (PlatformException ex) when (ex.Failure == PlatformFailure.MessageGone)
        {
            return true;
        }
        catch (PlatformException ex)
        {
            LogDeleteFailed(chat.Platform, chat.ChatId, messageId, ex.Message);
            return false;
        }
    }

    public async Task AnswerButtonAsync(ChatRef chat, string pressId, string? notice, CancellationToken ct)
    {
        var adapter = platforms.Get(chat.Platform);
        await WaitForGateAsync(adapter, chat, PlatformCall.AnswerButton, null, ct);
        await Counted(adapter, chat, PlatformCall.AnswerButton, async () =>
        {
            await adapter.AnswerButtonAsync(pressId, notice, ct);
            return pressId;
        });
    }

    public async Task<MemberRights> GetMemberRightsAsync(ChatRef chat, string userId, CancellationToken ct)
    {
        var adapter = platforms.Get(chat.Platform);
        await WaitForGateAsync(adapter, chat, PlatformCall.RightsCheck, null, ct);
        return await Counted(adapter, chat, PlatformCall.RightsCheck, () => adapter.GetMemberRightsAsync(chat, userId, ct));
    }

    private async Task WaitForGateAsync(IChatPlatform adapter, ChatRef chat, PlatformCall call, TimeSpan? maxWait, CancellationToken ct)
    {
        while (adapter.Gate.TryReserve(chat, call) is var wait && wait > TimeSpan.Zero)
        {
            if (maxWait is { } most && wait > most)
            {
                throw new GateWaitException(time.GetUtcNow() + wait);
            }

            await Task.Delay(wait, time, ct);
        }
    }

    private async Task<ChatRef> FollowAsync(ChatRef chat, string toChatId, CancellationToken ct)
    {
        LogChatMoved(chat.Platform, chat.ChatId, toChatId);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IChatMigrations>().MovedAsync(chat.Platform, chat.ChatId, toChatId, ct);
        return chat with { ChatId = toChatId };
    }

    private async Task<T> Counted<T>(IChatPlatform adapter, ChatRef chat, PlatformCall call, Func<Task<T>> send)
    {
        var name = CallName(call);
        try
        {
            var result = await send();
            metrics.PlatformCalled(adapter.Name, name, "ok");
            return result;
        }
        catch (PlatformException ex)
        {
            metrics.PlatformCalled(adapter.Name, name, ex.Failure.ToString());
            if (ex.Failure == PlatformFailure.RateLimited)
            {
                metrics.RateLimited(adapter.Name);
                if (!ex.HeldByAdapter)
                {
                    adapter.Gate.Hold(null, time.GetUtcNow() + (ex.RetryAfter ?? TimeSpan.FromSeconds(1)));
                }
            }

            if (call is PlatformCall.Send or PlatformCall.Edit or PlatformCall.Delete)
            {
                metrics.MessageFailed(adapter.Name, ex.Failure.ToString());
            }

            throw;
        }
    }

    private static string CallName(PlatformCall call) => call switch
    {
        PlatformCall.Send => "send",
        PlatformCall.Edit => "edit",
        PlatformCall.Delete => "delete",
        PlatformCall.AnswerButton => "answer_button",
        _ => "rights_check",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform}: deleting message {MessageId} in chat {ChatId} failed ({Reason}); it stays")]
    private partial void LogDeleteFailed(string platform, string chatId, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Platform}: chat {FromChatId} moved to {ToChatId}; its recipient follows")]
    private partial void LogChatMoved(string platform, string fromChatId, string toChatId);
}
