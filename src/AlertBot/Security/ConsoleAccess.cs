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

/// <summary>The <c>Console</c> section.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    public Dictionary<string, ConsoleUserOptions> Users { get; set; } = new(StringComparer.Ordinal);
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class PasswordHashes
{
    private static readonly PasswordHasher<string> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(string.Empty, password);

    public static bool Verify(string hash, string password) =>
        LooksValid(hash) && Hasher.VerifyHashedPassword(string.Empty, hash, password) != PasswordVerificationResult.Failed;

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

public sealed record ConsoleIdentity(string Login, IReadOnlyList<string> Roles);

/// <summary>
/// Who may log in to the console: the configured users, or, when none is configured, <c>admin</c> with a one-time
/// password generated at start and printed to the log (valid until the process stops).
/// </summary>
public sealed class ConsoleCredentials
{
    public const string OneTimeLogin = "admin";

    private readonly Dictionary<string, (string Hash, IReadOnlyList<string> Roles)> _users;
    private readonly byte[]? _oneTimePassword;

    public ConsoleCredentials(IOptions<ConsoleOptions> options)
    {
        _users = options.Value.Users.ToDictionary(
            u => u.Key,
            u => (u.Value.PasswordHash, Roles.Parse(u.Value.Roles, out _)),
            StringComparer.Ordinal);
        if (_users.Count == 0)
        {
            OneTimePassword = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            _oneTimePassword = Encoding.UTF8.GetBytes(OneTimePassword);
        }
    }

    /// <summary>Set only when no console user is configured.</summary>
    public string? OneTimePassword { get; }

    public ConsoleIdentity? Verify(string login, string password)
    {
        if (_oneTimePassword is not null)
        {
            // The one-time admin may do everything a moderator may: it is the operator at the machine.
            return login == OneTimeLogin && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), _oneTimePassword)
                ? new ConsoleIdentity(OneTimeLogin, [Roles.Moderator, Roles.Curator])
                : null;
        }

        return _users.TryGetValue(login, out var user) && PasswordHashes.Verify(user.Hash, password)
            ? new ConsoleIdentity(login, user.Roles)
            : null;
    }
}
