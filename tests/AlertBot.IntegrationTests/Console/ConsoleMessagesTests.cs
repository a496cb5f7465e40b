using System.Globalization;
using AlertBot.Pages;

namespace AlertBot.IntegrationTests.Console;

/// <summary>The moderation service's sentences as an Arabic-reading moderator sees them on the event page and the queue.</summary>
public sealed class ConsoleMessagesTests
{
    [Theory]
    [InlineData("Confirmed.", "تم التأكيد.")]
    [InlineData("Saved.", "حُفظ.")]
    [InlineData("Event 12 does not exist.", "الحدث \u206612\u2069 غير موجود.")]
    [InlineData("Event 7 merged into event 3.", "دُمج الحدث \u20667\u2069 في الحدث \u20663\u2069.")]
    [InlineData("Event 5 is claimed by console:mona until 10:42:00 UTC.", "الحدث \u20665\u2069 محجوز لـ \u2066console:mona\u2069 حتى \u206610:42:00\u2069 بالتوقيت العالمي.")]
    [InlineData("No place of the gazetteer is called “الميادينن”.", "لا يوجد في المعجم الجغرافي مكان اسمه «\u2068الميادينن\u2069».")]
    [InlineData("Give a reason (1 to 500 characters).", "اكتب السبب (من 1 إلى \u2066500\u2069 حرفًا).")]
    public void An_Arabic_reader_reads_the_sentence_in_Arabic_with_its_values_isolated(string english, string arabic)
    {
        Assert.Equal(arabic, InCulture("ar-SY", () => ConsoleMessages.Localize(english)));
        Assert.Equal(english, InCulture("en", () => ConsoleMessages.Localize(english)));
    }

    [Fact]
    public void A_sentence_the_table_does_not_have_is_shown_as_it_came()
    {
        Assert.Equal("Something new happened.", InCulture("ar-SY", () => ConsoleMessages.Localize("Something new happened.")));
    }

    private static string InCulture(string name, Func<string> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
