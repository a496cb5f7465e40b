using AlertBot.Core.Storage;

namespace AlertBot.Core.Conversation;

/// <summary>A piece of text in both languages, rendered for a chat's language choice.</summary>
public readonly record struct Bilingual(string Ar, string En)
{
    /// <summary>Right-to-left mark: starts every Arabic line so that mixed Arabic/Latin lines render the right way round.</summary>
    public const char Rlm = '\u200F';

    public string For(ChatLanguage language) => language switch
    {
        ChatLanguage.Ar => MarkRightToLeft(Ar),
        ChatLanguage.En => En,
        _ => MarkRightToLeft(Ar) + "\n\n" + En,
    };

    public static string MarkRightToLeft(string arabic) =>
        string.Join('\n', arabic.Split('\n').Select(line => line.Length == 0 || line[0] == Rlm ? line : Rlm + line));
}
