namespace AlertBot.Extraction;

/// <summary>An event type of the scheme, with display names and the ACLED event / sub-event type it maps to.</summary>
public sealed record EventType(string Id, string NameEn, string NameAr, string AcledEventType, string AcledSubEventType);

/// <summary>The seven event types. Order is the priority used when several are found (the first found is the main one).</summary>
public static class EventTypes
{
    /// <summary>Artillery, mortar and tank fire.</summary>
    public static readonly EventType Shelling = new("shelling", "Shelling", "قصف مدفعي", "Explosions/Remote violence", "Shelling/artillery/missile attack");

    /// <summary>Ground-launched rockets or missiles.</summary>
    public static readonly EventType RocketAttack = new("rocket_attack", "Rocket attack", "هجوم صاروخي", "Explosions/Remote violence", "Shelling/artillery/missile attack");

    /// <summary>Armed or one-way drones (intercepted ones included).</summary>
    public static readonly EventType DroneAttack = new("drone_attack", "Drone attack", "هجوم بطائرة مسيّرة", "Explosions/Remote violence", "Air/drone strike");

    /// <summary>Warplanes or unidentified aircraft.</summary>
    public static readonly EventType Airstrike = new("airstrike", "Airstrike", "غارة جوية", "Explosions/Remote violence", "Air/drone strike");

    /// <summary>Positions, headquarters or depots evacuated, withdrawn or relocated.</summary>
    public static readonly EventType Evacuation = new("evacuation", "Evacuation / withdrawal", "إخلاء مواقع", "Strategic developments", "Non-violent transfer of territory");

    /// <summary>Convoys, troops or equipment arriving.</summary>
    public static readonly EventType Reinforcement = new("reinforcement", "Reinforcement", "تعزيزات عسكرية", "Strategic developments", "Other");

    /// <summary>Ground fighting.</summary>
    public static readonly EventType Clash = new("clash", "Clash", "اشتباك", "Battles", "Armed clash");

    /// <summary>All types, in index order.</summary>
    public static IReadOnlyList<EventType> All { get; } = [Shelling, RocketAttack, DroneAttack, Airstrike, Evacuation, Reinforcement, Clash];

    /// <summary>The type with this id, or null.</summary>
    public static EventType? Find(string id) => All.FirstOrDefault(t => t.Id == id);

    internal static int IndexOf(EventType t) => t switch
    {
        _ when ReferenceEquals(t, Shelling) => 0,
        _ when ReferenceEquals(t, RocketAttack) => 1,
        _ when ReferenceEquals(t, DroneAttack) => 2,
        _ when ReferenceEquals(t, Airstrike) => 3,
        _ when ReferenceEquals(t, Evacuation) => 4,
        _ when ReferenceEquals(t, Reinforcement) => 5,
        _ => 6,
    };
}
