namespace AlertBot.IntegrationTests.Infrastructure;

/// <summary>Debian's Chromium, as the browser tests launch it (Playwright's own browser download cannot run here).</summary>
internal static class DebianChromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Headless, and quiet on a machine without internet (see ../shared/docs/ci-notes.md).</summary>
    public static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>Skips the test when Chromium is missing, except in CI, which must have it.</summary>
    public static void RequireOrSkip()
    {
        if (File.Exists(Path))
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI must install Chromium ({Path}); .ci/run does");
        }

        Skip.If(true, $"The browser test needs Debian's chromium at {Path} (apt-get install chromium; .ci/run installs it)");
    }
}
