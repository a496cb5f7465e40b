namespace AlertBot.Telegram;

/// <summary>Who the bot is on Telegram (from getMe at start): its username tells commands addressed to it (<c>/list@name</c>).</summary>
public sealed class TelegramBotIdentity
{
    private volatile string? _username;

    /// <summary>Null until getMe has answered; until then every <c>/command@name</c> is taken as addressed to this bot.</summary>
    public string? Username
    {
        get => _username;
        set => _username = value;
    }
}
