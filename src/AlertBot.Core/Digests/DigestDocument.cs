using AlertBot.Core.Rendering;

namespace AlertBot.Core.Digests;

/// <summary>
/// A unit of a digest that is never cut: the header, the totals, a heading, or one event's lines. Its text in a
/// platform's markup is written once and kept.
/// </summary>
public sealed class DigestBlock(RichText text, long? eventId, bool spaceBefore = false, bool isHeading = false)
{
    // One entry per platform markup it was written in (at most a few): copied on write, so reads need no lock.
    private (PlatformMarkup Markup, string Text)[] _written = [];

    public RichText Text { get; } = text;

    /// <summary>The event whose lines these are; null for the header, totals and headings.</summary>
    public long? EventId { get; } = eventId;

    /// <summary>A blank line goes before it unless it starts a message (district and section headings).</summary>
    public bool SpaceBefore { get; } = spaceBefore;

    /// <summary>A heading stays in the same message as the block after it.</summary>
    public bool IsHeading { get; } = isHeading;

    /// <summary>The block in <paramref name="markup"/>, escaped, its lines joined with line breaks.</summary>
    public string Written(PlatformMarkup markup)
    {
        var known = Volatile.Read(ref _written);
        foreach (var (m, text) in known)
        {
            if (ReferenceEquals(m, markup))
            {
                return text;
            }
        }

        var written = string.Join('\n', markup.Write(Text, int.MaxValue));
        while (true)
        {
            var before = Volatile.Read(ref _written);
            if (Interlocked.CompareExchange(ref _written, [.. before, (markup, written)], before) == before)
            {
                return written;
            }
        }
    }
}

/// <summary>A block of a digest and, for an event, the heading repeated ("… (continued)") when a message starts with it.</summary>
public readonly record struct DigestPart(DigestBlock Block, DigestBlock? Continued);

/// <summary>A built digest: which events it shows in which order, its blocks, and how it is written for a platform.</summary>
public sealed class DigestDocument(
    DigestRequest request, IReadOnlyList<DigestEvent> events, IReadOnlyList<DigestPart> parts, int newCount, int correctedCount, int retractedCount)
{
    public DigestRequest Request { get; } = request;

    /// <summary>The events shown, in the order they appear: the period's confirmed ones, then corrections, then retractions.</summary>
    public IReadOnlyList<DigestEvent> Events { get; } = events;

    public IReadOnlyList<DigestPart> Parts { get; } = parts;

    public int NewCount { get; } = newCount;

    public int CorrectedCount { get; } = correctedCount;

    public int RetractedCount { get; } = retractedCount;

    /// <summary>No event matched: the digest is either nothing at all (<see cref="Parts"/> empty) or the "no confirmed incidents" line.</summary>
    public bool IsEmpty => Events.Count == 0;

    /// <summary>The whole digest as one text (before splitting).</summary>
    public RichText ToRichText()
    {
        var lines = new List<RichLine>();
        foreach (var part in Parts)
        {
            if (lines.Count > 0 && part.Block.SpaceBefore)
            {
                lines.Add(RichLine.Blank);
            }

            lines.AddRange(part.Block.Text.Lines);
        }

        return new RichText(lines);
    }

    /// <inheritdoc cref="Write(PlatformMarkup, int)"/>
    public IReadOnlyList<string> Write(PlatformMarkup markup) => Write(markup, markup.MaxLength);

    /// <summary>
    /// The digest in <paramref name="markup"/>, in messages of at most <paramref name="maxLength"/> characters. A
    /// message ends only between blocks, so no event is cut; a heading stays with what follows it; a message that
    /// starts inside a district or section repeats its heading, marked as continued. Empty when the digest is nothing.
    /// </summary>
    public IReadOnlyList<string> Write(PlatformMarkup markup, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(markup);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var messages = new List<string>();

        // The pieces of the message being filled and its length: each message is then made in one allocation.
        var pieces = new List<string>(64);
        var length = 0;

        void Append(string piece)
        {
            pieces.Add(piece);
            length += piece.Length;
        }

        void Flush()
        {
            if (pieces.Count > 0)
            {
                messages.Add(string.Create(length, pieces, static (span, parts) =>
                {
                    foreach (var part in parts)
                    {
                        part.AsSpan().CopyTo(span);
                        span = span[part.Length..];
                    }
                }));
                pieces.Clear();
                length = 0;
            }
        }

        for (var i = 0; i < Parts.Count; i++)
        {
            var part = Parts[i];
            var text = part.Block.Written(markup);
            if (text.Length > maxLength)
            {
                // Longer than a whole message on its own (a platform with a tiny limit): split between its lines,
                // where the markup allows, as any other text.
                Flush();
                messages.AddRange(markup.Write(part.Block.Text, maxLength));
                continue;
            }

            var separator = part.Block.SpaceBefore ? "\n\n" : "\n";

            // A heading needs room for itself and for what it heads (the following headings and the first block after them).
            var needed = text.Length;
            for (var j = i; j < Parts.Count - 1 && Parts[j].Block.IsHeading; j++)
            {
                needed += 1 + Parts[j + 1].Block.Written(markup).Length;
            }

            if (length > 0 && length + separator.Length + Math.Min(needed, maxLength) > maxLength)
            {
                Flush();
            }

            if (length == 0)
            {
                if (part.Continued is { } continued && continued.Written(markup) is var heading && heading.Length + 1 + text.Length <= maxLength)
                {
                    Append(heading);
                    Append("\n");
                }
            }
            else
            {
                Append(separator);
            }

            Append(text);
        }

        Flush();
        return messages;
    }
}
