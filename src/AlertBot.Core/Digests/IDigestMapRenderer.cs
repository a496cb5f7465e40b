namespace AlertBot.Core.Digests;

/// <summary>
/// Draws the map of a digest: a PNG of the period's event places over the Euphrates and the districts. Implemented
/// outside Core (<c>AlertBot.Maps</c>, registered by <c>AddDigestMaps()</c>), so the graphics library and its fonts stay
/// out of it; deterministic: the same digest gives the same bytes.
/// </summary>
public interface IDigestMapRenderer
{
    /// <summary>The map of the digest's events (retracted ones left out), labelled in the digest's language(s); null when none has a place on the map.</summary>
    byte[]? RenderPng(DigestDocument digest);
}
