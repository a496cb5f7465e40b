using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AlertBot.Security;

public sealed class ConsoleUserOptions
{
    /// <summary>A hash made by <c>AlertBot hash-password</c> (ASP.NET Core Identity's PBKDF2 format).</summary>
    public string PasswordHash { get; set; } = string.Empty;

    public string Roles { get; set; } = string.Empty;
}

/// <summary>The <c>Console:SignIn</c> section: how failed sign-ins are limited.</summary>
public sealed class ConsoleSignInOptions
{
    /// <summary>Failed sign-ins for one login, within <see cref="LockMinutes"/>, that lock that login.</summary>
    public int AccountFailures { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address, within <see cref="LockMinutes"/>, that lock that address.</summary>
    public int AddressFailures { get; set; } = 20;

    /// <summary>How long a lock lasts, and the window in which failures are counted.</summary>
    public int LockMinutes { get; set; } = 15;
}

/// <summary>The <c>Console</c> section.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    public Dictionary<string, ConsoleUserOptions> Users { get; set; } = new(StringComparer.Ordinal);

    public ConsoleSignInOptions SignIn { get; set; } = new();
}

internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var failures = new List<string>();
        foreach (var (login, user) in options.Users)
        {
            if (!PasswordHashes.LooksValid(user.PasswordHash))
            {
                failures.Add($"Console:Users:{login}:PasswordHash is missing or not a hash made by `hash-password`");
            }

            Roles.Parse(user.Roles, out var unknown);
            if (unknown.Count > 0)
            {
                failures.Add($"Console:Users:{login}:Roles has unknown role(s) {string.Join(", ", unknown)} (known: {string.Join(", ", Roles.All)})");
            }
        }

        if (options.SignIn.AccountFailures is < 1 or > 1000)
        {
            failures.Add("Console:SignIn:AccountFailures must be between 1 and 1000");
        }

        if (options.SignIn.AddressFailures is < 1 or > 100_000)
        {
            failures.Add("Console:SignIn:AddressFailures must be between 1 and 100000");
        }

        if (options.SignIn.LockMinutes is < 1 or > 1440)
        {
            failures.Add("Console:SignIn:LockMinutes must be between 1 and 1440");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class PasswordHashes
{
    /// <summary>The shortest password <c>hash-password</c> accepts, in characters (text elements).</summary>
    public const int MinimumLength = 12;

    private static readonly PasswordHasher<string> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(string.Empty, password);

    public static bool Verify(string hash, string password) =>
        LooksValid(hash) && Hasher.VerifyHashedPassword(string.Empty, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>The length a person would count: user-perceived characters, not UTF-16 code units.</summary>
    public static int Length(string password) => new StringInfo(password).LengthInTextElements;

    /// <summary>Identity's version-3 format: base64 of 0x01, PRF, iteration count, salt length, salt, subkey.</summary>
    public static bool LooksValid(string? hash)
    {
        if (string.IsNullOrWhiteSpace(hash))
        {
            return false;
        }

        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var length) && length >= 13 + 16 && bytes[0] == 0x01;
    }
}

/// <summary>A signed-in console user: the login, its roles, and the security stamp its session was issued under.</summary>
public sealed record ConsoleIdentity(string Login, IReadOnlyList<string> Roles, string Stamp);

/// <summary>
/// Who may log in to the console: the configured users, or, when none is configured, <c>admin</c> with a one-time
/// password generated at start and printed to the log (valid until the process stops).
/// </summary>
/// <remarks>
/// Every session carries a security stamp, checked on every request (<see cref="IsCurrent"/>): for a configured user
/// a digest of its login, password hash and roles, so a changed password or role ends the sessions issued before;
/// for the one-time <c>admin</c> a random value of this process, so its sessions die with the process that printed
/// the password. Users are read from the current configuration, so a reloaded settings file takes effect at once.
/// </remarks>
public sealed class ConsoleCredentials
{
    public const string OneTimeLogin = "admin";

    /// <summary>The claim of the session cookie that holds the security stamp.</summary>
    public const string StampClaim = "alertbot:stamp";

    private readonly IOptionsMonitor<ConsoleOptions> _options;
    private readonly byte[]? _oneTimePassword;
    private readonly string _oneTimeStamp = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public ConsoleCredentials(IOptionsMonitor<ConsoleOptions> options)
    {
        _options = options;
        if (options.CurrentValue.Users.Count == 0)
        {
            OneTimePassword = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            _oneTimePassword = Encoding.UTF8.GetBytes(OneTimePassword);
        }
    }

    /// <summary>Set only when no console user is configured at start.</summary>
    public string? OneTimePassword { get; }

    /// <summary>The one-time login works only while no user is configured.</summary>
    private bool OneTimeMode => _oneTimePassword is not null && _options.CurrentValue.Users.Count == 0;

    public ConsoleIdentity? Verify(string login, string password)
    {
        if (OneTimeMode)
        {
            // The one-time admin may do everything a moderator may: it is the operator at the machine.
            return login == OneTimeLogin && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), _oneTimePassword)
                ? new ConsoleIdentity(OneTimeLogin, [Roles.Moderator, Roles.Curator], _oneTimeStamp)
                : null;
        }

        return _options.CurrentValue.Users.TryGetValue(login, out var user) && PasswordHashes.Verify(user.PasswordHash, password)
            ? new ConsoleIdentity(login, Roles.Parse(user.Roles, out _), UserStamp(login, user))
            : null;
    }

    /// <summary>Whether a session issued to <paramref name="login"/> under <paramref name="stamp"/> is still valid now.</summary>
    public bool IsCurrent(string login, string stamp)
    {
        string? current;
        if (OneTimeMode)
        {
            current = login == OneTimeLogin ? _oneTimeStamp : null;
        }
        else
        {
            current = _options.CurrentValue.Users.TryGetValue(login, out var user) ? UserStamp(login, user) : null;
        }

        return current is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(current), Encoding.UTF8.GetBytes(stamp));
    }

    private static string UserStamp(string login, ConsoleUserOptions user)
    {
        var roles = string.Join(',', Roles.Parse(user.Roles, out _).Order(StringComparer.Ordinal));
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"console-user\n{login}\n{user.PasswordHash}\n{roles}")));
    }
}
