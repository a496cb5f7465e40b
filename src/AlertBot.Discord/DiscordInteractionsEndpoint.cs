using System.Globalization;
using System.Text;
using AlertBot.Core.Platforms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace AlertBot.Discord;

/// <summary>
/// <c>POST /discord/interactions</c> (Interactions mode): Discord POSTs each interaction signed with the application's
/// key. The Ed25519 signature over <c>X-Signature-Timestamp</c> + body is checked with <c>Discord:PublicKey</c> before
/// anything is read; a bad, missing, stale (older or later than <c>Discord:MaxSignatureAgeSeconds</c>) or replayed
/// signature gets 401 — replayed to this instance or to any other on the same database (<see cref="InboundReceipts"/>). A body that is not an interaction gets 400. PING is answered with PONG; any other interaction
/// is handed to <see cref="DiscordInbound"/> and the request answered 202 once the interaction has had its first answer
/// through the callback endpoint (within Discord's 3 seconds: deferred when the work is longer).
/// </summary>
public static partial class DiscordInteractionsEndpoint
{
    public const string Path = "/discord/interactions";
    public const string SignatureHeader = "X-Signature-Ed25519";
    public const string TimestampHeader = "X-Signature-Timestamp";

    /// <summary>Maps the endpoint when Discord is configured (<see cref="DiscordServiceCollectionExtensions.AddDiscord"/>).</summary>
    public static IEndpointRouteBuilder MapDiscord(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<DiscordSignatures>() is not null)
        {
            endpoints.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery();
        }

        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context,
        DiscordSignatures signatures,
        InboundReceipts receipts,
        IServiceProvider services,
        DiscordMetrics metrics,
        IOptions<DiscordOptions> options,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(DiscordInteractionsEndpoint).FullName!);
        if (options.Value.Mode != DiscordMode.Interactions)
        {
            return TypedResults.NotFound();
        }

        if (context.Request.ContentLength > DiscordInbound.MaxInteractionBytes)
        {
            metrics.Error("interaction_too_large");
            LogTooLarge(logger, context.Request.ContentLength.Value);
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadAsync(context.Request.Body, DiscordInbound.MaxInteractionBytes + 1, ct);
        if (body.Length > DiscordInbound.MaxInteractionBytes)
        {
            metrics.Error("interaction_too_large");
            LogTooLarge(logger, body.Length);
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var signature = context.Request.Headers[SignatureHeader].ToString();
        var verdict = signatures.Verify(signature, context.Request.Headers[TimestampHeader].ToString(), body);
        if (verdict == SignatureVerdict.Valid
            && !await receipts.FirstTimeAsync(DiscordPlatform.PlatformName, signature.ToUpperInvariant(), signatures.ReplayWindow, ct))
        {
            // Seen by another instance of the bot (this one keeps its own in memory).
            verdict = SignatureVerdict.Replayed;
        }

        if (verdict != SignatureVerdict.Valid)
        {
            metrics.Error(verdict switch { SignatureVerdict.Missing => "signature_missing", SignatureVerdict.Stale => "signature_stale", SignatureVerdict.Replayed => "signature_replayed", _ => "signature_forged" });
            LogRefused(logger, verdict, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return TypedResults.Unauthorized();
        }

        var inbound = services.GetRequiredService<DiscordInbound>();
        if (inbound.Read(body) is not { } interaction)
        {
            return TypedResults.BadRequest();
        }

        if (interaction.Type == DiscordInteractions.Ping)
        {
            return TypedResults.Json(new InteractionResponse(DiscordInteractions.Pong), DiscordJson.Default.InteractionResponse);
        }

        await inbound.StartAsync(interaction).WaitAsync(ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<byte[]> ReadAsync(Stream body, int most, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length >= most)
            {
                break;
            }
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord interactions: a request from {Address} was refused (401): signature {Verdict}")]
    private static partial void LogRefused(ILogger logger, SignatureVerdict verdict, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord interactions: a body of {Length} bytes was refused unread")]
    private static partial void LogTooLarge(ILogger logger, long length);
}

public enum SignatureVerdict
{
    Valid,
    Missing,
    Forged,
    Stale,
    Replayed,
}

/// <summary>
/// Ed25519 verification of Discord's interaction signatures with NSec: the signature (64 bytes, hex) over the
/// timestamp's and the body's bytes, checked against <c>Discord:PublicKey</c>. A timestamp further than
/// <c>Discord:MaxSignatureAgeSeconds</c> from now is stale; a signature seen within that time is a replay.
/// </summary>
public sealed class DiscordSignatures
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    private readonly PublicKey? _key;
    private readonly TimeSpan _maxAge;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public DiscordSignatures(IOptions<DiscordOptions> options, TimeProvider time)
    {
        _time = time;
        _maxAge = TimeSpan.FromSeconds(options.Value.MaxSignatureAgeSeconds);
        if (DiscordOptions.IsValidPublicKey(options.Value.PublicKey))
        {
            _key = PublicKey.Import(Ed25519, Convert.FromHexString(options.Value.PublicKey!), KeyBlobFormat.RawPublicKey);
        }
    }

    /// <summary>How long a signature could be accepted: a timestamp may be up to the age limit behind or ahead of now.</summary>
    public TimeSpan ReplayWindow => _maxAge * 2;

    public SignatureVerdict Verify(string signatureHex, string timestamp, ReadOnlySpan<byte> body)
    {
        if (_key is null || signatureHex.Length != 128 || !signatureHex.All(char.IsAsciiHexDigit) || timestamp.Length is 0 or > 20)
        {
            return SignatureVerdict.Missing;
        }

        var signature = Convert.FromHexString(signatureHex);
        var stamp = Encoding.UTF8.GetBytes(timestamp);
        var signed = new byte[stamp.Length + body.Length];
        stamp.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(stamp.Length));
        if (!Ed25519.Verify(_key, signed, signature))
        {
            return SignatureVerdict.Forged;
        }

        var now = _time.GetUtcNow();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > _maxAge)
        {
            return SignatureVerdict.Stale;
        }

        lock (_lock)
        {
            foreach (var old in _seen.Where(s => now - s.Value > _maxAge).Select(s => s.Key).ToList())
            {
                _seen.Remove(old);
            }

            return _seen.TryAdd(signatureHex.ToUpperInvariant(), now) ? SignatureVerdict.Valid : SignatureVerdict.Replayed;
        }
    }
}
