using AlertBot.Core.Rendering;
using AlertBot.Core.Conversation;
using AlertBot.Core.Storage;

namespace AlertBot.Core.Tests;

public sealed class BilingualTests
{
    private static readonly Bilingual Text = new("سطر أول\nسطر ثانٍ مع AlertBot", "First line\nSecond line");

    [Fact]
    public void Arabic_lines_each_begin_with_a_right_to_left_mark()
    {
        var arabic = Text.For(ChatLanguage.Ar);
        Assert.All(arabic.Split('\n'), line => Assert.Equal(Bilingual.Rlm, line[0]));
    }

    [Fact]
    public void Both_puts_Arabic_first_then_English_unmarked()
    {
        var both = Text.For(ChatLanguage.Both);
        Assert.Equal("\u200Fسطر أول\n\u200Fسطر ثانٍ مع \u2066AlertBot\u2069\n\nFirst line\nSecond line", both);
    }

    [Fact]
    public void English_only_has_no_Arabic_and_no_marks()
    {
        Assert.Equal("First line\nSecond line", Text.For(ChatLanguage.En));
    }

    [Fact]
    public void Marking_twice_does_not_add_a_second_mark()
    {
        var once = Bilingual.MarkRightToLeft("نص");
        Assert.Equal(once, Bilingual.MarkRightToLeft(once));
    }
}
