using System.Net;
using Microsoft.Extensions.Options;

namespace AlertBot.Security;

/// <summary>
/// Counts failed console sign-ins per login and per client address. A login or an address that reaches its limit
/// within <see cref="ConsoleSignInOptions.LockMinutes"/> is locked for that long; the lock ends by itself. Only failures
/// count: looking at the login page or signing in successfully never locks anybody. Kept in this process's memory (a
/// restart forgets it; with several instances each counts its own).
/// </summary>
public sealed class LoginThrottle(IOptionsMonitor<ConsoleOptions> options, TimeProvider time)
{
    /// <summary>Past this many tracked keys, expired ones are dropped at the next failure.</summary>
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The clock the limit counts by.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Until when a sign-in as <paramref name="login"/> from <paramref name="address"/> is refused; null when it is not.</summary>
    public DateTimeOffset? LockedUntil(string login, string address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var until = new[] { AccountKey(login), AddressKey(address) }
                .Select(k => _entries.TryGetValue(k, out var e) && e.LockedUntil > now ? e.LockedUntil : (DateTimeOffset?)null)
                .Max();
            return until;
        }
    }

    /// <summary>Counts a failed sign-in; returns until when it locked the login or the address, or null.</summary>
    public DateTimeOffset? Failed(string login, string address)
    {
        var settings = options.CurrentValue.SignIn;
        var window = TimeSpan.FromMinutes(settings.LockMinutes);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.Count > PruneAbove)
            {
                foreach (var stale in _entries.Where(e => e.Value.LockedUntil <= now && e.Value.WindowStart + window <= now).Select(e => e.Key).ToList())
                {
                    _entries.Remove(stale);
                }
            }

            var account = Count(AccountKey(login), settings.AccountFailures);
            var byAddress = Count(AddressKey(address), settings.AddressFailures);
            return account ?? byAddress;
        }

        DateTimeOffset? Count(string key, int limit)
        {
            var entry = _entries.TryGetValue(key, out var e) && e.WindowStart + window > now ? e : new Entry(now, 0, DateTimeOffset.MinValue);
            var failures = entry.Failures + 1;
            if (failures >= limit)
            {
                _entries[key] = new Entry(now, 0, now + window);
                return now + window;
            }

            _entries[key] = entry with { Failures = failures };
            return null;
        }
    }

    /// <summary>A successful sign-in clears the login's failures (not the address's: one good password must not reset guessing at others).</summary>
    public void Succeeded(string login)
    {
        lock (_gate)
        {
            _entries.Remove(AccountKey(login));
        }
    }

    /// <summary>The address a sign-in comes from, as the limit counts it (IPv4-mapped IPv6 as IPv4).</summary>
    public static string AddressOf(IPAddress? address) =>
        address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private static string AccountKey(string login) => "login:" + (login.Length > 128 ? login[..128] : login);

    private static string AddressKey(string address) => "address:" + address;

    private sealed record Entry(DateTimeOffset WindowStart, int Failures, DateTimeOffset LockedUntil);
}

/// <summary>The outcome of one sign-in attempt.</summary>
public sealed record SignInAttempt(ConsoleIdentity? Identity, DateTimeOffset? LockedUntil, TimeSpan RetryAfter);

/// <summary>A console sign-in: the limit first, then the password; every failure is logged with login and address, never the password.</summary>
public sealed partial class ConsoleSignIn(ConsoleCredentials credentials, LoginThrottle throttle, ILogger<ConsoleSignIn> logger)
{
    public SignInAttempt Attempt(string login, string password, IPAddress? remoteAddress)
    {
        var address = LoginThrottle.AddressOf(remoteAddress);
        var shownLogin = login.Length > 128 ? login[..128] : login;
        if (throttle.LockedUntil(login, address) is { } locked)
        {
            LogRefused(logger, shownLogin, address, locked);
            return new SignInAttempt(null, locked, locked - throttle.Now);
        }

        var identity = credentials.Verify(login, password);
        if (identity is not null)
        {
            throttle.Succeeded(login);
            LogSignedIn(logger, shownLogin, address);
            return new SignInAttempt(identity, null, TimeSpan.Zero);
        }

        LogFailed(logger, shownLogin, address);
        if (throttle.Failed(login, address) is { } until)
        {
            LogLocked(logger, shownLogin, address, until);
        }

        return new SignInAttempt(null, null, TimeSpan.Zero);
    }

    [LoggerMessage(LogLevel.Warning, "Console sign-in failed for login {Login} from {Address}")]
    private static partial void LogFailed(ILogger logger, string login, string address);

    [LoggerMessage(LogLevel.Warning, "Console sign-in locked for login {Login} or address {Address} until {Until:u} after repeated failures")]
    private static partial void LogLocked(ILogger logger, string login, string address, DateTimeOffset until);

    [LoggerMessage(LogLevel.Warning, "Console sign-in refused for login {Login} from {Address}: locked until {Until:u}")]
    private static partial void LogRefused(ILogger logger, string login, string address, DateTimeOffset until);

    [LoggerMessage(LogLevel.Information, "Console sign-in of {Login} from {Address}")]
    private static partial void LogSignedIn(ILogger logger, string login, string address);
}
