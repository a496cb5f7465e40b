using System.Globalization;
using System.Reflection;
using AlertBot.Extraction.Text;

namespace AlertBot.Extraction;

/// <summary>
/// Immutable place list with its hierarchy and a forgiving name lookup. Loaded once from the embedded CSV files
/// (<c>eastern_syria_places.csv</c> then <c>places_added.csv</c>) plus, optionally, every <c>*.csv</c> of an operator
/// directory (same columns): a row with a new id adds a place, a row with a known id adds aliases (and a parent when the
/// place had none).
/// </summary>
public sealed class Gazetteer
{
    private static readonly string[] EmbeddedFiles = ["eastern_syria_places.csv", "places_added.csv"];
    private readonly Dictionary<string, Place> _byId;
    private readonly Dictionary<string, List<Place>> _byKey;

    /// <summary>All places, in file order.</summary>
    public IReadOnlyList<Place> Places { get; }

    private Gazetteer(List<Place> places)
    {
        Places = places;
        _byId = places.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _byKey = new Dictionary<string, List<Place>>(StringComparer.Ordinal);
        var scratch = new TokenBuffer();
        foreach (var p in places)
        {
            foreach (var name in NamesOf(p))
            {
                var key = LookupKey(name, scratch);
                if (key.Length == 0) continue;
                if (!_byKey.TryGetValue(key, out var list)) _byKey[key] = list = [];
                if (!list.Contains(p)) list.Add(p);
            }
        }
    }

    /// <summary>Creates a gazetteer from explicit places (tests, benchmarks). Parents need not exist.</summary>
    public static Gazetteer FromPlaces(IEnumerable<Place> places) => new(places.ToList());

    /// <summary>Loads the embedded gazetteer, then the operator's extra CSV files if a directory is given.</summary>
    public static Gazetteer LoadDefault(string? extraDirectory = null)
    {
        var rows = new List<string[]>();
        var asm = typeof(Gazetteer).Assembly;
        foreach (var file in EmbeddedFiles)
        {
            using var stream = OpenResource(asm, file);
            using var reader = new StreamReader(stream);
            rows.AddRange(Csv.ReadRows(reader).Skip(1));
        }

        if (extraDirectory != null)
        {
            if (!Directory.Exists(extraDirectory))
                throw new DirectoryNotFoundException($"Gazetteer extension directory not found: {extraDirectory}");
            foreach (var path in Directory.GetFiles(extraDirectory, "*.csv").Order(StringComparer.Ordinal))
            {
                using var reader = new StreamReader(path);
                var fileRows = Csv.ReadRows(reader).ToList();
                if (fileRows.Count == 0) continue;
                if (fileRows[0].Length < 9 || fileRows[0][0] != "id")
                    throw new InvalidDataException($"{path}: expected the gazetteer header (id,name_en,name_ar,alt_names_ar,alt_names_en,kind,parent_id,lat,lon,...)");
                rows.AddRange(fileRows.Skip(1));
            }
        }

        return new Gazetteer(Merge(rows));
    }

    internal static Stream OpenResource(Assembly asm, string file)
    {
        var name = asm.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("." + file, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Embedded data file missing: {file}");
        return asm.GetManifestResourceStream(name)!;
    }

    private static List<Place> Merge(List<string[]> rows)
    {
        var order = new List<string>();
        var map = new Dictionary<string, Place>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (r.Length < 9 || string.IsNullOrWhiteSpace(r[0])) continue;
            var id = r[0].Trim();
            var aliasesAr = Split(r[3]);
            var aliasesEn = Split(r[4]);
            var parent = string.IsNullOrWhiteSpace(r[6]) ? null : r[6].Trim();
            if (map.TryGetValue(id, out var existing))
            {
                map[id] = existing with
                {
                    AliasesAr = existing.AliasesAr.Concat(aliasesAr).Distinct(StringComparer.Ordinal).ToArray(),
                    AliasesEn = existing.AliasesEn.Concat(aliasesEn).Distinct(StringComparer.Ordinal).ToArray(),
                    ParentId = existing.ParentId ?? parent,
                };
                continue;
            }

            if (string.IsNullOrWhiteSpace(r[1]) && string.IsNullOrWhiteSpace(r[2])) continue;
            order.Add(id);
            map[id] = new Place(id, r[1].Trim(), r[2].Trim(), string.IsNullOrWhiteSpace(r[5]) ? "place" : r[5].Trim(), parent,
                ParseDouble(r[7]), ParseDouble(r[8]), aliasesAr, aliasesEn);
        }

        return order.Select(id => map[id]).ToList();
    }

    private static string[] Split(string s) =>
        s.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double? ParseDouble(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    internal static IEnumerable<string> NamesOf(Place p)
    {
        if (p.NameAr.Length > 0) yield return p.NameAr;
        foreach (var a in p.AliasesAr) yield return a;
        if (p.NameEn.Length > 0) yield return p.NameEn;
        foreach (var a in p.AliasesEn) yield return a;
    }

    /// <summary>The place with this id, or null.</summary>
    public Place? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Parents of a place, nearest first (stops on a missing parent or a cycle).</summary>
    public IEnumerable<Place> AncestorsOf(string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        var current = Find(id);
        while (current?.ParentId is { } parentId && seen.Add(parentId) && Find(parentId) is { } parent)
        {
            yield return parent;
            current = parent;
        }
    }

    /// <summary>True when <paramref name="id"/> is <paramref name="ancestorId"/> or lies (transitively) within it.</summary>
    public bool IsWithin(string id, string ancestorId) =>
        id == ancestorId || AncestorsOf(id).Any(a => a.Id == ancestorId);

    /// <summary>
    /// Finds places by a typed name (Arabic or English, any spelling the normaliser folds: article, hamza, taa marbuta,
    /// transliteration variants, joined or split). Exact key matches first (primary names before aliases), then
    /// near misses by edit distance.
    /// </summary>
    public IReadOnlyList<Place> Lookup(string typedName)
    {
        ArgumentNullException.ThrowIfNull(typedName);
        var key = LookupKey(typedName, new TokenBuffer());
        if (key.Length == 0) return [];
        if (_byKey.TryGetValue(key, out var exact))
        {
            var scratch = new TokenBuffer();
            return exact.OrderBy(p => LookupKey(p.NameAr, scratch) == key || LookupKey(p.NameEn, scratch) == key ? 0 : 1)
                .ThenBy(KindRank)
                .ToList();
        }

        if (key.Length > 64) return [];
        var maxDistance = key.Length <= 4 ? 1 : 2;
        return _byKey
            .Select(kv => (kv.Value, Distance: Levenshtein(kv.Key, key, maxDistance)))
            .Where(x => x.Distance <= maxDistance)
            .OrderBy(x => x.Distance)
            .SelectMany(x => x.Value.OrderBy(KindRank))
            .Distinct()
            .Take(10)
            .ToList();
    }

    /// <summary>
    /// The normalised form names are compared in (articles, hamza, taa marbuta, transliteration variants folded):
    /// two names with the same key are the same name to <see cref="Lookup"/>.
    /// </summary>
    public static string NameKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return LookupKey(name, new TokenBuffer());
    }

    /// <summary>Ties between places of the same name: the governorate, then settlements, then districts.</summary>
    private static int KindRank(Place p) => p.Kind switch
    {
        "governorate" => 0,
        "city" => 1,
        "town" => 2,
        "district" => 4,
        "subdistrict" => 5,
        "country" or "region" => 6,
        _ => 3,
    };

    /// <summary>Joined normalised key: tokens without articles or spaces, so split and joined spellings meet.</summary>
    internal static string LookupKey(string name, TokenBuffer scratch)
    {
        var keys = Matching.PhraseTrie.KeysOf(name, scratch);
        return string.Concat(keys);
    }

    private static int Levenshtein(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.Min(rowMin, cur[j]);
            }

            if (rowMin > max) return max + 1;
            cur.CopyTo(prev);
        }

        return prev[b.Length];
    }
}
