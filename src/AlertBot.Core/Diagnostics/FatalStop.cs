using Microsoft.Extensions.Hosting;

namespace AlertBot.Core.Diagnostics;

/// <summary>
/// How a component that cannot go on without an operator (Discord refusing the bot's token or its intents) stops the
/// running bot: the reason is kept and the host stopped, and the process then ends with exit code 2 — the code of a
/// wrong setting at start — and the reason on stderr, so that a supervisor (systemd, Docker's restart policy, an
/// orchestrator) sees a failure rather than a clean exit, and whoever reads its log sees the setting to fix.
/// </summary>
public sealed class FatalStop(IHostApplicationLifetime lifetime)
{
    /// <summary>The exit code of a bot stopped this way (as for a wrong setting found at start).</summary>
    public const int ExitCode = 2;

    private string? _reason;

    /// <summary>Why the bot was stopped (the first reason given); null when it was not.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Keeps <paramref name="reason"/> (the first one wins) and stops the host.</summary>
    public void Stop(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        lifetime.StopApplication();
    }
}
