using AlertBot.Core.Platforms;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AlertBot.Sandbox;

public sealed record SandboxSendRequest(string? Text, string? UserId);

public sealed record SandboxPressRequest(long MessageId, string? Button, string? UserId);

public sealed record SandboxMemberRequest(bool Admin);

/// <summary>Something that happens to a chat on the platform's side: <c>added</c>, <c>removed</c>, <c>blocked</c>, <c>unblocked</c> or <c>migrated</c> (with <c>newChatId</c>).</summary>
public sealed record SandboxChatEventRequest(string? Event, string? UserId, string? NewChatId);

public sealed record SandboxMessageDto(
    long Id,
    bool FromBot,
    string? UserId,
    string Text,
    IReadOnlyList<IReadOnlyList<ChatButton>> Buttons,
    DateTimeOffset SentAt,
    DateTimeOffset? EditedAt,
    bool Silent,
    string? VisibleToUserId = null,
    long? ReplyToId = null,
    string? Image = null,
    string? ImageAlt = null)
{
    public static SandboxMessageDto From(SandboxTranscriptMessage m, string chatId) =>
        new(m.Id, m.FromBot, m.UserId, m.Text, m.Buttons, m.SentAt, m.EditedAt, m.Silent, m.VisibleToUserId, m.ReplyToId,
            m.ImageName is null ? null : $"/api/sandbox/chats/{Uri.EscapeDataString(chatId)}/messages/{m.Id}/image", m.ImageAlt);
}

/// <summary><c>/api/sandbox</c>: scripts and tests chat with the bot as a sandbox user would.</summary>
public static class SandboxApi
{
    public static RouteGroupBuilder MapSandboxApi(this RouteGroupBuilder api)
    {
        var chats = api.MapGroup("/sandbox/chats/{chatId}").AddEndpointFilter<SandboxErrors>();
        chats.MapPost("/messages", SendAsync);
        chats.MapGet("/messages", ListAsync);
        chats.MapGet("/messages/{messageId:long}/image", ImageAsync);
        chats.MapPost("/press", PressAsync);
        chats.MapPut("/members/{userId}", SetMemberAsync);
        chats.MapPost("/lifecycle", ChatEventAsync);
        chats.MapPost("/interactions", InteractAsync);
        return api;
    }

    private static async Task<Created<SandboxMessageDto>> SendAsync(string chatId, SandboxSendRequest request, SandboxChats sandbox, CancellationToken ct)
    {
        var sent = await sandbox.SendAsUserAsync(chatId, request.UserId, request.Text ?? string.Empty, ct);
        return TypedResults.Created($"/api/sandbox/chats/{chatId}/messages", SandboxMessageDto.From(sent, chatId));
    }

    private static async Task<Ok<IEnumerable<SandboxMessageDto>>> ListAsync(string chatId, SandboxChats sandbox, CancellationToken ct)
    {
        var messages = await sandbox.TranscriptAsync(chatId, botOnly: true, ct);
        return TypedResults.Ok(messages.Select(m => SandboxMessageDto.From(m, chatId)));
    }

    /// <summary>The image a bot message carries (a digest's map), as image/png; 404 when it has none.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> ImageAsync(string chatId, long messageId, SandboxChats sandbox, CancellationToken ct) =>
        await sandbox.ImageAsync(chatId, messageId, ct) is { } png ? TypedResults.File(png, "image/png") : TypedResults.NotFound();

    private static async Task<Ok<SandboxPressResult>> PressAsync(string chatId, SandboxPressRequest request, SandboxChats sandbox, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.Button))
        {
            throw new SandboxRequestException("button must name a button's data or label");
        }

        return TypedResults.Ok(await sandbox.PressAsync(chatId, request.MessageId, request.Button, request.UserId, ct));
    }

    private static async Task<NoContent> SetMemberAsync(string chatId, string userId, SandboxMemberRequest request, SandboxChats sandbox, CancellationToken ct)
    {
        await sandbox.SetMemberAsync(chatId, userId, request.Admin, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SandboxInteractionResult>> InteractAsync(string chatId, SandboxSendRequest request, SandboxChats sandbox, CancellationToken ct) =>
        TypedResults.Ok(await sandbox.InteractAsync(chatId, request.UserId, request.Text ?? string.Empty, ct));

    private static async Task<NoContent> ChatEventAsync(string chatId, SandboxChatEventRequest request, SandboxChats sandbox, CancellationToken ct)
    {
        if (!Enum.TryParse<SandboxChatEvent>(request.Event, ignoreCase: true, out var chatEvent) || !Enum.IsDefined(chatEvent) || int.TryParse(request.Event, out _))
        {
            throw new SandboxRequestException("event must be one of: added, removed, blocked, unblocked, migrated");
        }

        await sandbox.ChatEventAsync(chatId, chatEvent, request.UserId, request.NewChatId, ct);
        return TypedResults.NoContent();
    }

    /// <summary>A request the sandbox refuses becomes a 400 problem saying why.</summary>
    private sealed class SandboxErrors : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            try
            {
                return await next(context);
            }
            catch (SandboxRequestException ex)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad sandbox request", detail: ex.Message);
            }
            catch (PlatformException ex) when (ex.Failure == PlatformFailure.Rejected)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Refused by the platform", detail: ex.Message);
            }
        }
    }
}
