using AlertBot.Core.Delivery;
using AlertBot.Core.Rendering;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using AlertBot.Sandbox;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Tests;

/// <summary>
/// A broadcast renders each distinct alert text once per batch (per language, time zone, platform and relative time),
/// and every chat still gets exactly the text that rendering it for that chat at that moment gives.
/// </summary>
public sealed class RenderedTextsTests
{
    private static readonly AlertRenderer Renderer = new(Gazetteer.LoadDefault());
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly SandboxPlatform Sandbox = new(
        new AlertBotDbFactory(Options.Create(new StorageOptions { DataDirectory = Path.GetTempPath() })),
        new SandboxFaults(new SandboxOptions(), TimeProvider.System),
        Options.Create(new SandboxOptions()),
        TimeProvider.System);

    private static readonly AlertView Shelling = new(
        42,
        AlertState.Confirmed,
        ["shelling"],
        ["ES037"],
        ["syrian_government"],
        new Dictionary<string, int> { ["rockets"] = 2 },
        Now.AddMinutes(-30),
        1,
        [new SourceLink("Outlet A", new Uri("https://example.org/a"), "Shelling on al-Mayadin", "en")]);

    private static Recipient Chat(ChatLanguage language, string zone = Recipient.DefaultTimeZone) =>
        new() { Platform = "sandbox", ChatId = "1", Language = language, TimeZone = zone };

    private static IReadOnlyList<string> Fresh(Recipient recipient, DateTimeOffset now) =>
        EventSubjects.Write(Renderer.Render(Shelling, recipient.Language, QuietHours.ZoneOf(recipient), now), Sandbox);

    [Fact]
    public void Chats_with_the_same_language_and_zone_share_one_rendering_that_equals_their_own()
    {
        var texts = new RenderedTexts(Renderer);
        var first = texts.For(Shelling, Chat(ChatLanguage.Both), Sandbox, Now);
        var second = texts.For(Shelling, Chat(ChatLanguage.Both), Sandbox, Now.AddSeconds(20));

        Assert.Same(first, second);
        Assert.Equal(Fresh(Chat(ChatLanguage.Both), Now.AddSeconds(20)), second);
    }

    [Fact]
    public void Another_language_or_time_zone_gets_its_own_text()
    {
        var texts = new RenderedTexts(Renderer);
        var both = texts.For(Shelling, Chat(ChatLanguage.Both), Sandbox, Now);
        var english = texts.For(Shelling, Chat(ChatLanguage.En), Sandbox, Now);
        var utc = texts.For(Shelling, Chat(ChatLanguage.En, "UTC"), Sandbox, Now);

        Assert.Equal(Fresh(Chat(ChatLanguage.En), Now), english);
        Assert.Equal(Fresh(Chat(ChatLanguage.En, "UTC"), Now), utc);
        Assert.NotEqual(both, english);
        Assert.NotEqual(english, utc);
        Assert.Contains("Damascus time", string.Join('\n', english), StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_rendered_earlier_is_not_reused_once_the_relative_time_reads_differently()
    {
        var texts = new RenderedTexts(Renderer);
        var early = texts.For(Shelling, Chat(ChatLanguage.En), Sandbox, Now);
        var later = texts.For(Shelling, Chat(ChatLanguage.En), Sandbox, Now.AddHours(2));

        Assert.Contains("30 minutes ago", string.Join('\n', early), StringComparison.Ordinal);
        Assert.Equal(Fresh(Chat(ChatLanguage.En), Now.AddHours(2)), later);
        Assert.DoesNotContain("30 minutes ago", string.Join('\n', later), StringComparison.Ordinal);
    }
}
