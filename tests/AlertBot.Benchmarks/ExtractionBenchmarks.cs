using System.Text;
using AlertBot.Extraction;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace AlertBot.Benchmarks;

/// <summary>
/// Extraction throughput on ~2 KB (UTF-8) Arabic reports, one report per operation, with the real gazetteer (1x)
/// and with nine synthetic copies of every place added (10x). Reports/s = 1 / Mean; MB/s = ReportBytes / Mean.
/// Run: dotnet run -c Release --project tests/AlertBot.Benchmarks -- --filter '*Extraction*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortConfig))]
public class ExtractionBenchmarks
{
    private ReportExtractor _extractor = null!;
    private ReportText[] _reports = [];
    private int _next;

    /// <summary>Gazetteer size relative to the shipped one.</summary>
    [Params(1, 10)]
    public int GazetteerScale { get; set; }

    /// <summary>Average report size in UTF-8 bytes (printed for the MB/s figure).</summary>
    public static int ReportBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var gazetteer = Gazetteer.LoadDefault();
        if (GazetteerScale > 1) gazetteer = Gazetteer.FromPlaces(Scaled(gazetteer, GazetteerScale));
        _extractor = new ReportExtractor(gazetteer);
        _reports = ExtractionFixtures.ArabicReports().Select(t => new ReportText(null, t, "ar", new DateTimeOffset(2024, 7, 28, 0, 0, 0, TimeSpan.Zero))).ToArray();
        ReportBytes = (int)_reports.Average(r => Encoding.UTF8.GetByteCount(r.Text));
        Console.WriteLine($"// ReportBytes={ReportBytes} LexiconPhrases={_extractor.LexiconSize} Places={gazetteer.Places.Count}");
    }

    [Benchmark(Description = "Extract one 2 KB Arabic report")]
    public AlertBot.Extraction.Extraction ExtractArabicReport()
    {
        var r = _reports[_next];
        _next = (_next + 1) % _reports.Length;
        return _extractor.Extract(r);
    }

    /// <summary>The real places plus (scale - 1) synthetic places per real one, with invented Arabic and Latin names.</summary>
    internal static IEnumerable<Place> Scaled(Gazetteer g, int scale)
    {
        var rng = new Random(42);
        string[] syllablesAr = ["تل", "عين", "بئر", "خربة", "جب", "كفر", "دير", "حوش", "مزرعة", "قصر"];
        const string letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي";
        string[] syllablesEn = ["tal", "ain", "bir", "khirbet", "jubb", "kafr", "deir", "hawsh", "mazraat", "qasr"];
        foreach (var p in g.Places) yield return p;
        for (var copy = 1; copy < scale; copy++)
        {
            foreach (var p in g.Places)
            {
                var head = rng.Next(syllablesAr.Length);
                var stem = new string(Enumerable.Range(0, rng.Next(3, 6)).Select(_ => letters[rng.Next(letters.Length)]).ToArray());
                var nameAr = $"{syllablesAr[head]} {stem}";
                var nameEn = $"{syllablesEn[head]} {stem.Length}{copy}{p.Id.ToLowerInvariant()}";
                // as many spellings as the real place has, so the trie grows with the place count
                var aliasesAr = p.AliasesAr.Select((_, i) => i % 2 == 0 ? "ال" + stem + letters[(i + head) % letters.Length] : $"{syllablesAr[(head + i) % syllablesAr.Length]} {stem}").ToArray();
                var aliasesEn = p.AliasesEn.Select((_, i) => $"{nameEn} {syllablesEn[i % syllablesEn.Length]}").ToArray();
                yield return new Place($"SYN{copy}-{p.Id}", nameEn, nameAr, "village", p.Id, p.Lat, p.Lon, aliasesAr, aliasesEn);
            }
        }
    }

    private sealed class ShortConfig : ManualConfig
    {
        public ShortConfig() => AddJob(Job.ShortRun.WithIterationCount(8).WithWarmupCount(4));
    }
}

/// <summary>Invented Arabic reports (project-written, not taken from any outlet) of about 2 KB each.</summary>
internal static class ExtractionFixtures
{
    private static readonly string[] Paragraphs =
    [
        "أفادت مصادر محلية في ريف دير الزور الشرقي بأن طائرات حربية مجهولة شنت فجر اليوم ثلاث غارات على مواقع للميليشيات الإيرانية في محيط مدينة البوكمال، ما أدى إلى مقتل خمسة عناصر وإصابة آخرين بجروح متفاوتة.",
        "وقالت المصادر إن الغارات استهدفت مستودعاً للذخيرة قرب حي الهري ومقراً للحرس الثوري في منطقة السكك، وسط تحليق مكثف لطائرات الاستطلاع في أجواء المنطقة الحدودية مع العراق.",
        "وفي سياق متصل، سقط صاروخان على القاعدة الأمريكية في حقل العمر النفطي مساء أمس، دون ورود معلومات عن وقوع إصابات في صفوف القوات الأمريكية أو قوات سوريا الديمقراطية (قسد) المتمركزة في محيط الحقل.",
        "وردت قوات التحالف الدولي بقصف مدفعي استهدف مواقع انطلاق الصواريخ في قرى مراط وخشام والحسينية على الضفة الغربية لنهر الفرات، فيما استقدمت تعزيزات عسكرية إلى قاعدة حقل كونيكو قادمة من الشدادي.",
        "وتشهد المنطقة منذ أسابيع توتراً متصاعداً بين الطرفين، إذ أخلت الميليشيات عدداً من مقراتها في مدينة الميادين ونقلت عناصرها إلى بلدة القورية خشية استهدافها بغارات جديدة.",
        "ويعاني سكان القرى القريبة من خطوط التماس من نقص في الخدمات الأساسية وارتفاع أسعار المواد الغذائية، بحسب ما أفاد به ناشطون من المنطقة.",
        "وكانت اشتباكات قد اندلعت الأسبوع الماضي بين قسد ومسلحين من العشائر في بلدة ذيبان، أسفرت عن مقتل عنصرين وإصابة أربعة آخرين، قبل أن تعود المنطقة إلى هدوء حذر.",
    ];

    /// <summary>Four ~2 KB reports, each a different rotation of the paragraphs.</summary>
    public static IEnumerable<string> ArabicReports()
    {
        for (var r = 0; r < 4; r++)
        {
            var sb = new StringBuilder();
            var i = r;
            while (Encoding.UTF8.GetByteCount(sb.ToString()) < 2000)
            {
                sb.Append(Paragraphs[i % Paragraphs.Length]).Append('\n');
                i++;
            }

            yield return sb.ToString();
        }
    }
}
