using AlertBot.Extraction.Text;

namespace AlertBot.Extraction;

/// <summary>An actor of the label scheme. <see cref="ParentId"/> is the group it belongs to (implied when it is named).</summary>
public sealed record Actor(string Id, string NameEn, string NameAr, string? ParentId);

/// <summary>
/// The actor ids of the evaluation scheme and their grouping. IRGC, Hezbollah, Fatemiyoun and the Hashd al-Shaabi are
/// members of the <c>iran_backed_militias</c> group: naming one implies the group (the IRGC runs the network in eastern
/// Syria). US forces sit within the international coalition as a matter of fact but are reported separately, so they
/// have no parent here. Iraqi brigades (Kataib Hezbollah, Sayyid al-Shuhada, Nujaba) are <c>hashd_al_shaabi</c>.
/// </summary>
public static class ActorTaxonomy
{
    /// <summary>All actors.</summary>
    public static IReadOnlyList<Actor> All { get; } =
    [
        new("iran_backed_militias", "Iran-backed militias", "الميليشيات المدعومة من إيران", null),
        new("irgc", "Islamic Revolutionary Guard Corps", "الحرس الثوري الإيراني", "iran_backed_militias"),
        new("hezbollah", "Hezbollah (Lebanese)", "حزب الله اللبناني", "iran_backed_militias"),
        new("fatemiyoun", "Liwa Fatemiyoun", "لواء فاطميون", "iran_backed_militias"),
        new("hashd_al_shaabi", "Popular Mobilization Forces (Hashd al-Shaabi)", "الحشد الشعبي", "iran_backed_militias"),
        new("us_forces", "US forces", "القوات الأمريكية", null),
        new("coalition", "International coalition", "التحالف الدولي", null),
        new("sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية (قسد)", null),
        new("syrian_government", "Syrian government forces", "قوات الحكومة السورية", null),
        new("israel", "Israel", "إسرائيل", null),
        new("isis", "Islamic State (ISIS)", "تنظيم الدولة (داعش)", null),
        new("unknown", "Unidentified", "مجهول", null),
    ];

    private static readonly Dictionary<string, Actor> ById = All.ToDictionary(a => a.Id, StringComparer.Ordinal);

    /// <summary>Normalised keys of every alias, computed once.</summary>
    private static readonly Lazy<(string Key, Actor Actor)[]> AliasKeys = new(() =>
    {
        var scratch = new TokenBuffer();
        return Lexicon.ActorAliases()
            .Select(a => (Gazetteer.LookupKey(a.Phrase, scratch), ById[a.ActorId]))
            .Where(a => a.Item1.Length > 0)
            .ToArray();
    });

    /// <summary>The actor with this id, or null.</summary>
    public static Actor? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>Members of a group (e.g. the militias of <c>iran_backed_militias</c>).</summary>
    public static IEnumerable<Actor> MembersOf(string groupId) => All.Where(a => a.ParentId == groupId);

    /// <summary>The actor and its groups, nearest first.</summary>
    public static IEnumerable<Actor> WithGroups(string id)
    {
        var a = Find(id);
        while (a != null)
        {
            yield return a;
            a = a.ParentId is { } p ? Find(p) : null;
        }
    }

    /// <summary>Actors whose alias (either language, any supported spelling) matches a typed name; exact first.</summary>
    public static IReadOnlyList<Actor> Lookup(string typedName)
    {
        ArgumentNullException.ThrowIfNull(typedName);
        var key = Gazetteer.LookupKey(typedName, new TokenBuffer());
        if (key.Length == 0) return [];
        var exact = new List<Actor>();
        var partial = new List<Actor>();
        foreach (var (aliasKey, actor) in AliasKeys.Value)
        {
            if (aliasKey == key)
            {
                if (!exact.Contains(actor)) exact.Add(actor);
            }
            else if (key.Length >= 3 && (aliasKey.StartsWith(key, StringComparison.Ordinal) || key.StartsWith(aliasKey, StringComparison.Ordinal)))
            {
                if (!partial.Contains(actor)) partial.Add(actor);
            }
        }

        if (ById.TryGetValue(typedName.Trim(), out var byId) && !exact.Contains(byId)) exact.Insert(0, byId);
        return exact.Concat(partial.Where(a => !exact.Contains(a))).ToList();
    }
}
