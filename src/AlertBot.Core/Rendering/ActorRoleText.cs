using AlertBot.Extraction;

namespace AlertBot.Core.Rendering;

/// <summary>One role of an alert's actors as shown: its label and the names of the actors in it.</summary>
public sealed record RolePart(string RoleId, string Label, IReadOnlyList<string> Names);

/// <summary>
/// How an event's actors are named with their roles: "Target: International coalition · Attacker: unknown" /
/// "الهدف: التحالف الدولي · المهاجم: غير معروف". Shared by the alert, the digest and the moderator cards.
/// </summary>
public static class ActorRoleText
{
    /// <summary>Event types that have an attacker: when none is known, the alert says so.</summary>
    public static IReadOnlySet<string> AttackTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        EventTypes.Shelling.Id, EventTypes.RocketAttack.Id, EventTypes.DroneAttack.Id, EventTypes.Airstrike.Id, EventTypes.Clash.Id,
    };

    /// <summary>The word for an attacker nobody named.</summary>
    public static string Unknown(bool arabic) => arabic ? "غير معروف" : "unknown";

    /// <summary>The label of a role in one language.</summary>
    public static string Label(string roleId, bool arabic) => roleId switch
    {
        ActorRoleIds.Attacker => arabic ? "المهاجم" : "Attacker",
        ActorRoleIds.Target => arabic ? "الهدف" : "Target",
        ActorRoleIds.Moving => arabic ? "الطرف المتحرّك" : "Moving",
        _ => roleId,
    };

    /// <summary>
    /// The roles to show, target first, then attacker (said unknown for an attack whose attacker nobody named, once some
    /// role is known), then the moving party; and the actors without a role, which stay under "Actors".
    /// </summary>
    public static (IReadOnlyList<RolePart> Roles, IReadOnlyList<string> Others) Describe(
        IReadOnlyList<string> actorIds, IReadOnlyDictionary<string, string>? roles, IReadOnlyCollection<string> eventTypes, bool arabic)
    {
        roles ??= new Dictionary<string, string>();
        string Name(string id) => id == "unknown"
            ? Unknown(arabic)
            : ActorTaxonomy.Find(id) is { } a ? (arabic ? a.NameAr : a.NameEn) : id;
        List<string> With(string role) =>
            actorIds.Where(a => roles.TryGetValue(a, out var r) && r == role).Select(Name).Distinct().ToList();

        var targets = With(ActorRoleIds.Target);
        var attackers = With(ActorRoleIds.Attacker);
        var moving = With(ActorRoleIds.Moving);
        var parts = new List<RolePart>();
        var anyRole = targets.Count + attackers.Count + moving.Count > 0;
        if (targets.Count > 0) parts.Add(new RolePart(ActorRoleIds.Target, Label(ActorRoleIds.Target, arabic), targets));
        if (attackers.Count > 0)
        {
            parts.Add(new RolePart(ActorRoleIds.Attacker, Label(ActorRoleIds.Attacker, arabic), attackers));
        }
        else if (anyRole && eventTypes.Any(AttackTypes.Contains))
        {
            parts.Add(new RolePart(ActorRoleIds.Attacker, Label(ActorRoleIds.Attacker, arabic), [Unknown(arabic)]));
        }

        if (moving.Count > 0) parts.Add(new RolePart(ActorRoleIds.Moving, Label(ActorRoleIds.Moving, arabic), moving));
        var others = actorIds.Where(a => a != "unknown" && !roles.ContainsKey(a)).Select(Name).Distinct().ToList();
        return (parts, others);
    }

    /// <summary>An actor on a bilingual moderator card: "International coalition · التحالف الدولي (Target · الهدف)".</summary>
    public static string Bilingual(string actorId, IReadOnlyDictionary<string, string>? roles)
    {
        var name = ActorTaxonomy.Find(actorId) is { } actor ? $"{actor.NameEn} · {actor.NameAr}" : actorId;
        return roles is not null && roles.TryGetValue(actorId, out var role)
            ? $"{name} ({Label(role, arabic: false)} · {Label(role, arabic: true)})"
            : name;
    }

    /// <summary>The roles in one line: "Target: International coalition · Attacker: unknown"; empty when no role is known.</summary>
    public static string Line(IReadOnlyList<RolePart> parts, bool arabic) =>
        string.Join(" · ", parts.Select(p => $"{p.Label}: {string.Join(arabic ? "، " : ", ", p.Names)}"));
}
