namespace AlertBot.Core.Platforms;

/// <summary>The platforms configured in this process, by name.</summary>
public sealed class ChatPlatforms(IEnumerable<IChatPlatform> platforms)
{
    private readonly Dictionary<string, IChatPlatform> _byName = platforms.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public IChatPlatform Get(string name) =>
        _byName.TryGetValue(name, out var platform)
            ? platform
            : throw new InvalidOperationException($"The platform '{name}' is not configured in this process.");
}
