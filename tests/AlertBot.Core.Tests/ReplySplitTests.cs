using AlertBot.Core.Platforms;

namespace AlertBot.Core.Tests;

/// <summary>
/// Conversation replies are plain text split at the platform's length as the platform counts it once the adapter wrote
/// it: on Discord every markdown character gains a backslash, so a part of 2,000 characters of text could reach nearly
/// 4,000 on the wire and be cut there. Each part must fit as written, and nothing may be lost between parts.
/// </summary>
public sealed class ReplySplitTests
{
    /// <summary>Discord's escaping: markdown characters and '@' take two characters on the wire.</summary>
    private static int Escaped(char c) => c is '-' or '(' or ')' or ':' or '*' or '_' or '@' ? 2 : 1;

    [Fact]
    public void Parts_fit_the_limit_as_the_platform_counts_them_and_keep_every_line()
    {
        var lines = Enumerable.Range(0, 120).Select(i => $"• Al-Hasakah District {i} (district, Al-Hasakah Governorate)").ToList();
        var text = string.Join('\n', lines);

        var parts = ChatReplies.Split(new OutgoingMessage(text), 2000, Escaped);

        Assert.True(parts.Count > 3, "the escaped text is about twice as long and takes more parts than the raw one");
        Assert.All(parts, p => Assert.True(p.Text.Sum(Escaped) <= 2000, $"a part of {p.Text.Sum(Escaped)} characters once escaped"));
        Assert.Equal(lines, parts.SelectMany(p => p.Text.Split('\n')));
    }

    [Fact]
    public void Without_a_weight_a_character_counts_once()
    {
        var text = string.Join('\n', Enumerable.Repeat(new string('-', 99), 30));

        var parts = ChatReplies.Split(new OutgoingMessage(text), 1000);

        Assert.Equal(3, parts.Count); // 10 lines of 99 and their 9 line breaks: 999 characters a part
        Assert.All(parts, p => Assert.Equal(999, p.Text.Length));
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_cut_between_words_by_its_weighted_width()
    {
        var words = Enumerable.Range(0, 400).Select(i => $"a-b:{i}").ToList();
        var line = string.Join(' ', words);

        var parts = ChatReplies.SplitText(line, 500, Escaped);

        Assert.All(parts, p => Assert.True(p.Sum(Escaped) <= 500, $"a part of {p.Sum(Escaped)} once escaped"));
        Assert.Equal(words, parts.SelectMany(p => p.Split(' ')));
    }

    [Fact]
    public void Buttons_go_under_the_last_part_only()
    {
        var text = string.Join('\n', Enumerable.Repeat(new string('(', 300), 5));
        var buttons = new List<IReadOnlyList<ChatButton>> { new[] { new ChatButton("OK", "ok") } };

        var parts = ChatReplies.Split(new OutgoingMessage(text) { Buttons = buttons }, 1000, Escaped);

        Assert.Equal(5, parts.Count); // each line is 600 once escaped: one a part
        Assert.All(parts.SkipLast(1), p => Assert.Empty(p.Buttons));
        Assert.Same(buttons, parts[^1].Buttons);
    }
}
