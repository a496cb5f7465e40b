using AlertBot.Core.Delivery;
using AlertBot.Core.Platforms;

namespace AlertBot.Core.Tests;

/// <summary>Where a composition's image goes among its parts, by what the platform takes.</summary>
public sealed class OutgoingPiecesTests
{
    private static readonly ChatImage Map = new([0x89, 0x50, 0x4E, 0x47], "digest-1.png", "Map");

    [Fact]
    public void A_first_part_that_fits_a_caption_carries_the_image()
    {
        var pieces = new Composition.Send(["short digest", "second"]) { Image = Map }.PiecesFor(ChatCapabilities.Telegram);

        Assert.Equal([("short digest", Map), ("second", (ChatImage?)null)], pieces.Select(p => (p.Text, p.Image)));
    }

    [Fact]
    public void A_first_part_longer_than_a_caption_follows_the_image_sent_alone()
    {
        var first = new string('x', ChatCapabilities.Telegram.MaxCaptionLength + 1);
        var pieces = new Composition.Send([first]) { Image = Map }.PiecesFor(ChatCapabilities.Telegram);

        Assert.Equal([(string.Empty, Map), (first, (ChatImage?)null)], pieces.Select(p => (p.Text, p.Image)));
    }

    [Fact]
    public void No_image_on_a_text_only_platform_on_an_edit_or_over_the_platforms_size()
    {
        var textOnly = ChatCapabilities.Telegram with { MaxCaptionLength = 0 };
        Assert.All(new Composition.Send(["a"]) { Image = Map }.PiecesFor(textOnly), p => Assert.Null(p.Image));
        Assert.All(new Composition.Send(["a"]) { Image = Map, Edit = true }.PiecesFor(ChatCapabilities.Telegram), p => Assert.Null(p.Image));
        var tiny = ChatCapabilities.Telegram with { MaxImageBytes = 3 };
        Assert.Equal(["a"], new Composition.Send(["a"]) { Image = Map }.PiecesFor(tiny).Select(p => p.Text));
        Assert.All(new Composition.Send(["a"]) { Image = Map }.PiecesFor(tiny), p => Assert.Null(p.Image));
    }
}
