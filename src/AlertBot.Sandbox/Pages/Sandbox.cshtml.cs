using AlertBot.Core.Platforms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AlertBot.Sandbox.Pages;

/// <summary>What the console's live script polls: a signature that changes with the transcript; the sandbox has no pending count.</summary>
public sealed record SandboxLiveState(string Sig, int Pending);

public sealed class SandboxModel(SandboxChats sandbox) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Chat { get; set; } = "1001";

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [TempData]
    public string? Error { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public IReadOnlyList<SandboxTranscriptMessage> Messages { get; private set; } = [];

    public IReadOnlyList<string> ChatIds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Messages = await sandbox.TranscriptAsync(Chat, botOnly: false, ct);
        }
        catch (SandboxRequestException ex)
        {
            Error = ex.Message;
        }

        ChatIds = await sandbox.ChatIdsAsync(ct);
    }

    /// <summary>Polled by the page every second: the transcript is reloaded when a message arrives or is edited.</summary>
    public async Task<IActionResult> OnGetLiveAsync(CancellationToken ct)
    {
        try
        {
            return new JsonResult(new SandboxLiveState(Signature(await sandbox.TranscriptAsync(Chat, botOnly: false, ct)), 0));
        }
        catch (SandboxRequestException ex)
        {
            return new JsonResult(new SandboxLiveState(ex.Message, 0));
        }
    }

    /// <summary>The image a bot message of the open chat carries (a digest's map).</summary>
    public async Task<IActionResult> OnGetImageAsync(long id, CancellationToken ct)
    {
        try
        {
            return await sandbox.ImageAsync(Chat, id, ct) is { } png ? File(png, "image/png") : NotFound();
        }
        catch (SandboxRequestException)
        {
            return NotFound();
        }
    }

    /// <summary>Changes with every new message and every edit or deletion.</summary>
    public static string Signature(IReadOnlyList<SandboxTranscriptMessage> messages) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{messages.Count}:{(messages.Count == 0 ? 0 : messages.Max(m => m.Id))}:{messages.Sum(m => m.EditedAt?.UtcTicks ?? 0)}");

    public async Task<IActionResult> OnPostSendAsync(string text, CancellationToken ct)
    {
        await RunAsync(() => sandbox.SendAsUserAsync(Chat, NullIfEmpty(UserId), text, ct));
        return Back();
    }

    public async Task<IActionResult> OnPostPressAsync(long messageId, string button, CancellationToken ct)
    {
        await RunAsync(async () =>
        {
            var result = await sandbox.PressAsync(Chat, messageId, button, NullIfEmpty(UserId), ct);
            Notice = result.Notice;
        });
        return Back();
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is SandboxRequestException or PlatformException)
        {
            Error = ex.Message;
        }
    }

    private RedirectToPageResult Back() => RedirectToPage(new { chat = Chat, userId = NullIfEmpty(UserId) });
}
