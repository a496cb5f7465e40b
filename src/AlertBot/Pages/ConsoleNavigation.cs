namespace AlertBot.Pages;

/// <summary>The console's menu. Each feature adds its page here when the page exists.</summary>
public static class ConsoleNavigation
{
    public static readonly IReadOnlyList<(string Title, string Path)> Items =
    [
        ("Overview", "/"),
        ("Queue", "/events"),
        ("Reports", "/reports"),
        ("Audit log", "/audit"),
        ("Sources", "/sources"),
        ("Subscribers", "/subscribers"),
        ("Places", "/places"),
        ("Deliveries", "/deliveries"),
        ("Digests", "/digests"),
        ("Sandbox chat", "/sandbox"),
        ("Jobs", "/hangfire"),
    ];
}
