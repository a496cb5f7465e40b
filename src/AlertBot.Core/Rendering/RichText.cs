namespace AlertBot.Core.Rendering;

/// <summary>A piece of a line: plain text, bold text, or a link. Text here is raw; each platform escapes it.</summary>
public sealed record Segment(string Text, bool Bold = false, Uri? Link = null);

/// <summary>A line of a message; Arabic lines are marked so each platform can start them with a right-to-left mark.</summary>
public sealed record RichLine(IReadOnlyList<Segment> Segments, bool RightToLeft = false)
{
    public static RichLine Blank { get; } = new([]);
}

/// <summary>A message before it is written in a platform's markup.</summary>
public sealed record RichText(IReadOnlyList<RichLine> Lines);
