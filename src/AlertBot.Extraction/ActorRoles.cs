namespace AlertBot.Extraction;

/// <summary>What an actor did in the incident, when a clause of the report shows it.</summary>
public enum ActorRole
{
    /// <summary>Fired, struck, launched or targeted: the subject of the attack, or named after "by", "من قبل", "مصدرها".</summary>
    Attacker,

    /// <summary>What was hit or aimed at: the object of the attack, or the owner of the base or positions that were hit.</summary>
    Target,

    /// <summary>The party that evacuated, withdrew, relocated, reinforced or arrived.</summary>
    Moving,
}

/// <summary>The stable ids of the roles, as stored, sent over the API and audited.</summary>
public static class ActorRoleIds
{
    public const string Attacker = "attacker";
    public const string Target = "target";
    public const string Moving = "moving";

    /// <summary>Every role id, in the order a form lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Attacker, Target, Moving];

    public static string Of(ActorRole role) => role switch
    {
        ActorRole.Attacker => Attacker,
        ActorRole.Target => Target,
        _ => Moving,
    };

    /// <summary>The role with this id, or null (unknown id, empty or none).</summary>
    public static ActorRole? Parse(string? id) => id switch
    {
        Attacker => ActorRole.Attacker,
        Target => ActorRole.Target,
        Moving => ActorRole.Moving,
        _ => null,
    };
}

/// <summary>The kinds of role words (the value of a <see cref="Cue.Role"/> entry).</summary>
internal enum RoleCue
{
    /// <summary>Introduces the attacker after the attack: "by", "من قبل", "مصدرها", "شنتها".</summary>
    Agent,

    /// <summary>Introduces what an attack hit: "on", "against", "على", "ضد".</summary>
    TargetIntro,

    /// <summary>Its subject was attacked: "تعرضت", "came under", "was targeted".</summary>
    UnderAttack,

    /// <summary>An attack noun whose following noun is its object (استهداف القوات "the targeting of the forces").</summary>
    ObjectNoun,

    /// <summary>Intercepting, shooting down, repelling: the one who does it is the side attacked.</summary>
    Defence,

    /// <summary>A place of an actor that an attack can hit, besides the bases and positions cues (موقع، site, convoy).</summary>
    TargetNoun,
}
