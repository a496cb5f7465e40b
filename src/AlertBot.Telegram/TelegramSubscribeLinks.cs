using AlertBot.Core.Conversation;
using AlertBot.Core.Platforms;

namespace AlertBot.Telegram;

/// <summary><c>https://t.me/&lt;bot username&gt;?start=sub_&lt;place id&gt;</c>: Telegram opens the bot and sends it <c>/start sub_&lt;place id&gt;</c>.</summary>
public sealed class TelegramSubscribeLinks(TelegramBotIdentity identity) : ISubscribeLinks
{
    public string Platform => TelegramPlatform.PlatformName;

    public Uri? LinkFor(string placeId) =>
        identity.Username is { Length: > 0 } username
            ? new Uri($"https://t.me/{Uri.EscapeDataString(username)}?start={ConversationService.DeepLinkSubscribe}{Uri.EscapeDataString(placeId)}")
            : null;
}
