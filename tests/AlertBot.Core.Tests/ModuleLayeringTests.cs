using System.Text.RegularExpressions;

namespace AlertBot.Core.Tests;

/// <summary>
/// Core's modules are layered (docs/architecture.md): each may use only the modules listed here. Read from the sources,
/// so that a new circle between modules fails here rather than in a reader's head.
/// </summary>
public sealed partial class ModuleLayeringTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Diagnostics"] = [],
        ["Rendering"] = ["Storage"],
        ["Platforms"] = ["Rendering", "Diagnostics", "Storage"],
        ["Events"] = ["Diagnostics", "Storage"],
        ["Feeds"] = ["Events", "Diagnostics", "Storage"],
        ["Routing"] = ["Platforms", "Storage"],
        ["Delivery"] = ["Events", "Routing", "Platforms", "Rendering", "Diagnostics", "Storage"],
        ["Digests"] = ["Delivery", "Events", "Routing", "Platforms", "Rendering", "Storage"],
        ["Conversation"] = ["Digests", "Routing", "Platforms", "Rendering", "Events", "Diagnostics", "Storage"],
    };

    [Fact]
    public void Each_module_of_Core_uses_only_the_modules_below_it()
    {
        var core = Path.Combine(RepositoryRoot(), "src", "AlertBot.Core");
        var violations = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (module, allowed) in Allowed)
        {
            var folder = Path.Combine(core, module);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            seen.Add(module);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match use in CoreUsing().Matches(File.ReadAllText(file)))
                {
                    var used = use.Groups[1].Value;
                    if (used != module && !allowed.Contains(used))
                    {
                        violations.Add($"{Path.GetRelativePath(core, file)} uses {used}");
                    }
                }
            }
        }

        Assert.Empty(violations);
        Assert.Superset(new HashSet<string>(["Rendering", "Platforms", "Events", "Routing", "Delivery", "Conversation"]), seen);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AlertBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AlertBot.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?AlertBot\.Core\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex CoreUsing();
}
