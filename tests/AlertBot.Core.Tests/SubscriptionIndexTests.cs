using AlertBot.Core.Routing;
using AlertBot.Extraction;

namespace AlertBot.Core.Tests;

public sealed class SubscriptionIndexTests
{
    private const string Khasham = "ES024";
    private const string KhashamSubdistrict = "SY090105";
    private const string DeirEzZorDistrict = "SY0901";
    private const string DeirEzZorGovernorate = "SY09";
    private const string Mayadin = "ES037";
    private const string Tanf = "ES086";

    private static readonly Gazetteer Places = Gazetteer.LoadDefault();

    private static RoutingSubject Event(string[] places, string[]? actors = null, string[]? types = null) =>
        new(types ?? ["shelling"], places, actors ?? []);

    private static SubscriptionIndex IndexOf(params SubscriptionEntry[] entries)
    {
        var index = new SubscriptionIndex(Places);
        foreach (var e in entries)
        {
            index.Upsert(e);
        }

        return index;
    }

    [Fact]
    public void Event_in_a_village_reaches_subscribers_of_the_village_and_of_every_area_above_it()
    {
        using var index = IndexOf(
            new(1, 101, Khasham, null, null, DeliveryMode.Instant),
            new(2, 102, KhashamSubdistrict, null, null, DeliveryMode.Instant),
            new(3, 103, DeirEzZorDistrict, null, null, DeliveryMode.Instant),
            new(4, 104, DeirEzZorGovernorate, null, null, DeliveryMode.Instant),
            new(5, 105, Tanf, null, null, DeliveryMode.Instant),
            new(6, 106, Mayadin, null, null, DeliveryMode.Instant));

        var recipients = index.Match(Event([Khasham])).Select(m => m.RecipientId).Order();

        Assert.Equal([101L, 102, 103, 104], recipients);
    }

    [Fact]
    public void Event_placed_only_at_governorate_level_reaches_governorate_subscribers_not_town_subscribers()
    {
        using var index = IndexOf(
            new(1, 101, Khasham, null, null, DeliveryMode.Instant),
            new(4, 104, DeirEzZorGovernorate, null, null, DeliveryMode.Instant));

        Assert.Equal([104L], index.Match(Event([DeirEzZorGovernorate])).Select(m => m.RecipientId));
    }

    [Fact]
    public void Subscribing_to_a_group_of_actors_includes_its_members()
    {
        using var index = IndexOf(
            new(1, 101, null, "iran_backed_militias", null, DeliveryMode.Instant),
            new(2, 102, null, "fatemiyoun", null, DeliveryMode.Instant),
            new(3, 103, null, "sdf", null, DeliveryMode.Instant));

        Assert.Equal([101L, 102], index.Match(Event([Mayadin], ["fatemiyoun", "us_forces"])).Select(m => m.RecipientId).Order());
        Assert.Equal([101L], index.Match(Event([Mayadin], ["iran_backed_militias"])).Select(m => m.RecipientId));
    }

    [Fact]
    public void A_combined_subscription_needs_every_part_to_match()
    {
        using var index = IndexOf(new SubscriptionEntry(1, 101, DeirEzZorGovernorate, null, "drone_attack", DeliveryMode.Instant));

        Assert.Empty(index.Match(Event([Mayadin], types: ["shelling"])));
        Assert.Empty(index.Match(Event([Tanf], types: ["drone_attack"])));
        Assert.Single(index.Match(Event([Mayadin], types: ["drone_attack", "shelling"])));
    }

    [Fact]
    public void A_recipient_matched_by_several_subscriptions_appears_once_and_instant_wins()
    {
        using var index = IndexOf(
            new(1, 101, DeirEzZorGovernorate, null, null, DeliveryMode.DigestOnly),
            new(2, 101, Mayadin, null, null, DeliveryMode.Instant),
            new(3, 101, null, "irgc", null, DeliveryMode.DigestOnly));

        var match = Assert.Single(index.Match(Event([Mayadin], ["irgc"])));
        Assert.Equal(new RouteMatch(101, 2, DeliveryMode.Instant), match);
    }

    [Fact]
    public void Removed_and_replaced_subscriptions_no_longer_match()
    {
        using var index = IndexOf(new(1, 101, Mayadin, null, null, DeliveryMode.Instant), new(2, 102, Mayadin, null, null, DeliveryMode.Instant));

        Assert.True(index.Remove(1));
        index.Upsert(new(2, 102, Tanf, null, null, DeliveryMode.Instant));

        Assert.Empty(index.Match(Event([Mayadin])));
        Assert.Equal(1, index.Count);
        Assert.False(index.Remove(1));
    }

    [Fact]
    public void A_subscription_without_place_actor_or_type_is_refused()
    {
        using var index = new SubscriptionIndex(Places);
        Assert.Throws<ArgumentException>(() => index.Upsert(new(1, 101, null, null, null, DeliveryMode.Instant)));
    }
}
