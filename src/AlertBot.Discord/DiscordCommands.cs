using System.Globalization;
using AlertBot.Core.Conversation;
using AlertBot.Core.Rendering;
using AlertBot.Extraction;

namespace AlertBot.Discord;

/// <summary>
/// The slash commands (CONTRACTS' chat commands on Discord): their definitions with Arabic names and descriptions, the
/// command line each interaction stands for (handed to the conversation as if typed), and autocomplete over places
/// (Arabic and English names and aliases) and actors. Changing a channel's settings needs Manage Channels: the
/// commands are shown only to such members (<c>default_member_permissions</c>) and the permission is checked again
/// from each interaction's <c>member.permissions</c>.
/// </summary>
internal sealed class DiscordCommands(SubscriptionTargets targets)
{
    /// <summary>Discord's autocomplete answers at most 25 choices.</summary>
    public const int MaxChoices = 25;

    /// <summary>An option value longer than this is not a name or a schedule: the interaction is skipped.</summary>
    public const int MaxOptionLength = 200;

    private const int SubCommand = 1;
    private const int StringOption = 3;
    private const int GuildContext = 0;
    private const int BotDmContext = 1;

    private static readonly string ManageChannels = DiscordInteractions.ManageChannels.ToString(CultureInfo.InvariantCulture);

    /// <summary>Told, privately, to a member who may not change a channel's settings.</summary>
    public static readonly Bilingual SubscribePersonally = new(
        "لتصلك هذه التنبيهات أنت، أرسل الأمر نفسه إلى البوت في رسالة خاصة.",
        "To get these alerts yourself, send the same command to the bot in a direct message.");

    /// <summary>Whether the command changes the chat's settings (which in a server needs Manage Channels).</summary>
    public static bool ChangesSettings(InteractionData data) => data.Name switch
    {
        "subscribe" or "unsubscribe" or "lang" or "quiet" or "pause" or "resume" or "timezone" or "stop" => true,
        "digest" => data.Options is [{ Name: "set" or "off" or "mode" }, ..],
        _ => false,
    };

    public static List<ApplicationCommand> Definitions() =>
    [
        Command("subscribe", "الاشتراك", "Subscribe to a place or an actor", "الاشتراك في تنبيهات مكان أو جهة",
            [TargetOption("Place or actor, in Arabic or English", "مكان أو جهة، بالعربية أو الإنكليزية")]),
        Command("unsubscribe", "إلغاء-الاشتراك", "Unsubscribe from a place or an actor", "إلغاء اشتراك",
            [TargetOption("Place or actor to unsubscribe from", "المكان أو الجهة")]),
        Command("list", "القائمة", "Subscriptions and settings", "الاشتراكات والإعدادات", []),
        Command("lang", "اللغة", "Language of the alerts: Arabic, English or both", "لغة التنبيهات: العربية أو الإنكليزية أو كلاهما",
        [
            new CommandOption
            {
                Type = StringOption,
                Name = "language",
                NameLocalizations = Ar("اللغة"),
                Description = "ar, en or both",
                DescriptionLocalizations = Ar("ar أو en أو both"),
                Required = true,
                Choices =
                [
                    new CommandChoice("العربية", "ar") { NameLocalizations = En("Arabic") },
                    new CommandChoice("English", "en") { NameLocalizations = Ar("الإنكليزية") },
                    new CommandChoice("Both · كلاهما", "both"),
                ],
            },
        ]),
        Command("digest", "الملخص", "A digest of the alerts on a schedule", "ملخص التنبيهات في مواعيد محددة",
        [
            new CommandOption
            {
                Type = SubCommand,
                Name = "set",
                NameLocalizations = Ar("ضبط"),
                Description = "Schedule: daily 08:00,20:00 [place or actor], weekly friday 09:00, cron \"…\"",
                DescriptionLocalizations = Ar("الموعد: daily 08:00,20:00 [مكان أو جهة]"),
                Options =
                [
                    new CommandOption
                    {
                        Type = StringOption,
                        Name = "schedule",
                        NameLocalizations = Ar("الموعد"),
                        Description = "e.g. daily 08:00,20:00 al-Mayadin",
                        DescriptionLocalizations = Ar("مثلًا daily 08:00,20:00 الميادين"),
                        Required = true,
                        MaxLength = MaxOptionLength,
                    },
                ],
            },
            new CommandOption { Type = SubCommand, Name = "preview", NameLocalizations = Ar("معاينة"), Description = "The digest of the last period", DescriptionLocalizations = Ar("ملخص الفترة الماضية") },
            new CommandOption { Type = SubCommand, Name = "off", NameLocalizations = Ar("إيقاف"), Description = "Stop this channel's digest", DescriptionLocalizations = Ar("إيقاف الملخص") },
            new CommandOption
            {
                Type = SubCommand,
                Name = "mode",
                NameLocalizations = Ar("الوضع"),
                Description = "Your subscriptions: alerts at once, or only in the digest",
                DescriptionLocalizations = Ar("اشتراكاتك: تنبيهات فورية أو في الملخص فقط"),
                Options =
                [
                    new CommandOption
                    {
                        Type = StringOption,
                        Name = "mode",
                        NameLocalizations = Ar("الوضع"),
                        Description = "instant or only (digest only)",
                        DescriptionLocalizations = Ar("instant (فوري) أو only (الملخص فقط)"),
                        Required = true,
                        Choices =
                        [
                            new CommandChoice("Instant alerts · تنبيهات فورية", "instant"),
                            new CommandChoice("Digest only · الملخص فقط", "only"),
                        ],
                    },
                ],
            },
        ]),
        Command("start", "البدء", "Choose the language and what to follow", "اختيار اللغة وما تتابعه", []),
        Command("quiet", "ساعات-الهدوء", "Quiet hours: HH:MM-HH:MM [hold|silent], or off", "ساعات الهدوء: HH:MM-HH:MM [hold|silent] أو off",
            [TextOption("hours", "الساعات", "e.g. 23:00-06:00 silent, or off", "مثلًا 23:00-06:00 silent، أو off", required: true)]),
        Command("pause", "إيقاف-مؤقت", "Stop the alerts for now", "إيقاف التنبيهات مؤقتًا", []),
        Command("resume", "استئناف", "Start the alerts again", "استئناف التنبيهات", []),
        Command("timezone", "المنطقة-الزمنية", "Time zone (IANA, default Asia/Damascus)", "المنطقة الزمنية (الافتراضية Asia/Damascus)",
            [TextOption("zone", "المنطقة", "e.g. Asia/Damascus, Europe/Berlin", "مثلًا Asia/Damascus", required: true)]),
        Command("stop", "حذف-الاشتراكات", "Forget this chat and all its subscriptions", "حذف هذه المحادثة وكل اشتراكاتها", []),
        Command("help", "مساعدة", "The commands", "الأوامر", []),
    ];

    /// <summary>
    /// The command line an application command stands for (<c>/subscribe al-Mayadin</c>), or null for one the bot does
    /// not have or an option too long to be a name.
    /// </summary>
    public static string? CommandLine(InteractionData data)
    {
        var options = data.Options ?? [];
        if (options.Any(o => Text(o) is { Length: > MaxOptionLength }) || options.SelectMany(o => o.Options ?? []).Any(o => Text(o) is { Length: > MaxOptionLength }))
        {
            return null;
        }

        return data.Name switch
        {
            "subscribe" or "unsubscribe" => Join("/" + data.Name, Value(options, "target")),
            "list" or "help" or "start" or "pause" or "resume" or "stop" => "/" + data.Name,
            "lang" => Join("/lang", Value(options, "language")),
            "quiet" => Join("/quiet", Value(options, "hours")),
            "timezone" => Join("/timezone", Value(options, "zone")),
            "digest" => (options.Count > 0 ? options[0] : null) switch
            {
                { Name: "set", Type: SubCommand } set => Join("/digest", Value(set.Options ?? [], "schedule")),
                { Name: "preview" or "off", Type: SubCommand } sub => "/digest " + sub.Name,
                { Name: "mode", Type: SubCommand } mode => Join("/digest", Value(mode.Options ?? [], "mode") is var m && m is "only" or "instant" ? m : null),
                _ => "/digest",
            },
            _ => null,
        };
    }

    /// <summary>Places (by any of their names, Arabic or English, and aliases) and actors whose names start with or contain what was typed.</summary>
    public IReadOnlyList<CommandChoice> Complete(string typed)
    {
        var key = Gazetteer.NameKey(typed);
        if (key.Length == 0)
        {
            return [];
        }

        var places = targets.Gazetteer.Places
            .Select(p => (Place: p, Rank: Rank(key, [p.NameEn, p.NameAr, .. p.AliasesEn, .. p.AliasesAr])))
            .Where(x => x.Rank < 2)
            .OrderBy(x => x.Rank).ThenBy(x => x.Place.IsAdministrative).ThenBy(x => x.Place.NameEn, StringComparer.Ordinal)
            .Select(x => Choice(x.Place.NameEn, x.Place.NameAr, SubscriptionTargets.KindName(x.Place.Kind).En, x.Place.NameEn));
        var actors = ActorTaxonomy.All
            .Select(a => (Actor: a, Rank: Rank(key, [a.NameEn, a.NameAr])))
            .Where(x => x.Rank < 2)
            .OrderBy(x => x.Rank)
            .Select(x => Choice(x.Actor.NameEn, x.Actor.NameAr, "actor", x.Actor.NameEn));
        return [.. places.Concat(actors).DistinctBy(c => c.Value, StringComparer.Ordinal).Take(MaxChoices)];
    }

    private static CommandChoice Choice(string en, string ar, string kind, string value)
    {
        var name = $"{en} · {ar} ({kind})";
        return new CommandChoice(name.Length > 100 ? name[..99] + "…" : name, value.Length > 100 ? value[..100] : value);
    }

    /// <summary>0 when a name starts with what was typed, 1 when one contains it, 2 otherwise.</summary>
    private static int Rank(string key, IEnumerable<string> names)
    {
        var best = 2;
        foreach (var name in names)
        {
            var nameKey = Gazetteer.NameKey(name);
            if (nameKey.StartsWith(key, StringComparison.Ordinal) || nameKey.Split(' ').Any(w => w.StartsWith(key, StringComparison.Ordinal)))
            {
                return 0;
            }

            if (nameKey.Contains(key, StringComparison.Ordinal))
            {
                best = 1;
            }
        }

        return best;
    }

    private static string? Text(InteractionOption option) =>
        option.Value is { ValueKind: System.Text.Json.JsonValueKind.String } value ? value.GetString() : option.Value?.GetRawText();

    private static string? Value(IEnumerable<InteractionOption> options, string name) =>
        options.FirstOrDefault(o => o.Name == name) is { } option ? Text(option) : null;

    private static string Join(string command, string? argument) =>
        string.IsNullOrWhiteSpace(argument) ? command : command + " " + argument.Trim();

    private static CommandOption TextOption(string name, string nameAr, string description, string descriptionAr, bool required) => new()
    {
        Type = StringOption,
        Name = name,
        NameLocalizations = Ar(nameAr),
        Description = description,
        DescriptionLocalizations = Ar(descriptionAr),
        Required = required,
        MaxLength = MaxOptionLength,
    };

    private static CommandOption TargetOption(string description, string descriptionAr) => new()
    {
        Type = StringOption,
        Name = "target",
        NameLocalizations = Ar("الهدف"),
        Description = description,
        DescriptionLocalizations = Ar(descriptionAr),
        Required = false,
        Autocomplete = true,
        MaxLength = SubscriptionTargets.MaxNameLength,
    };

    private static ApplicationCommand Command(string name, string nameAr, string description, string descriptionAr, List<CommandOption> options) => new()
    {
        Name = name,
        NameLocalizations = Ar(nameAr),
        Description = description,
        DescriptionLocalizations = Ar(descriptionAr),
        Options = options.Count == 0 ? null : options,

        // Shown in servers to members who may change a channel's settings; everyone may use them in DMs with the bot.
        DefaultMemberPermissions = ManageChannels,
        Contexts = [GuildContext, BotDmContext],
    };

    private static Dictionary<string, string> Ar(string text) => new(StringComparer.Ordinal) { ["ar"] = text };

    private static Dictionary<string, string> En(string text) => new(StringComparer.Ordinal) { ["en-US"] = text, ["en-GB"] = text };
}
