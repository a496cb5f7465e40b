using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AlertBot.Security;

public sealed class ApiKeyOptions
{
    public string Key { get; set; } = string.Empty;

    public string Roles { get; set; } = string.Empty;
}

/// <summary>The <c>Api</c> section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";
    public const int MinimumKeyLength = 16;

    public Dictionary<string, ApiKeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        foreach (var (identity, key) in options.Keys)
        {
            if (key.Key.Length < ApiOptions.MinimumKeyLength)
            {
                failures.Add($"Api:Keys:{identity}:Key must be at least {ApiOptions.MinimumKeyLength} characters");
            }

            Roles.Parse(key.Roles, out var unknown);
            if (unknown.Count > 0)
            {
                failures.Add($"Api:Keys:{identity}:Roles has unknown role(s) {string.Join(", ", unknown)} (known: {string.Join(", ", Roles.All)})");
            }
        }

        var duplicates = options.Keys.GroupBy(k => k.Value.Key, StringComparer.Ordinal).Where(g => g.Count() > 1 && g.Key.Length > 0);
        failures.AddRange(duplicates.Select(g => $"Api:Keys: {string.Join(" and ", g.Select(k => k.Key))} share one key"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Authenticates <c>X-Api-Key</c>: the identity is the key's name in configuration, with its roles.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ApiOptions> apiOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    // Keys are compared as SHA-256 digests in constant time, so neither their length nor their content leaks through timing.
    private readonly (string Name, byte[] Digest, IReadOnlyList<string> Roles)[] _keys = apiOptions.Value.Keys
        .Select(k => (k.Key, SHA256.HashData(Encoding.UTF8.GetBytes(k.Value.Key)), Roles.Parse(k.Value.Roles, out _)))
        .ToArray();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(values[0]!));
        var match = _keys.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(k.Digest, digest));
        if (match.Name is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, "api:" + match.Name) };
        claims.AddRange(match.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: $"Send a valid API key in the {HeaderName} header.")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden",
                detail: "This API key's identity does not have the role this request needs.")
            .ExecuteAsync(Context);
    }
}
