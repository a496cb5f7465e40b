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

    /// <summary>An API key whose identity has the <c>moderator</c> role.</summary>
    public const string ApiModerator = "api-moderator";

    /// <summary>An API key that may submit reports: <c>curator</c> or <c>moderator</c>.</summary>
    public const string ApiCurator = "api-curator";
}
