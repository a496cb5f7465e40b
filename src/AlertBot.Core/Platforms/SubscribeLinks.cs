namespace AlertBot.Core.Platforms;

/// <summary>
/// A platform's link that opens a chat with the bot and subscribes to a place in one tap (Telegram's deep links
/// <c>t.me/&lt;bot&gt;?start=sub_&lt;place id&gt;</c>), for the console to show beside each place. Registered by the
/// adapters that have such links.
/// </summary>
public interface ISubscribeLinks
{
    /// <summary>The platform's name, as stored with recipients.</summary>
    string Platform { get; }

    /// <summary>The link for <paramref name="placeId"/>; null while the platform has not yet told the bot its own name.</summary>
    Uri? LinkFor(string placeId);
}
