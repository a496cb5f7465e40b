using System.Diagnostics;
using CsCheck;
using static AlertBot.Extraction.Tests.Shared;

namespace AlertBot.Extraction.Tests;

public class RobustnessTests
{
    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (5, Gen.Char['\u0621', '\u064A']),
        (2, Gen.Char['a', 'z']),
        (1, Gen.Char['A', 'Z']),
        (3, Gen.Char[" .،,-'\"\n؟!|/:«»()0123456789٠١٢٣٤٥"]),
        (1, Gen.Char['\u064B', '\u0670']),
        (1, Gen.Char['\uD800', '\uDFFF']),
        (1, Gen.Char['\u0600', '\u06FF']),
        (1, Gen.Char));

    private static readonly string[] Vocabulary =
    [
        "قصف", "صاروخين", "صواريخ", "أكثر", "من", "10", "٣", "ليل", "الجمعة", "/", "السبت", "أمس", "البوكمال", "البو", "كمال", "ديرالزور",
        "دير", "الزور", "والميادين", "بريف", "حقل", "العمر", "الجفرة", "الصالحية", "قناة", "الميادين", "حزب", "الله", "العراقي", "قسد",
        "مقتل", "إصابة", "لا", "دون", "تحليق", "طائرة", "مسيرة", "أخلت", "المدنيين", "تعزيزات", "اشتباكات", "غارات", "منذ", "بداية", "2014",
        "Deir", "ez-Zor", "Albu", "Kamal", "Mayadeen", "TV", "killed", "two", "or", "three", "a", "drone", "no", "casualties", "Iran-backed",
        "US", "coalition", "strikes", "\uD800", "\uDFFF", "\u0000", "،", ".", "\n", "ـــ", "ّ",
    ];

    private static readonly Gen<string> RandomText = AnyChar.Array[0, 2000].Select(a => new string(a));

    private static readonly Gen<string> WordSoup = Gen.OneOf(Vocabulary).Array[0, 120].Select(w => string.Join(' ', w));

    [Fact]
    public void Arbitrary_characters_never_crash_and_spans_stay_in_bounds()
    {
        RandomText.Sample(text => CheckInvariants(new ReportText(text.Length > 40 ? text[..40] : null, text, null, Published)), iter: 1500);
    }

    [Fact]
    public void Random_report_vocabulary_never_crashes_and_results_are_consistent()
    {
        WordSoup.Sample(text => CheckInvariants(new ReportText(null, text, null, Published)), iter: 2000);
    }

    [Fact]
    public void Ten_megabytes_are_refused_quickly_with_a_reason()
    {
        var text = new string('ق', 10 * 1024 * 1024);
        var sw = Stopwatch.StartNew();
        var e = Extractor.Extract(new ReportText(null, text, null, null));
        sw.Stop();
        Assert.False(e.Relevant);
        Assert.StartsWith("text too long", e.IrrelevantReason, StringComparison.Ordinal);
        // Refused before it is read: a bound far above any reading of 10 MB, loose enough for a loaded CI machine.
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    [Fact]
    public void Largest_accepted_report_is_read_without_blowing_up()
    {
        var sentence = "شنت طائرات حربية مجهولة 4 غارات على مواقع للميليشيات الإيرانية في البوكمال وحقل العمر وأدت إلى مقتل 3 عناصر. ";
        var text = string.Concat(Enumerable.Repeat(sentence, (new ExtractorOptions().MaxTextLength / sentence.Length) - 1));
        var sw = Stopwatch.StartNew();
        var e = Extractor.Extract(new ReportText(null, text, "ar", Published));
        sw.Stop();
        Assert.True(e.Relevant);
        // A guard against runaway matching only; the speed itself is measured by ExtractionBenchmarks (docs/benchmarks.md).
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
    }

    [Fact]
    public void Binary_bytes_decoded_as_text_yield_a_result()
    {
        var rng = new Random(7);
        var bytes = new byte[200_000];
        rng.NextBytes(bytes);
        var text = System.Text.Encoding.Latin1.GetString(bytes) + System.Text.Encoding.UTF8.GetString(bytes);
        var e = Extractor.Extract(new ReportText(null, text, null, null));
        Assert.NotNull(e.Language);
    }

    [Fact]
    public void Mixed_scripts_in_one_word_are_split_and_still_matched()
    {
        var e = Ar("قصفت قوات النظام بالمدفعيةAlbu Kamal والبوكمال123قرية");
        Assert.Contains("ES057", e.PlaceIds);
    }

    [Fact]
    public void Lone_surrogates_and_nulls_are_separators()
    {
        var e = Ar("شنت\uD800طائرات\u0000حربية غارات على\uDFFFالبوكمال");
        Assert.True(e.Relevant);
        Assert.Contains("ES057", e.PlaceIds);
    }

    private static void CheckInvariants(ReportText report)
    {
        var e = Extractor.Extract(report);
        var again = Extractor.Extract(report);
        Assert.Equal(e.Relevant, again.Relevant);
        Assert.Equal(e.PlaceIds, again.PlaceIds);
        Assert.Equal(e.EventTypeIds, again.EventTypeIds);
        if (!e.Relevant)
        {
            Assert.Empty(e.EventTypes);
            Assert.Empty(e.Places);
            Assert.NotNull(e.IrrelevantReason);
        }

        foreach (var span in e.EventTypes.SelectMany(x => x.Spans)
                     .Concat(e.Places.SelectMany(x => x.Spans))
                     .Concat(e.Actors.SelectMany(x => x.Spans))
                     .Concat(e.Counts.SelectMany(x => x.Spans))
                     .Concat(e.EventDateSpans)
                     .Concat(e.RelevanceSpans))
        {
            var part = span.Part == TextPart.Title ? report.Title! : report.Text;
            Assert.InRange(span.Start, 0, part.Length);
            Assert.InRange(span.Length, 1, part.Length - span.Start);
        }

        Assert.All(e.Places, p => Assert.NotNull(Gaz.Find(p.Place.Id)));
        Assert.All(e.Counts, c => Assert.InRange(c.Value, 0, 100_000));
    }
}
