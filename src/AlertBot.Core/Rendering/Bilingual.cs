using AlertBot.Core.Storage;

namespace AlertBot.Core.Rendering;

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

    /// <summary>
    /// Every line starts with a right-to-left mark, and every Latin, number or command run inside it is isolated
    /// (LRI … PDI; see <see cref="Bidi.IsolateLatinRuns"/>), so "/quiet off" or "Asia/Damascus" keep their order.
    /// Applying it twice changes nothing.
    /// </summary>
    public static string MarkRightToLeft(string arabic) =>
        string.Join('\n', arabic.Split('\n').Select(line =>
        {
            var body = Bidi.IsolateLatinRuns(line.Length > 0 && line[0] == Rlm ? line[1..] : line);
            return body.Length == 0 ? body : Rlm + body;
        }));
}
