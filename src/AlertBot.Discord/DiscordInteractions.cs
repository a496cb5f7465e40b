namespace AlertBot.Discord;

/// <summary>Discord's interaction and callback types, and the permission bits the bot reads.</summary>
internal static class DiscordInteractions
{
    // Interaction types.
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;
    public const int ModalSubmit = 5;

    // Callback types.
    public const int Pong = 1;
    public const int ChannelMessage = 4;
    public const int DeferredChannelMessage = 5;
    public const int DeferredUpdateMessage = 6;
    public const int UpdateMessage = 7;
    public const int AutocompleteResult = 8;
    public const int Modal = 9;

    // Permission bits.
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageChannels = 1UL << 4;

    public static string TypeName(int type) => type switch
    {
        Ping => "ping",
        ApplicationCommand => "command",
        MessageComponent => "component",
        Autocomplete => "autocomplete",
        ModalSubmit => "modal",
        _ => "unknown",
    };
}
