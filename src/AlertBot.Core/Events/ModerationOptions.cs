using System.Globalization;
using AlertBot.Extraction;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Events;

/// <summary>The <c>Moderation</c> section: who moderates, and the rules they work under.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>Comma-separated identities: <c>telegram:&lt;id&gt;</c>, <c>discord:&lt;id&gt;</c>, <c>console:&lt;login&gt;</c>.</summary>
    public string Moderators { get; set; } = string.Empty;

    /// <summary>
    /// Comma-separated chat identities (<c>telegram:&lt;id&gt;</c>, <c>discord:&lt;id&gt;</c>) who may file reports from
    /// a chat (a forwarded channel post) without being moderators: they feed the queue, they do not decide.
    /// </summary>
    public string Curators { get; set; } = string.Empty;

    /// <summary>How long a claim keeps other moderators off an event.</summary>
    public int ClaimMinutes { get; set; } = 5;

    /// <summary>Comma-separated event type ids that need two different moderators to confirm.</summary>
    public string TwoModeratorTypes { get; set; } = string.Empty;

    /// <summary>Trust tier per outlet name (1 = most trusted), used by the auto-confirm policy.</summary>
    public Dictionary<string, int> OutletTiers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public AutoConfirmOptions AutoConfirm { get; set; } = new();

    public IReadOnlyList<string> ModeratorIdentities => Split(Moderators);

    public IReadOnlyList<string> CuratorIdentities => Split(Curators);

    public IReadOnlyList<string> TwoModeratorTypeIds => Split(TwoModeratorTypes);

    internal static IReadOnlyList<string> Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Off by default: when on, a pending event reported by enough independent trusted outlets is confirmed without a moderator.</summary>
public sealed class AutoConfirmOptions
{
    public bool Enabled { get; set; }

    /// <summary>How many different outlets of tier <see cref="MaxTier"/> or better it takes.</summary>
    public int MinOutlets { get; set; } = 3;

    /// <summary>The least trusted tier that counts (1 = only the most trusted outlets).</summary>
    public int MaxTier { get; set; } = 1;
}

internal sealed class ModerationOptionsValidator : IValidateOptions<ModerationOptions>
{
    private static readonly string[] IdentityPrefixes = ["telegram:", "discord:", "console:"];

    public ValidateOptionsResult Validate(string? name, ModerationOptions options)
    {
        var failures = new List<string>();
        foreach (var identity in options.ModeratorIdentities)
        {
            var prefix = IdentityPrefixes.FirstOrDefault(p => identity.StartsWith(p, StringComparison.Ordinal));
            if (prefix is null || identity.Length == prefix.Length)
            {
                failures.Add($"Moderation:Moderators entry '{identity}' is not telegram:<id>, discord:<id> or console:<login>");
            }
        }

        foreach (var identity in options.CuratorIdentities.Where(i => !i.StartsWith("telegram:", StringComparison.Ordinal) && !i.StartsWith("discord:", StringComparison.Ordinal) || i.EndsWith(':')))
        {
            failures.Add($"Moderation:Curators entry '{identity}' is not telegram:<id> or discord:<id>");
        }

        if (options.ClaimMinutes is < 1 or > 240)
        {
            failures.Add("Moderation:ClaimMinutes must be between 1 and 240");
        }

        foreach (var type in options.TwoModeratorTypeIds.Where(t => EventTypes.Find(t) is null))
        {
            failures.Add($"Moderation:TwoModeratorTypes has unknown type '{type}' (known: {string.Join(", ", EventTypes.All.Select(t => t.Id))})");
        }

        foreach (var (outlet, tier) in options.OutletTiers.Where(t => t.Value < 1))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Moderation:OutletTiers:{outlet} must be 1 or more (1 = most trusted), not {tier}"));
        }

        if (options.AutoConfirm.MinOutlets < 2)
        {
            failures.Add("Moderation:AutoConfirm:MinOutlets must be at least 2");
        }

        if (options.AutoConfirm.MaxTier < 1)
        {
            failures.Add("Moderation:AutoConfirm:MaxTier must be at least 1");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
