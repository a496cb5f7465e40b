using AlertBot.Core.Rendering;
using System.Globalization;
using AlertBot.Core.Platforms;
using AlertBot.Core.Routing;
using AlertBot.Core.Storage;
using AlertBot.Extraction;

namespace AlertBot.Core.Conversation;

/// <summary>
/// /subscribe, /unsubscribe and /list, and the menus behind their buttons. Button data (untrusted; honoured only as issued on its message, see IssuedButtons):
/// <c>menu</c> main menu, <c>br</c> top places, <c>bp:&lt;place&gt;[:&lt;page&gt;]</c> browse a place, <c>ba:&lt;page&gt;</c>
/// actors, <c>bt[:&lt;page&gt;]</c> event types, <c>sp:&lt;place&gt;</c> / <c>sa:&lt;actor&gt;</c> / <c>st:&lt;type&gt;</c> subscribe,
/// <c>un:&lt;subscription&gt;</c> unsubscribe, <c>ul:&lt;page&gt;</c> the unsubscribe list.
/// </summary>
public sealed partial class ConversationService
{
    /// <summary>Buttons to a page where the platform allows that many rows; fewer where it allows fewer (Discord: 5 rows).</summary>
    private const int MaxPageSize = 8;

    /// <summary>Where browsing places starts: the governorate and the bases outside it (kept when in the gazetteer).</summary>
    private static readonly string[] RootPlaceIds = ["SY09", "ES036", "ES025", "ES086"];

    private async Task SubscribeCommandAsync(Turn turn, string argument, CancellationToken ct)
    {
        if (argument.Length == 0)
        {
            await ReplyAsync(turn, MainMenu(turn.Language), ct);
            return;
        }

        if (argument.Length > SubscriptionTargets.MaxNameLength)
        {
            await ReplyAsync(turn, BotTexts.NameTooLong, ct);
            return;
        }

        if (!await MayChangeAsync(turn, ct))
        {
            return;
        }

        var resolution = targets.Resolve(argument);
        if (resolution.Chosen is null)
        {
            await ReplyAsync(turn, UnknownName(turn, argument, resolution.Suggestions), ct);
            return;
        }

        var confirmation = await SubscribeAsync(turn, resolution.Chosen, ct);
        if (resolution.Alternatives.Count == 0)
        {
            await ReplyAsync(turn, confirmation, ct);
            return;
        }

        var text = Join("\n\n", confirmation, BotTexts.OtherPlacesOfThatName);
        var buttons = resolution.Alternatives.Take(CapabilitiesOf(turn).MaxButtonRows)
            .Select(a => Row(new ChatButton("＋ " + Label(targets.Describe(a), turn.Language), SubscribeData(a)))).ToList();
        await ReplyAsync(turn, new OutgoingMessage(text.For(turn.Language), buttons), ct);
    }

    /// <summary>The argument of <c>/start</c> that a deep link (<c>t.me/&lt;bot&gt;?start=sub_&lt;place id&gt;</c>) carries.</summary>
    public const string DeepLinkSubscribe = "sub_";

    /// <summary>A deep link: start and subscribe to one place in one tap; an unknown place is said so, with the menu.</summary>
    private async Task DeepLinkSubscribeAsync(Turn turn, string placeId, CancellationToken ct)
    {
        var target = new SubscriptionTarget(placeId, null, null);
        if (placeId.Length == 0 || !targets.IsKnown(target))
        {
            await ReplyAsync(turn, UnknownName(turn, placeId, []), ct);
            return;
        }

        if (await MayChangeAsync(turn, ct))
        {
            await ReplyAsync(turn, await SubscribeAsync(turn, target, ct), ct);
        }
    }

    private async Task UnsubscribeCommandAsync(Turn turn, string argument, CancellationToken ct)
    {
        if (argument.Length == 0)
        {
            await ReplyAsync(turn, await UnsubscribeListAsync(turn, 0, ct) ?? new OutgoingMessage(BotTexts.NoSubscriptions.For(turn.Language)), ct);
            return;
        }

        if (argument.Length > SubscriptionTargets.MaxNameLength)
        {
            await ReplyAsync(turn, BotTexts.NameTooLong, ct);
            return;
        }

        if (!await MayChangeAsync(turn, ct))
        {
            return;
        }

        var held = await subscriptions.ListAsync(turn.Recipient.Id, ct);
        var matching = targets.Candidates(argument)
            .Select(c => held.FirstOrDefault(s => s.PlaceId == c.PlaceId && s.ActorId == c.ActorId && s.EventType == c.EventType))
            .OfType<Subscription>()
            .ToList();
        if (matching.Count == 0)
        {
            await ReplyAsync(turn, BotTexts.NotSubscribed(Echo(argument)), ct);
            return;
        }

        var removed = matching[0];
        await subscriptions.RemoveAsync(turn.Recipient.Id, removed.Id, ct);
        var confirmation = BotTexts.Unsubscribed(targets.Describe(TargetOf(removed)));
        if (matching.Count == 1)
        {
            await ReplyAsync(turn, confirmation, ct);
            return;
        }

        var buttons = matching.Skip(1).Take(CapabilitiesOf(turn).MaxButtonRows).Select(s => Row(new ChatButton("✖ " + Label(targets.Describe(TargetOf(s)), turn.Language), UnsubscribeData(s)))).ToList();
        await ReplyAsync(turn, new OutgoingMessage(Join("\n\n", confirmation, BotTexts.AlsoSubscribedByThatName).For(turn.Language), buttons), ct);
    }

    private async Task<Bilingual> ListAsync(Recipient recipient, CancellationToken ct)
    {
        var held = await subscriptions.ListAsync(recipient.Id, ct);
        var lines = new List<Bilingual>();
        if (held.Count == 0)
        {
            lines.Add(BotTexts.NoSubscriptions);
        }
        else
        {
            lines.Add(BotTexts.ListTitle);
            lines.AddRange(held.Select(s => targets.Describe(TargetOf(s))).Select(d => new Bilingual("• " + d.Ar, "• " + d.En)));
        }

        lines.Add(new Bilingual(string.Empty, string.Empty));
        lines.Add(recipient.Paused ? BotTexts.StatePaused : BotTexts.StateActive);
        lines.Add(recipient is { QuietFrom: { } from, QuietUntil: { } until }
            ? BotTexts.QuietHours(new QuietWindow(from, until, recipient.QuietMode))
            : BotTexts.NoQuietHours);
        lines.Add(BotTexts.TimeZoneIs(recipient.TimeZone));
        return Join("\n", [.. lines]);
    }

    /// <summary>Every button of the subscription menus; false when the data is not one the bot issues now.</summary>
    private async Task<bool> SubscriptionPressAsync(Turn turn, string kind, string rest, CancellationToken ct)
    {
        var language = turn.Language;
        var capabilities = CapabilitiesOf(turn);
        switch (kind)
        {
            case "menu" when rest.Length == 0:
                return await BrowseAsync(turn, MainMenu(language), ct);
            case "br" when rest.Length == 0:
                return await BrowseAsync(turn, RootPlaces(language, capabilities), ct);
            case "bp":
            {
                var parts = rest.Split(':');
                var page = 0;
                return parts.Length <= 2
                    && targets.Gazetteer.Find(parts[0]) is { } place
                    && (parts.Length == 1 || TryParsePage(parts[1], out page))
                    && await BrowseAsync(turn, BrowsePlace(place, page, language, capabilities), ct);
            }

            case "ba":
                return TryParsePage(rest, out var actorPage) && await BrowseAsync(turn, Actors(actorPage, language, capabilities), ct);
            case "bt" when rest.Length == 0:
                return await BrowseAsync(turn, EventTypeMenu(0, language, capabilities), ct);
            case "bt":
                return TryParsePage(rest, out var typePage) && await BrowseAsync(turn, EventTypeMenu(typePage, language, capabilities), ct);
            case "ul":
                return TryParsePage(rest, out var listPage) && await BrowseAsync(turn, await UnsubscribeListAsync(turn, listPage, ct), ct);
            case "sp" or "sa" or "st":
            {
                var target = kind switch
                {
                    "sp" => new SubscriptionTarget(rest, null, null),
                    "sa" => new SubscriptionTarget(null, rest, null),
                    _ => new SubscriptionTarget(null, null, rest),
                };
                if (rest.Length == 0 || !targets.IsKnown(target))
                {
                    return false;
                }

                if (await MayChangeAsync(turn, ct))
                {
                    var confirmation = await SubscribeAsync(turn, target, ct);
                    await AnswerAsync(turn, null, ct);
                    await ReplyAsync(turn, confirmation, ct);
                }

                return true;
            }

            case "un":
            {
                if (!long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    return false;
                }

                var subscription = (await subscriptions.ListAsync(turn.Recipient.Id, ct)).FirstOrDefault(s => s.Id == id);
                if (subscription is null)
                {
                    return false;
                }

                if (!await MayChangeAsync(turn, ct))
                {
                    return true;
                }

                // Removed meanwhile (a double tap): the button is stale.
                if (!await subscriptions.RemoveAsync(turn.Recipient.Id, id, ct))
                {
                    return false;
                }

                await AnswerAsync(turn, null, ct);
                await ReplyAsync(turn, BotTexts.Unsubscribed(targets.Describe(TargetOf(subscription))), ct);
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>Adds the subscription (digest-only while the chat's digest replaces its alerts, instant otherwise) and says what happened.</summary>
    private async Task<Bilingual> SubscribeAsync(Turn turn, SubscriptionTarget target, CancellationToken ct)
    {
        var description = targets.Describe(target);
        try
        {
            var (_, added) = await subscriptions.AddAsync(turn.Recipient.Id, target, await digests.SubscriptionModeAsync(turn.Recipient.Id, ct), ct);
            if (!added)
            {
                return BotTexts.AlreadySubscribed(description);
            }

            var count = (await subscriptions.ListAsync(turn.Recipient.Id, ct)).Count;
            return count > 1 ? BotTexts.SubscribedAlso(description) : BotTexts.Subscribed(description);
        }
        catch (SubscriptionLimitException)
        {
            return BotTexts.SubscriptionLimit;
        }
    }

    private static async Task<bool> BrowseAsync(Turn turn, OutgoingMessage? menu, CancellationToken ct)
    {
        if (menu is null)
        {
            return false;
        }

        await AnswerAsync(turn, null, ct);
        await ShowAsync(turn, menu, ct);
        return true;
    }

    private static OutgoingMessage MainMenu(ChatLanguage language) => new(
        BotTexts.MenuTitle.For(language),
        [
            Row(new ChatButton(Label(BotTexts.MenuPlaces, language), "br")),
            Row(new ChatButton(Label(BotTexts.MenuActors, language), "ba:0")),
            Row(new ChatButton(Label(BotTexts.MenuEventTypes, language), "bt")),
        ]);

    private OutgoingMessage RootPlaces(ChatLanguage language, ChatCapabilities capabilities)
    {
        var rows = RootPlaceIds.Select(targets.Gazetteer.Find).OfType<Place>().Take(capabilities.MaxButtonRows - 1).Select(p => Row(PlaceButton(p, language))).ToList();
        rows.Add(Row(new ChatButton(Label(BotTexts.ButtonBack, language), "menu")));
        return new OutgoingMessage(BotTexts.PlacesTitle.For(language), rows);
    }

    private OutgoingMessage? BrowsePlace(Place place, int page, ChatLanguage language, ChatCapabilities capabilities)
    {
        var children = targets.ChildrenOf(place.Id).Select(p => PlaceButton(p, language)).ToList();

        // Rows around the page: "subscribe here", previous/next and back.
        var rows = Paged(children, page, PageSize(capabilities, reservedRows: 3), p => $"bp:{place.Id}:{p.ToString(CultureInfo.InvariantCulture)}", language);
        if (rows is null)
        {
            return null;
        }

        var name = new Bilingual(place.NameAr, place.NameEn);
        rows.Insert(0, Row(new ChatButton(Label(BotTexts.ButtonSubscribeHere(name), language), "sp:" + place.Id)));
        var back = RootPlaceIds.Contains(place.Id) || place.ParentId is null || targets.Gazetteer.Find(place.ParentId) is null
            ? "br"
            : "bp:" + place.ParentId;
        rows.Add(Row(new ChatButton(Label(BotTexts.ButtonBack, language), back)));
        return new OutgoingMessage(BotTexts.BrowseTitle(targets.DescribePlace(place)).For(language), rows);
    }

    private static OutgoingMessage? Actors(int page, ChatLanguage language, ChatCapabilities capabilities)
    {
        var buttons = ActorTaxonomy.All.Where(a => a.Id != "unknown")
            .Select(a => new ChatButton(
                (a.ParentId is null ? "＋ " : "  · ") + Label(SubscriptionTargets.DescribeActor(a), language),
                "sa:" + a.Id))
            .ToList();
        var rows = Paged(buttons, page, PageSize(capabilities, reservedRows: 2), p => "ba:" + p.ToString(CultureInfo.InvariantCulture), language);
        rows?.Add(Row(new ChatButton(Label(BotTexts.ButtonBack, language), "menu")));
        return rows is null ? null : new OutgoingMessage(BotTexts.ActorsTitle.For(language), rows);
    }

    private static OutgoingMessage? EventTypeMenu(int page, ChatLanguage language, ChatCapabilities capabilities)
    {
        var buttons = EventTypes.All.Select(t => new ChatButton("＋ " + Label(new Bilingual(t.NameAr, t.NameEn), language), "st:" + t.Id)).ToList();
        var rows = Paged(buttons, page, PageSize(capabilities, reservedRows: 2), p => "bt:" + p.ToString(CultureInfo.InvariantCulture), language);
        rows?.Add(Row(new ChatButton(Label(BotTexts.ButtonBack, language), "menu")));
        return rows is null ? null : new OutgoingMessage(BotTexts.EventTypesTitle.For(language), rows);
    }

    /// <summary>The chat's subscriptions as remove buttons; null when the page does not exist (or there is none).</summary>
    private async Task<OutgoingMessage?> UnsubscribeListAsync(Turn turn, int page, CancellationToken ct)
    {
        var held = await subscriptions.ListAsync(turn.Recipient.Id, ct);
        if (held.Count == 0)
        {
            return null;
        }

        var buttons = held.Select(s => new ChatButton("✖ " + Label(targets.Describe(TargetOf(s)), turn.Language), UnsubscribeData(s))).ToList();
        var rows = Paged(buttons, page, PageSize(CapabilitiesOf(turn), reservedRows: 1), p => "ul:" + p.ToString(CultureInfo.InvariantCulture), turn.Language);
        return rows is null ? null : new OutgoingMessage(BotTexts.UnsubscribeTitle.For(turn.Language), rows);
    }

    private OutgoingMessage UnknownName(Turn turn, string typed, IReadOnlyList<SubscriptionTarget> suggestions)
    {
        var language = turn.Language;
        var unknown = BotTexts.UnknownName(Echo(typed));
        if (suggestions.Count == 0)
        {
            return new OutgoingMessage(Join("\n", unknown, BotTexts.TryTheMenu).For(language));
        }

        var buttons = suggestions.Take(CapabilitiesOf(turn).MaxButtonRows).Select(s => Row(new ChatButton("＋ " + Label(targets.Describe(s), language), SubscribeData(s)))).ToList();
        return new OutgoingMessage(Join("\n", unknown, BotTexts.DidYouMean).For(language), buttons);
    }

    /// <summary>A place that holds others opens it; one that holds nothing subscribes at once.</summary>
    private ChatButton PlaceButton(Place place, ChatLanguage language)
    {
        var name = Label(new Bilingual(place.NameAr, place.NameEn), language);
        return targets.HasChildren(place.Id) ? new ChatButton(name + " ›", "bp:" + place.Id) : new ChatButton("＋ " + name, "sp:" + place.Id);
    }

    /// <summary>Buttons to a page when <paramref name="reservedRows"/> rows of the menu are taken by other buttons.</summary>
    private static int PageSize(ChatCapabilities capabilities, int reservedRows) =>
        Math.Clamp(capabilities.MaxButtonRows - reservedRows, 1, MaxPageSize);

    /// <summary>One button per row, <paramref name="pageSize"/> to a page, with previous/next; null for a page that does not exist.</summary>
    private static List<IReadOnlyList<ChatButton>>? Paged(List<ChatButton> buttons, int page, int pageSize, Func<int, string> pageData, ChatLanguage language)
    {
        var pages = Math.Max(1, (buttons.Count + pageSize - 1) / pageSize);
        if (page < 0 || page >= pages)
        {
            return null;
        }

        var rows = buttons.Skip(page * pageSize).Take(pageSize).Select(Row).ToList();
        var navigation = new List<ChatButton>();
        if (page > 0)
        {
            navigation.Add(new ChatButton(Label(BotTexts.ButtonPrevious, language), pageData(page - 1)));
        }

        if (page < pages - 1)
        {
            navigation.Add(new ChatButton(Label(BotTexts.ButtonNext, language), pageData(page + 1)));
        }

        if (navigation.Count > 0)
        {
            rows.Add(navigation);
        }

        return rows;
    }

    private static bool TryParsePage(string text, out int page) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page < 1000;

    private static IReadOnlyList<ChatButton> Row(ChatButton button) => [button];

    /// <summary>Button labels carry no direction marks: each platform lays a label out on its own.</summary>
    private static string Label(Bilingual text, ChatLanguage language) => language switch
    {
        ChatLanguage.Ar => text.Ar,
        ChatLanguage.En => text.En,
        _ => text.Ar + " / " + text.En,
    };

    private static Bilingual Join(string separator, params Bilingual[] parts) =>
        new(string.Join(separator, parts.Select(p => p.Ar)), string.Join(separator, parts.Select(p => p.En)));

    private static SubscriptionTarget TargetOf(Subscription s) => new(s.PlaceId, s.ActorId, s.EventType);

    private static string SubscribeData(SubscriptionTarget target) =>
        target.PlaceId is not null ? "sp:" + target.PlaceId : target.ActorId is not null ? "sa:" + target.ActorId : "st:" + target.EventType;

    private static string UnsubscribeData(Subscription s) => "un:" + s.Id.ToString(CultureInfo.InvariantCulture);
}
