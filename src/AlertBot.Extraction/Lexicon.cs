namespace AlertBot.Extraction;

/// <summary>Context words the rules look for (not output fields themselves).</summary>
internal enum Cue
{
    /// <summary>Untyped attack: قصف، استهدف، هجوم، attack, targeted, hit.</summary>
    AttackVerb,
    /// <summary>Marks an incident without a type: explosion, incursion, raid.</summary>
    IncidentOther,
    /// <summary>Warplanes / unidentified aircraft: an airstrike when combined with an attack verb.</summary>
    Aircraft,
    /// <summary>Drone noun: a drone attack when combined with an attack verb or an interception.</summary>
    Drone,
    /// <summary>Flying over, reconnaissance: the next aircraft mention is not an attack.</summary>
    Overflight,
    Negation,
    /// <summary>Civilians / residents / the wounded: "evacuating civilians" is not a position evacuation.</summary>
    Civilian,
    /// <summary>Rocket launchers: rockets as targets, not as weapons fired.</summary>
    Launcher,
    /// <summary>A base as target (attacks on bases are rocket attacks unless another weapon is named).</summary>
    Base,
    /// <summary>A noun or preposition that introduces a place (village, town, near…): licenses common-word place names.</summary>
    PlaceIntro,
    /// <summary>City cue (مدينة, city): prefer the city over the governorate of the same name.</summary>
    CityCue,
    /// <summary>Governorate cue (محافظة, ريف, province): prefer the governorate.</summary>
    GovernorateCue,
    /// <summary>Media outlet cue (قناة, TV, channel): the next/previous name is an outlet, not a place.</summary>
    Media,
    /// <summary>Casualty toll update (ارتفاع حصيلة, toll rises): this count supersedes earlier ones.</summary>
    TollUpdate,
    /// <summary>Habitual or historical framing (previously, often, منذ بداية): the sentence is background.</summary>
    Background,
    /// <summary>Habitual or trend framing (repeatedly, in recent months, مرارا): the whole sentence is background.</summary>
    Trend,
    /// <summary>A scope too generic to locate an incident (Syria and Iraq, the Middle East).</summary>
    GenericScope,
    Killed,
    /// <summary>A killing verb/noun that is followed by its number (مقتل 19, killing six).</summary>
    KilledLead,
    Wounded,
    WoundedLead,
    RocketNoun,
    DroneNoun,
    StrikeNoun,
    /// <summary>A singular person noun (شخص, مدني, soldier): a casualty verb followed by it counts one.</summary>
    PersonSingular,
    /// <summary>"another" / "آخر": one more casualty.</summary>
    Another,
    /// <summary>A number word (value carried in the entry).</summary>
    NumberWord,
    /// <summary>A dual noun meaning two of something (value = index into <see cref="Lexicon.Duals"/>).</summary>
    Dual,
    Today,
    Yesterday,
    DayBeforeYesterday,
    Weekday,
    Month,
    /// <summary>Clause conjunction (في حين, فيما, while): a new clause starts.</summary>
    ClauseJoin,
    /// <summary>A militia / armed group noun (ميليشيا, فصائل, militia, groups).</summary>
    MilitiaNoun,
    /// <summary>Iran / Tehran / Iranian (and Persian as used by hostile outlets).</summary>
    IranWord,
    /// <summary>Gunmen / tribal fighters: a ground attack is a clash.</summary>
    GroundAttacker,
    /// <summary>"Battle of", "معركة" + name: encyclopedic history.</summary>
    History,
    /// <summary>Number connectors that may stand between a casualty word and its number (إلى, to, reached).</summary>
    CountBridge,
    /// <summary>Approximation words that may precede a number (أكثر من, at least, about).</summary>
    Approx,
    /// <summary>Uncertain pair of numbers ("two or three"): ignored.</summary>
    Or,
    /// <summary>Months, seconds, hours, kilometres: a number followed by a unit is not a count.</summary>
    Unit,
    /// <summary>Relocation verb (نقل): an evacuation when its object is positions/headquarters.</summary>
    Move,
    /// <summary>Positions, headquarters, depots, facilities: objects of evacuation and targets.</summary>
    Facility,
    /// <summary>Compass direction (شرقي, north of): the following place is a reference point.</summary>
    Direction,
    /// <summary>Checkpoint, military post, patrol: an attack on it without a named weapon is ground fighting.</summary>
    GroundTarget,
    /// <summary>Hedges and idioms ("فيما يبدو", "hit hard", "struck a deal"): their words are not clause conjunctions or attacks.</summary>
    Hedge,
    /// <summary>Bombardment verb (قصف): with a base as target, a rocket attack.</summary>
    Bombard,
    /// <summary>Gaza war framing (حماس, غزة): Israel named as a war party, not as an actor here.</summary>
    GazaWar,
    /// <summary>English stative before a movement verb ("are deployed"): presence, not arrival.</summary>
    Stative,
    /// <summary>"Since" (منذ): with a date or year after it, the rest of the sentence recalls the past.</summary>
    Since,
    /// <summary>Past auxiliary (كان، كانت): followed by قد it forms the pluperfect, a recalled earlier event.</summary>
    PastAux,
    /// <summary>The particle قد / "had": with a past auxiliary before it, the pluperfect.</summary>
    Qad,
    /// <summary>"-backed", "المدعومة من": the actor named with it is a sponsor, not a party to the incident.</summary>
    Backer,
    /// <summary>A single drone named in the singular (طائرة مسيرة، a drone): one drone when no number is given.</summary>
    OneDrone,
    /// <summary>A bridge or road named after a place (جسر العشارة): the place locates the landmark, not the incident.</summary>
    Landmark,
    /// <summary>Sources and witnesses (مصادر أهلية، ناشطون، residents): a place right after them is where they are.</summary>
    Source,
    /// <summary>"خلال", "over the past": with a number of days, weeks or months after it, a tally over a period.</summary>
    During,
    /// <summary>Days, weeks, months, years (not hours): the length of a tally's period.</summary>
    PeriodUnit,
    /// <summary>A single rocket named in the singular (صاروخ، a rocket): one rocket when no number is given.</summary>
    OneRocket,
    /// <summary>A word that shows an actor's role in its clause (value: <see cref="RoleCue"/>); see <see cref="Lexicon.RoleCues"/>.</summary>
    Role,
    /// <summary>Missiles launched from the sea (cruise missiles, submarines, warships): not ground-launched rockets.</summary>
    SeaLaunch,
    /// <summary>Where an attack came from (من نقاطها في، from its positions in): the places after it are launch points.</summary>
    Origin,
    // Value 63 is the trigger bit of the low mask (Workspace.TriggerBit); cues from 64 on live in the high mask.

    /// <summary>Where an attack or a crossing went (على، إلى، باتجاه، at, into, towards): ends a launch point's stretch.</summary>
    Goal = 64,
    /// <summary>"X وريفها", "X and its countryside": X is the city whose countryside it is.</summary>
    OwnCountryside,
    /// <summary>The desert before a place (البادية في X، the desert near X): the desert area named after X.</summary>
    Desert,
    /// <summary>"X وباديتها": X and the desert area named after it.</summary>
    OwnDesert,
    /// <summary>Saying and citing (ذكرت، بحسب، according to, reported): a place name next to it names an outlet.</summary>
    Reporting,
    /// <summary>Anniversaries and commemorations (ذكرى، يستذكرون، احتفالية، anniversary): a headline with one and no attack is not news of an incident.</summary>
    Commemoration,
    /// <summary>Threats and warnings (هدد، توعد، threatened, warns): a headline with one and no attack is a statement, not an incident.</summary>
    Threat,
}

/// <summary>
/// Alias tables and cue words in both languages. Phrases are written naturally; they are normalised exactly like text
/// (hamza, taa marbuta, diacritics, article, transliteration folding). A trailing '*' lets the last word take any suffix
/// (صاروخ* → صاروخين، صاروخية; rocket* → rockets).
/// </summary>
internal static partial class Lexicon
{
    internal static IEnumerable<(string Phrase, string ActorId, bool Prefix)> ActorAliases()
    {
        foreach (var (id, phrases) in ActorTable)
        {
            foreach (var p in phrases)
            {
                var prefix = p.EndsWith('*');
                yield return (prefix ? p[..^1] : p, id, prefix);
            }
        }
    }

    /// <summary>Actor aliases. Iran-backed militias are also found by a rule (militia noun near an Iran word).</summary>
    private static readonly (string Id, string[] Phrases)[] ActorTable =
    [
        ("us_forces", [
            "امريكي*", "اميركي*", "امريكا", "اميركا", "الولايات المتحدة", "واشنطن", "البنتاغون", "البنتاجون", "سنتكوم",
            "القيادة المركزية الامريكية", "الجيش الامريكي", "القوات الامريكية", "المارينز",
            "US", "U S", "USA", "United States", "American*", "Americans", "Pentagon", "CENTCOM", "USCENTCOM", "USCENTOM",
            "US forces", "US troops", "Central Command", "Washington", "Marines",
        ]),
        ("coalition", [
            "التحالف الدولي", "التحالف", "قوات التحالف", "طيران التحالف", "التحالف الدولي لمحاربة داعش", "العزم الصلب",
            "coalition", "international coalition", "US-led coalition", "Operation Inherent Resolve", "Inherent Resolve", "CJTF-OIR", "CJTF",
        ]),
        ("sdf", [
            "قسد", "قوات سوريا الديمقراطية", "قوات سورية الديمقراطية", "قوات سوريا الديموقراطية", "مجلس دير الزور العسكري",
            "وحدات حماية الشعب", "الوحدات الكردية", "قوات الاسايش", "الاسايش",
            "SDF", "Syrian Democratic Forces", "Deir ez-Zor Military Council", "YPG", "Asayish", "Kurdish-led forces",
        ]),
        ("syrian_government", [
            "قوات النظام", "النظام السوري", "نظام الاسد", "قوات الاسد", "الجيش السوري", "الجيش العربي السوري", "القوات الحكومية",
            "القوات السورية", "قوات الحكومة", "الحكومة السورية", "الحرس الجمهوري", "الفرقة الرابعة", "الدفاع الوطني", "قواتنا المسلحة",
            "عناصر النظام", "جيش النظام", "الجيش النظامي", "مخابرات النظام", "الامن العسكري", "طيران النظام", "الحكومة في دمشق",
            "الطيران الروسي", "القوات الروسية", "الطائرات الروسية", "المقاتلات الروسية", "حكومة دمشق", "قوات حكومة دمشق",
            "الامن العام السوري", "وزارة الدفاع السورية", "الحكومة السورية الانتقالية", "الحكومة الانتقالية",
            "regime forces", "regime", "Syrian army", "Syrian Arab Army", "government forces", "Syrian government", "Assad forces",
            "Assad regime", "Syrian forces", "Republican Guard", "Fourth Division", "4th Division", "National Defence Forces", "National Defense Forces",
            "pro-government forces", "Damascus government", "transitional government", "Syrian Defense Ministry", "Syrian Defence Ministry", "Syrian troops", "Syrian military", "Russian warplanes", "Russian jets", "Russian forces", "Russian air force",
        ]),
        ("irgc", [
            "الحرس الثوري", "الحرس الثوري الايراني", "فيلق القدس", "القوات الايرانية", "قادة ايرانيين", "القادة الايرانيين", "ضباط ايرانيين", "الحرس الايراني", "المستشارين الايرانيين",
            "IRGC", "Revolutionary Guard", "Revolutionary Guards", "Islamic Revolutionary Guard Corps", "Revolutionary Guard Corps",
            "Quds Force", "Iranian commanders", "Iranian officers", "Iranian forces", "Iranian troops", "Iranian advisers", "Iranian advisors", "IRGC-QF",
        ]),
        ("hezbollah", [
            "حزب الله", "حزب الله اللبناني", "ميليشيا حزب الله اللبناني",
            "Hezbollah", "Hizbollah", "Hizballah", "Lebanese Hezbollah",
        ]),
        ("fatemiyoun", [
            "فاطميون", "الفاطميون", "فاطميين", "الفاطميين", "لواء فاطميون", "ميليشيا فاطميون", "الميليشيات الافغانية", "ميليشيات افغانية",
            "الافغان", "المقاتلين الافغان", "مقاتلين افغان", "ميليشيا افغانية",
            "Fatemiyoun", "Fatemiyun", "Fatimiyoun", "Fatimiyun", "Fatemioun", "Liwa Fatemiyoun", "Afghan militia*", "Afghan fighters",
            "fighters from Afghanistan",
        ]),
        ("hashd_al_shaabi", [
            "الحشد الشعبي", "الحشد", "هيئة الحشد", "حزب الله العراقي*", "كتائب حزب الله", "كتائب سيد الشهداء", "سيد الشهداء",
            "حركة النجباء", "النجباء", "عصائب اهل الحق", "كتائب الامام علي", "الفصائل العراقية",
            "فصائل عراقية", "الميليشيات العراقية", "ميليشيات عراقية", "ميليشيا عراقية", "مليشيات عراقية", "المليشيات العراقية",
            "ميليشيا الحشد", "الحشد العراقي",
            "Hashd", "Hashd al-Shaabi", "Popular Mobilization Forces", "Popular Mobilisation Forces", "Popular Mobilization Units",
            "PMF", "PMU", "Kataib Hezbollah", "Kata'ib Hezbollah", "Kataib Hizbollah", "Kataib Sayyid al-Shuhada", "Nujaba",
            "Harakat al-Nujaba", "Asaib Ahl al-Haq", "Iraqi militia*", "Iraqi factions",
        ]),
        ("israel", [
            "اسرائيل*", "الاحتلال الاسرائيلي", "العدو الاسرائيلي", "الطيران الاسرائيلي", "جيش الاحتلال الاسرائيلي", "تل ابيب",
            "Israel*", "IDF", "Israeli Air Force", "Tel Aviv",
        ]),
        ("isis", [
            "داعش", "تنظيم الدولة", "الدولة الاسلامية", "تنظيم الدولة الاسلامية", "خلايا التنظيم", "خلايا داعش",
            "ISIS", "ISIL", "Islamic State", "Daesh", "Daish",
        ]),
        ("iran_backed_militias", [
            "محور المقاومة", "المقاومة الاسلامية في العراق", "المقاومة العراقية", "Islamic Resistance in Iraq", "لواء المنتظر", "لواء المهدي", "لواء الباقر", "زينبيون", "لواء زينبيون", "حيدريون",
            "الميليشيات الموالية لايران", "الميليشيات المدعومة من ايران", "المدعومة ايرانيا", "المدعومة من ايران", "الموالية لايران",
            "Axis of Resistance", "Iran-backed", "Iranian-backed", "Tehran-backed", "pro-Iran*", "Iran-aligned", "Iran-affiliated",
            "Liwa al-Baqir", "Zainabiyoun", "Zeinabiyoun",
        ]),
        ("unknown", [
            "مجهول*", "مجهولة الهوية", "مجهولة المصدر", "لم تتبن اي جهة", "unidentified", "unknown", "unclaimed",
        ]),
    ];

    /// <summary>Typed event triggers. Value = index into <see cref="EventTypes.All"/>.</summary>
    internal static readonly (int Type, string[] Phrases)[] Triggers =
    [
        (0, [
            "قصف مدفعي*", "القصف المدفعي", "مدفعي*", "مدفع*", "هاون", "الهاون", "قذائف", "قذيفة", "قذيفتين", "قذيفتان", "قذائف مدفعية",
            "قذائف الهاون", "دبابة", "دبابات", "قصف بالدبابات", "راجمات", "قصف بري",
            "shelling", "shelled", "shell", "shells", "artillery", "mortar*", "tank fire", "howitzer*",
        ]),
        (1, [
            "صاروخ*", "صواريخ*", "صاروخا", "كاتيوشا", "غراد", "قذائف صاروخية", "قذيفة صاروخية", "رشقة صاروخية", "رشقات صاروخية",
            "هجوم صاروخي", "قصف صاروخي", "الاستهداف الصاروخي", "استهداف صاروخي",
            "rocket*", "missile*", "Katyusha*", "indirect fire", "Grad rocket*",
        ]),
        (3, [
            "غارة*", "غارات*", "غارت*", "قصف جوي", "القصف الجوي", "ضربة جوية", "ضربات جوية", "الضربات الجوية", "الضربة الجوية", "عدوان جوي",
            "عدوانا جويا", "العدوان الجوي", "قصف جوي", "غارات جوية", "صواريخ جو ارض", "صاروخ جو ارض", "air-to-surface missile*", "هجوم جوي", "الهجوم الجوي", "air attack*", "aerial attack",
            "airstrike*", "air strike*", "air raid*", "air-strike*", "aerial bombardment", "bombing raid*", "aerial attack*", "aerial strike*",
        ]),
        (2, [
            "هجوم بطائرة مسيرة", "هجوم بطائرات مسيرة", "طائرة انتحارية", "مسيرة انتحارية", "مسيرات انتحارية", "هجوم بالمسيرات",
            "drone attack*", "drone strike*", "kamikaze drone*", "one-way attack drone*", "suicide drone*",
        ]),
        (4, [
            "اخلاء*", "اخلت", "اخلى", "اخلوا", "تخلي", "انسحاب*", "انسحبت", "انسحب", "انسحبوا", "سحبت", "سحب", "يسحب", "اعادة تموضع",
            "اعادة التموضع", "اعادة انتشار", "اعادة الانتشار", "افرغت", "افراغ", "تفريغ", "تخلي عن", "نقل مقرات*", "نقلت مقرات*",
            "evacuat*", "withdr*", "relocat*", "pulled out", "pull out", "pulls out", "vacated", "vacate", "redeploy*", "repositioning",
            "repositioned", "abandoned their", "moved out",
        ]),
        (5, [
            "تعزيزات*", "تعزيز*", "رتل*", "ارتال", "قافلة*", "قوافل", "قافلت*", "استقدم*", "دفعت بتعزيزات",
            "انتشرت", "انتشروا", "طائرة شحن", "طائرات شحن", "طائرة شحن عسكرية",
            "reinforcement*", "reinforce*", "convoy*", "deploy*", "brought in", "bring in", "brings in", "brought", "cargo plane*", "airlift*",
        ]),
        (6, [
            "اشتباك*", "اشتبك*", "الاشتباكات", "مواجهات", "مواجهة مسلحة", "معارك", "اقتتال", "هجوم بري", "تبادل لاطلاق النار", "تبادل اطلاق النار",
            "الاسلحة الرشاشة", "اسلحة رشاشة", "بالرشاشات", "الاسلحة الخفيفة", "اسلحة خفيفة", "كمين", "كمينا", "هجوم مسلح", "اطلاق نار", "اطلاق النار",
            "تسلل*", "محاولة تسلل", "infiltrat*", "clash*", "fighting", "firefight*", "gunfight*", "gun battle*", "exchange of fire", "exchanged fire", "ground assault", "ambush*",
            "small arms", "machine gun*", "gunfire", "opened fire", "armed attack",
        ]),
    ];

    internal static readonly (Cue Cue, int Value, string[] Phrases)[] Cues =
    [
        (Cue.AttackVerb, 0, [
            "قصف*", "قصفت", "استهدف*", "استهداف*", "يستهدف", "تستهدف", "مستهدف*", "هجوم*", "هجمات", "هاجم*", "ضرب*", "ضربات", "عدوان*",
            "تدمير", "دمرت", "دمر", "شن", "شنت", "شنه", "شنها", "يشن", "تشن", "قصفا", "قصفها", "اسقطت", "اسقط", "تصدت", "التصدي", "اعترض*",
            "attack*", "targeted", "targeting", "target", "targets", "hit", "hits", "struck", "strike", "strikes", "bomb*", "pounded",
            "shot down", "destroyed", "destroying", "intercepted", "intercept*", "downed", "aggression", "assault*", "fired at",
        ]),
        (Cue.IncidentOther, 0, [
            "انفجار*", "انفجر*", "توغل*", "اقتحام", "اقتحمت", "مداهمة", "مداهمات", "انزال جوي", "عملية انزال", "تمشيط", "لغم", "لغم ارضي",
            "عبوة ناسفة", "عبوات ناسفة", "سيارة مفخخة", "اغتيال", "اغتيل", "explosion*", "blast*", "exploded", "explode*", "incursion*", "raid*",
            "landmine*", "IED*", "roadside bomb*", "car bomb*", "assassinat*",
        ]),
        (Cue.Aircraft, 0, [
            "طيران حربي", "الطيران الحربي", "طائرات حربية", "الطائرات الحربية", "مقاتلات", "مقاتلات حربية", "طائرات مجهولة", "طائرات",
            "طيران مجهول", "طيران", "الطيران", "طائرة حربية", "طائرة", "مقاتلات اسرائيلية", "مروحي*", "طائرات التحالف", "الطيران الروسي",
            "warplane*", "war plane*", "jet*", "fighter jet*", "aircraft", "planes", "helicopter*", "F-15*", "F-16*", "F-35*", "A-10*", "B-1*",
        ]),
        (Cue.Drone, 0, [
            "مسيرة", "مسيرات", "طائرة مسيرة", "طائرات مسيرة", "طائرة بدون طيار", "طائرات بدون طيار", "طيران مسير", "الطيران المسير",
            "درون", "طائرة مسيرة مفخخة", "مسيرة مفخخة", "طائرة مسيّرة", "مسيرتين", "طائرتين مسيرتين",
            "drone*", "UAV*", "unmanned aerial vehicle*",
        ]),
        (Cue.Overflight, 0, [
            "تحليق*", "حلقت", "حلق", "يحلق", "تحلق", "استطلاع*", "سماء", "اجواء", "رصد",
            "overflight*", "flew over", "flying over", "hovering", "reconnaissance", "surveillance", "flights over",
        ]),
        (Cue.Negation, 0, [
            "لا", "لم", "لن", "ليس", "عدم", "دون", "بدون", "نفى", "نفت", "ينفي", "تنفي", "نفي", "لا يوجد", "ليس هناك",
            "خشية", "تحسبا", "خوفا من", "تخوفا من", "تهدد", "هددت", "يهدد", "التخوف من", "تخوف", "تتخوف", "يتخوف", "مخاوف من",
            "متوقع", "مرتقب", "محتمل", "محتملة", "احتمال", "توعد", "توعدت", "يتوعد", "حذر من", "حذرت من", "قد يشن", "سيشن", "ما اذا", "اذا ما", "في حال", "فيما اذا",
            "no", "not", "without", "denied", "denies", "never", "nor", "none", "fears of", "fear of", "for fear", "fearing", "threatened", "threatens",
            "anticipation of", "potential", "possible", "possibly", "would", "could", "might", "warned", "vowed", "threat of", "whether", "in case", "in the event",
        ]),
        (Cue.Civilian, 0, [
            "المدنيين", "مدنيين", "الاهالي", "السكان", "العائلات", "عائلات", "الجرحى", "المصابين", "الاطفال", "النازحين", "اهالي",
            "civilians", "residents", "families", "patients", "the wounded", "population",
        ]),
        (Cue.Launcher, 0, [
            "منصات", "منصة", "منصات اطلاق", "مستودع*", "مخزن*", "مخازن", "شحنة*", "شحنات", "launcher*", "launch site*", "launch point*", "launching pad*",
            "depot*", "warehouse*", "stockpile*", "shipment*", "depots for",
        ]),
        (Cue.SeaLaunch, 0, [
            "كروز", "مجنحة", "غواصة", "غواصات", "بارجة", "بوارج", "سفينة حربية", "سفن حربية", "كاليبر",
            "cruise", "submarine*", "warship*", "Kalibr",
        ]),
        (Cue.Base, 0, [
            "قاعدة", "القاعدة", "قواعد", "القواعد", "قاعدتي", "القاعدة العسكرية", "قاعدة عسكرية",
            "base", "bases", "garrison", "outpost*", "airbase", "air base", "military site*",
        ]),
        (Cue.PlaceIntro, 0, [
            "قرية", "قرى", "قريتي", "بلدة", "بلدات", "بلدتي", "مدينة", "مدينتي", "مدن", "حي", "حيي", "احياء", "منطقة", "منطقتي", "مناطق",
            "ناحية", "حقل", "حقول", "حقلي", "مطار", "معبر", "بادية", "ريف", "اطراف", "محيط", "قرب", "بالقرب", "مقابل", "ضفة", "مستودعات",
            "مستودع", "معسكر", "قاعدة", "قاعدتي", "نفط", "جنوب", "شمال", "شرق", "غرب", "جنوبي", "شمالي", "شرقي", "غربي", "مزارع",
            "village*", "town*", "city", "area", "near", "outskirts", "countryside", "district", "field", "around",
        ]),
        (Cue.Direction, 0, [
            "جنوب", "شمال", "شرق", "غرب", "جنوبي", "شمالي", "شرقي", "غربي", "شمال شرق", "شمال شرقي", "شمال غرب", "شمال غربي", "جنوب شرق",
            "جنوب شرقي", "جنوب غرب", "جنوب غربي", "north of", "south of", "east of", "west of", "northeast of", "northwest of",
            "southeast of", "southwest of", "km north of", "km south of", "km east of", "km west of",
        ]),
        (Cue.GroundTarget, 0, [
            "حاجز", "حاجزا", "الحاجز", "حواجز", "نقطة", "نقطة عسكرية", "نقاط", "مخفر", "دورية", "checkpoint*", "military post*", "patrol*",
        ]),
        (Cue.Hedge, 0, [
            "فيما يبدو", "على ما يبدو", "فيما يعتقد", "فيما يرجح", "reportedly", "believed", "apparently",
            "coalition of", "a coalition of", "hit hard", "hard hit", "struck a deal", "strike a deal", "struck an agreement", "hunger strike", "general strike", "ضرب موعدا",
            "انتشرت عبر", "انتشر عبر", "انتشرت على", "انتشرت صور", "انتشرت مقاطع", "انتشر مقطع", "انتشر فيديو", "deployed on social media",
        ]),
        (Cue.Bombard, 0, ["قصف*", "قصفت", "قصفا", "قصفها", "bombard*", "pounded", "shelled"]),
        (Cue.GazaWar, 0, ["حماس", "غزة", "قطاع غزة", "Hamas", "Gaza"]),
        (Cue.Stative, 0, ["are", "is", "remain", "remains", "stationed", "based"]),
        (Cue.Since, 0, ["منذ", "since"]),
        (Cue.PastAux, 0, ["كان", "كانت", "كانوا"]),
        (Cue.Qad, 0, ["قد"]),
        (Cue.Backer, 0, ["backed", "protected", "المدعوم من", "المدعومة من", "المدعومين من", "المدعومة", "المدعوم"]),
        (Cue.OneDrone, 0, ["طائرة مسيرة", "مسيرة انتحارية", "طائرة انتحارية", "طائرة بدون طيار", "طائرة مسيرة مفخخة", "مسيرة مفخخة"]),
        (Cue.OneRocket, 0, ["صاروخ", "قذيفة صاروخية"]),
        (Cue.CityCue, 0, ["مدينة", "مدينتي", "مركز مدينة", "وسط مدينة", "city", "city of", "town of"]),
        (Cue.GovernorateCue, 0, ["محافظة", "محافظتي", "ريف", "ريفي", "province", "governorate", "countryside", "region"]),
        (Cue.Media, 0, [
            "قناة", "قناتي", "تلفزيون", "شبكة", "صفحة", "موقع", "وكالة", "اذاعة", "راديو", "TV", "television", "channel", "network", "radio",
            "news", "outlet", "website",
        ]),
        (Cue.TollUpdate, 0, [
            "ارتفاع", "ارتفع", "ارتفعت", "يرفع", "ترفع", "حصيلة", "اجمالي", "الحصيلة", "toll", "rises", "rose", "risen", "total",
        ]),
        (Cue.Background, 0, [
            "منذ بداية", "منذ اندلاع", "بعد اندلاع", "السابقة", "سابقا", "سبق ان", "بعد اشهر من", "بعد سنوات من", "سبق و", 
            "منذ سنوات", "منذ عام", "في السنوات", "خلال الاعوام", "تاريخيا", "في ظل استمرار", "يذكر ان", "يشار الى ان",
            "الجدير بالذكر", "ومن الجدير بالذكر", "وتاتي هذه", "ياتي ذلك", "وياتي ذلك", "في اطار", "ضمن سلسلة",
            "previous", "previously", "in recent years", "since the start",
            "historically", "over the years", "it is worth noting", "comes amid", "came amid", "amid a series", "part of a trend", "in the past", "have been the target", "has been the target", "in previous", "in a recent", "months after", "years after", "weeks after",
        ]),
        (Cue.Trend, 0, [
            "عادة", "مرارا", "تكرارا", "دأبت", "خلال الاشهر الماضية", "في الاشهر الاخيرة", "خلال الاشهر الاخيرة", "خلال العام الماضي", "منذ اشهر",
            "often", "typically", "usually", "frequently", "routinely", "repeatedly", "regularly", "in the last few months", "in recent months",
            "over the past months", "over the past year", "in the past few months", "from time to time", "من حين لاخر",
            "من حين الى اخر", "بين الحين والاخر", "بين حين واخر",
        ]),
        (Cue.GenericScope, 0, [
            "سوريا والعراق", "سورية والعراق", "العراق وسوريا", "العراق وسورية", "الشرق الاوسط", "المنطقة برمتها", "دول المنطقة",
            "Iraq and Syria", "Syria and Iraq", "Middle East", "the region",
        ]),
        (Cue.Commemoration, 0, [
            "ذكرى", "الذكرى", "بذكرى", "في ذكرى", "الذكرى السنوية", "ذكراها", "يستذكر", "يستذكرون", "تستذكر", "استذكار", "احياء ذكرى",
            "احتفالية", "احتفال", "احتفالا", "يحتفلون", "تحتفل",
            "anniversary", "anniversaries", "commemorat*", "in memory of", "memorial", "celebrat*", "remember*",
        ]),
        (Cue.Threat, 0, [
            "هدد", "هددت", "يهدد", "تهدد", "توعد", "توعدت", "يتوعد", "تتوعد", "تهديد", "تهديدات", "يحذر", "تحذر", "حذر", "حذرت",
            "threaten*", "threat", "threats", "warn*", "vow*",
        ]),
        (Cue.History, 0, ["Battle of", "معركة تحرير", "معركة الباغوز", "معركة هجين", "occupation of", "de facto capital", "was captured by", "captured by"]),
        (Cue.Killed, 0, [
            "قتيل*", "قتلى", "القتلى", "شهيد*", "شهداء", "الشهداء", "ضحايا", "قتلوا", "قتل", "قتلت", "لقوا مصرعهم", "مصرع",
            "killed", "dead", "deaths", "died", "fatalities", "death toll", "casualties",
        ]),
        (Cue.KilledLead, 0, [
            "مقتل", "قتل", "استشهاد", "استشهد", "باستشهاد", "اسفر عن مقتل", "ادى الى مقتل", "killing", "killed", "kills", "death of", "deaths of",
        ]),
        (Cue.Wounded, 0, [
            "جريح*", "جرحى", "الجرحى", "مصاب*", "مصابين", "اصيبوا", "جرحوا", "اصابات", "wounded", "injured", "hurt",
        ]),
        (Cue.WoundedLead, 0, [
            "اصابة", "اصابه", "اصيب", "اصيبت", "جرح", "وجرح", "injuring", "wounding", "wounded", "injured",
        ]),
        (Cue.RocketNoun, 0, ["صاروخ*", "صواريخ*", "قذيفة صاروخية", "قذائف صاروخية", "rocket*", "missile*", "Katyusha*"]),
        (Cue.DroneNoun, 0, [
            "مسيرة", "مسيرات", "طائرة مسيرة", "طائرات مسيرة", "طائرة بدون طيار", "طائرات بدون طيار", "درون", "طائرة انتحارية", "مسيرة انتحارية",
            "مسيرات انتحارية", "drone*", "UAV*", "one-way attack drone*", "suicide drone*", "kamikaze drone*",
        ]),
        (Cue.StrikeNoun, 0, ["غارة*", "غارات*", "ضربة*", "ضربات", "ضربة جوية", "ضربات جوية", "airstrike*", "air strike*", "air raid*", "strike", "strikes", "raids"]),
        (Cue.PersonSingular, 0, [
            "احد", "احدى", "شخص", "مدني", "عنصر", "جندي", "شخصا", "مدنيا", "عنصرا", "جنديا", "طفلا", "مقاتلا", "عسكريا", "ضابطا", "مواطنا", "طفل", "امراة", "سيدة", "رجل", "متعاقد", "مقاتل", "شاب", "عسكري", "مواطن", "ضابط", "قيادي",
            "one of", "person", "civilian", "soldier", "member", "fighter", "militant", "contractor", "child", "woman", "man", "officer", "service member",
        ]),
        (Cue.Another, 0, ["آخر", "another", "one other"]),
        (Cue.CountBridge, 0, [
            "الى", "عن", "هم", "بلغ", "بلغت", "نحو", "عائلة مؤلفة من", "عائلة مكونة من", "اسرة مؤلفة من", "اسرة مكونة من", "to", "reached", "at", "of",
            "a family of",
        ]),
        (Cue.Source, 0, ["مصادر", "مصدر", "ناشطون", "ناشطين", "مراسل", "مراسلنا", "شهود عيان", "sources", "source", "activists", "residents", "correspondent"]),
        (Cue.During, 0, ["خلال", "على مدى", "طيلة", "في غضون", "over the past", "over the last", "in the past", "in the last", "during the past", "over"]),
        (Cue.PeriodUnit, 0, ["ايام", "يوما", "اسابيع", "اسبوعا", "اشهر", "شهور", "سنوات", "اعوام", "days", "weeks", "months", "years"]),
        (Cue.Origin, 0, [
            "من نقاطها", "من نقاطه", "من نقاط تابعة", "من مواقعها", "من مواقعه", "من مواقع تابعة", "من مناطق سيطرتها",
            "من مناطق سيطرة", "من مناطق تمركزها", "من مواقع تمركزها", "من مقراتها",
            "from its positions", "from their positions", "from positions", "launched from", "fired from", "from areas controlled by",
        ]),
        (Cue.OwnCountryside, 0, ["وريفها", "وريفه", "واريافها", "وضواحيها", "and its countryside", "and its suburbs", "and its outskirts"]),
        (Cue.Desert, 0, ["البادية", "بادية", "الصحراء", "desert", "the desert"]),
        (Cue.OwnDesert, 0, ["وباديتها", "وباديته", "and its desert", "and the surrounding desert"]),
        (Cue.Reporting, 0, [
            "ذكرت", "ذكر", "قالت", "افادت", "نقلت", "اوردت", "بثت", "نشرت", "بحسب", "حسب", "وفق", "وفقا", "اكدت", "زعمت",
            "according to", "reported", "reports", "said", "says", "quoted", "aired", "broadcast", "cited",
        ]),
        (Cue.Goal, 0, ["على", "الى", "نحو", "باتجاه", "صوب", "at", "on", "into", "towards", "toward", "to"]),
        (Cue.Landmark, 0, ["جسر", "طريق", "اوتوستراد", "الطريق الواصل بين", "bridge", "road", "highway"]),
        (Cue.Approx, 0, [
            "اكثر من", "ما لا يقل عن", "لا يقل عن", "نحو", "حوالي", "قرابة", "زهاء", "اكثر", "ما يزيد عن", "ما يزيد على", "على الاقل",
            "at least", "more than", "about", "around", "some", "nearly", "almost", "over", "up to",
        ]),
        (Cue.Or, 0, ["او", "or"]),
        (Cue.Unit, 0, [
            "ساعة", "ساعات", "دقيقة", "دقائق", "يوم", "ايام", "يوما", "اسبوع", "اسابيع", "شهر", "اشهر", "سنة", "سنوات", "عام", "اعوام", "كيلومتر*",
            "كم", "متر", "مترا", "امتار", "الف", "آلاف", "مليون", "بالمئة", "بالمائة", "في المئة", "hour", "hours", "minute", "minutes", "day",
            "days", "week", "weeks", "month", "months", "year", "years", "km", "kilometer", "kilometers", "kilometre", "kilometres", "mile",
            "miles", "meter", "meters", "metre", "metres", "percent", "thousand", "thousands", "million", "millions",
        ]),
        (Cue.Today, 0, ["اليوم", "صباح اليوم", "فجر اليوم", "مساء اليوم", "ظهر اليوم", "today", "this morning", "tonight", "earlier today"]),
        (Cue.Yesterday, 0, ["امس", "يوم امس", "مساء امس", "ليل امس", "ليلة امس", "صباح امس", "البارحة", "yesterday", "last night"]),
        (Cue.DayBeforeYesterday, 0, ["اول امس", "اول من امس", "day before yesterday"]),
        (Cue.ClauseJoin, 0, ["في حين", "فيما", "بينما", "في المقابل", "وفي غضون ذلك", "while", "whereas", "meanwhile"]),
        (Cue.MilitiaNoun, 0, [
            "ميليشي*", "مليشي*", "ميلشي*", "ملشي*", "فصائل", "فصيل", "مجموعات", "جماعات", "الفصائل", "المجموعات", "الجماعات", "القوات",
            "عناصر", "مسلحين", "مقاتلين", "ميليشيا", "وكلاء",
            "militia*", "militant*", "group*", "faction*", "fighters", "proxies", "proxy", "forces", "paramilitar*",
        ]),
        (Cue.IranWord, 0, ["ايران*", "طهران", "فارسي*", "الاحتلال الفارسي", "Iran*", "Tehran", "Persian"]),
        (Cue.GroundAttacker, 0, [
            "مسلحون", "مسلحين", "مقاتلو العشائر", "مقاتلي العشائر", "ابناء العشائر", "ابناء قبيلة", "العشائر", "قوات العشائر", "مجهولون",
            "مجموعات مسلحة", "جماعات مسلحة", "عناصر مسلحة", "مجموعة مسلحة", "خلية", "خلايا",
            "gunmen", "tribal fighters", "tribesmen", "armed men", "armed groups", "armed group", "cell", "cells",
        ]),
        (Cue.Move, 0, ["نقل", "نقلت", "تنقل", "ينقل", "نقلوا", "moved", "transferred", "transferring", "relocating"]),
        (Cue.Facility, 0, [
            "مقرات", "مقراتها", "مقار", "مقر", "مواقع", "مواقعها", "مستودعات", "منشآت", "منشات", "منشاتها", "نقاط", "نقاطها", "عناصرها", "العناصر",
            "headquarters", "positions", "depots", "facilities", "posts", "warehouses",
        ]),
    ];

    /// <summary>Arabic and English number words. Value is the number.</summary>
    internal static readonly (int Value, string[] Phrases)[] Numbers =
    [
        (1, ["واحد", "واحدة", "one", "a single", "single"]),
        (2, ["اثنان", "اثنين", "اثنتين", "اثنتان", "two"]),
        (3, ["ثلاث", "ثلاثة", "three"]),
        (4, ["اربع", "اربعة", "four"]),
        (5, ["خمس", "خمسة", "five"]),
        (6, ["ست", "ستة", "six"]),
        (7, ["سبع", "سبعة", "seven"]),
        (8, ["ثمان", "ثماني", "ثمانية", "eight"]),
        (9, ["تسع", "تسعة", "nine"]),
        (10, ["عشر", "عشرة", "ten"]),
        (11, ["احد عشر", "احدى عشرة", "eleven"]),
        (12, ["اثنا عشر", "اثني عشر", "اثنتا عشرة", "twelve", "a dozen", "dozen"]),
        (13, ["ثلاثة عشر", "ثلاث عشرة", "thirteen"]),
        (14, ["اربعة عشر", "اربع عشرة", "fourteen"]),
        (15, ["خمسة عشر", "خمس عشرة", "fifteen"]),
        (16, ["ستة عشر", "ست عشرة", "sixteen"]),
        (17, ["سبعة عشر", "سبع عشرة", "seventeen"]),
        (18, ["ثمانية عشر", "ثماني عشرة", "eighteen"]),
        (19, ["تسعة عشر", "تسع عشرة", "nineteen"]),
        (20, ["عشرون", "عشرين", "twenty"]),
        (30, ["ثلاثون", "ثلاثين", "thirty"]),
        (40, ["اربعون", "اربعين", "forty"]),
        (50, ["خمسون", "خمسين", "fifty"]),
        (60, ["ستون", "ستين", "sixty"]),
        (70, ["سبعون", "سبعين", "seventy"]),
        (80, ["ثمانون", "ثمانين", "eighty"]),
        (90, ["تسعون", "تسعين", "ninety"]),
        (100, ["مئة", "مائة", "hundred", "a hundred", "one hundred"]),
    ];

    /// <summary>Dual nouns (two of the thing). Key = count field.</summary>
    internal static readonly (string Key, string[] Phrases)[] Duals =
    [
        ("rockets", ["صاروخين", "صاروخان", "قذيفتين صاروخيتين"]),
        ("drones", ["مسيرتين", "مسيرتان", "طائرتين مسيرتين", "طائرتان مسيرتان"]),
        ("strikes", ["غارتين", "غارتان", "ضربتين", "ضربتان"]),
        ("killed", ["قتيلين", "قتيلان", "شهيدين", "شهيدان"]),
        ("wounded", ["جريحين", "جريحان", "مصابين اثنين", "اصابتين", "اصابتان"]),
        ("persons", ["عنصرين", "عنصران", "شخصين", "شخصان", "جنديين", "جنديان", "مدنيين اثنين", "طفلين", "عسكريين اثنين"]),
    ];

    /// <summary>Weekday names (value: DayOfWeek).</summary>
    internal static readonly (DayOfWeek Day, string[] Phrases)[] Weekdays =
    [
        (DayOfWeek.Sunday, ["الاحد", "احد", "Sunday"]),
        (DayOfWeek.Monday, ["الاثنين", "الاتنين", "Monday"]),
        (DayOfWeek.Tuesday, ["الثلاثاء", "Tuesday"]),
        (DayOfWeek.Wednesday, ["الاربعاء", "Wednesday"]),
        (DayOfWeek.Thursday, ["الخميس", "Thursday"]),
        (DayOfWeek.Friday, ["الجمعة", "Friday"]),
        (DayOfWeek.Saturday, ["السبت", "Saturday"]),
    ];

    /// <summary>Month names, Levantine and Egyptian/Gulf Arabic forms and English.</summary>
    internal static readonly (int Month, string[] Phrases)[] Months =
    [
        (1, ["كانون الثاني", "يناير", "January", "Jan"]),
        (2, ["شباط", "فبراير", "February", "Feb"]),
        (3, ["آذار", "اذار", "مارس", "March"]),
        (4, ["نيسان", "ابريل", "أبريل", "April", "Apr"]),
        (5, ["أيار", "ايار", "مايو", "May"]),
        (6, ["حزيران", "يونيو", "يونيه", "June"]),
        (7, ["تموز", "يوليو", "يوليه", "July"]),
        (8, ["آب", "اغسطس", "أغسطس", "August", "Aug"]),
        (9, ["أيلول", "ايلول", "سبتمبر", "September", "Sept"]),
        (10, ["تشرين الأول", "تشرين الاول", "أكتوبر", "اكتوبر", "October", "Oct"]),
        (11, ["تشرين الثاني", "نوفمبر", "November", "Nov"]),
        (12, ["كانون الأول", "كانون الاول", "ديسمبر", "December", "Dec"]),
    ];

    /// <summary>
    /// Place names that are also common words (العمر "age", مرات "times", الجلاء "evacuation", صور "pictures"…):
    /// accepted only after a place-introducing word or inside a list of places.
    /// </summary>
    internal static readonly string[] WeakPlaceNames =
    [
        "العمر", "عمر", "الحويجة", "البادية", "الروضة", "الدير", "الوليد", "المزارع", "الصور", "صور", "العباس", "الزر", "السكري", "البحرة",
        "الجلاء", "الجلا", "العمال", "الفيلات", "الفلل", "القصور", "الحسينية", "المحطة الثانية", "الرحبة", "التيم", "حرير", "الحمدان",
        "مرات", "مراط", "الجنينة", "مظلوم", "عياش", "الحوايج", "سويدان", "الجورة", "التمو", "المطار العسكري", "العزبة", "الحرية",
        "الشعفة", "السيال", "سوسة", "السوسة", "الثلاثات", "الصلبي", "الجفرة", "جفرة", "طابية", "العثمانية", "ديبان", "الصوصة",
        "ميسلون", "ثردة", "الثردة", "التبني",
    ];
}
