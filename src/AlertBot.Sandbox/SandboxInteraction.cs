using System.Diagnostics;
using AlertBot.Core.Platforms;

namespace AlertBot.Sandbox;

/// <summary>What an interaction-style turn got back: the messages, and how soon the first answer came.</summary>
public sealed record SandboxInteractionResult(IReadOnlyList<string> MessageIds, double FirstAnswerMilliseconds, bool AnsweredInTime);

/// <summary>
/// The reply context of an interaction-style turn, as Discord's slash commands and button interactions work: the
/// platform waits for one answer to the interaction within <see cref="Deadline"/>, later answers are follow-ups, and a
/// reply meant for the person who asked is ephemeral in the channel rather than a private message. The sandbox keeps
/// each answer in the chat's transcript (ephemeral ones visible to that user only) and reports how soon the first came.
/// </summary>
public sealed class SandboxInteraction(MessageSender sender, ChatRef chat, ChatSender from) : IReplyContext
{
    /// <summary>Discord's window for the first response to an interaction.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _messageIds = [];
    private TimeSpan? _firstAnswer;

    public SandboxInteractionResult Result =>
        new([.. _messageIds], (_firstAnswer ?? _clock.Elapsed).TotalMilliseconds, _firstAnswer is { } first && first <= Deadline);

    public async Task ReplyAsync(OutgoingMessage message, CancellationToken ct)
    {
        foreach (var part in ChatReplies.Split(message, MaxTextLength))
        {
            var (id, _) = await sender.SendAsync(chat, part, ct);
            Answered(id);
        }
    }

    /// <summary>An interaction has no menu message of its own to replace: the answer is a message of its own.</summary>
    public Task ShowAsync(OutgoingMessage message, CancellationToken ct) => ReplyAsync(message, ct);

    /// <summary>The interaction is acknowledged by its first answer; a notice is an ephemeral answer.</summary>
    public Task AcknowledgeAsync(string? notice, CancellationToken ct) =>
        notice is null ? Task.CompletedTask : ReplyPrivatelyAsync(new OutgoingMessage(notice), ct);

    public Task ReplyPrivatelyAsync(OutgoingMessage message, CancellationToken ct) =>
        ReplyAsync(message with { VisibleToUserId = from.UserId }, ct);


    /// <summary>The longest text the sandbox takes, set when the interaction is made.</summary>
    public required int MaxTextLength { get; init; }

    private void Answered(string messageId)
    {
        _firstAnswer ??= _clock.Elapsed;
        _messageIds.Add(messageId);
    }
}
