namespace AlertBot.Extraction;

internal static partial class Lexicon
{
    /// <summary>
    /// Words that show an actor's role in its clause (read by the roles stage, <c>ActorRoles.cs</c>). Attack and
    /// movement words themselves are the attack cues and the event triggers above. A phrase here must not start with a
    /// longer cue's first word and run past it, or it would hide that cue: keep them single words or whole idioms.
    /// </summary>
    internal static readonly (RoleCue Role, string[] Phrases)[] RoleCues =
    [
        (RoleCue.Agent, [
            "من قبل", "مصدرها", "مصدره", "شنتها", "شنها", "شنه", "نفذتها", "نفذها", "اطلقتها", "اطلقها", "تبنت", "تبنى", "تبنته", "تبنتها",
            "by", "claimed by", "carried out by", "launched by", "conducted by",
        ]),
        (RoleCue.TargetIntro, [
            "على", "ضد", "نحو", "باتجاه",
            "on", "against", "at", "aimed at", "aiming for",
        ]),
        (RoleCue.UnderAttack, [
            "تعرض*", "طالت", "طال", "اصابت", "سقطت على", "سقط على",
            "came under", "come under", "comes under", "coming under",
        ]),
        (RoleCue.ObjectNoun, [
            "استهداف", "باستهداف", "لاستهداف", "للاستهداف", "استهدافه", "استهدافها", "مهاجمة", "بمهاجمة",
        ]),
        (RoleCue.Defence, [
            "تصدت", "تصدى", "التصدي", "اسقطت", "اسقط", "اعترضت", "اعترض", "صدت", "احبطت", "الدفاعات", "دفاعات",
            "shot down", "intercepted", "repelled", "repulsed", "thwarted", "air defences", "air defenses", "defences", "defenses",
        ]),
        (RoleCue.TargetNoun, [
            "موقع", "موقعا", "موقعين", "مقرا", "مركز", "مركزا", "معسكر", "سيارة", "سيارات", "عربة", "آلية", "اليات", "شاحنة", "شاحنات",
            "site", "sites", "position", "compound", "vehicle", "vehicles", "truck", "trucks", "convoy",
        ]),
    ];
}
