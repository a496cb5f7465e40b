namespace AlertBot.Security;

public static class Roles
{
    public const string Moderator = "moderator";
    public const string Curator = "curator";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Moderator, Curator };

    /// <summary>Parses a comma-separated role list; unknown names are returned in <paramref name="unknown"/>.</summary>
    public static IReadOnlyList<string> Parse(string? list, out IReadOnlyList<string> unknown)
    {
        var names = (list ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        unknown = names.Where(n => !All.Contains(n)).ToList();
        return names.Where(All.Contains).ToList();
    }
}

public static class Policies
{
    public const string Console = "console";
    public const string Api = "api";
}
