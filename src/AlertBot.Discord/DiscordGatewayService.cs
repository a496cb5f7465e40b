using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using AlertBot.Core.Delivery;
using AlertBot.Core.Diagnostics;
using AlertBot.Core.Platforms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlertBot.Discord;

/// <summary>
/// The gateway (Gateway mode), held by one instance of a deployment (the dispatcher's election on its own lock). It
/// connects to the address <c>GET /gateway/bot</c> gives (or <c>Discord:GatewayUrl</c>), waits for Hello, heartbeats
/// (the first after a random part of the interval, then every interval; a heartbeat not ACKed by the next one makes the
/// connection a zombie, closed with 4000 and resumed), identifies with the GUILDS intent only (no privileged intents;
/// identifies spaced by the session-start limit's <c>max_concurrency</c> per 5 s and held while none remain), and
/// resumes through READY's <c>resume_gateway_url</c> with the last sequence after op 7, a resumable op 9, a lost
/// connection or a resumable close. INTERACTION_CREATE goes to <see cref="DiscordInbound"/>, GUILD_DELETE (the bot
/// removed) to the chat lifecycle. Close codes 4004 and 4010–4014 cannot be fixed by reconnecting: the host stops with
/// one line naming the setting. Anything unreadable is logged and skipped; the connection goes on.
/// </summary>
internal sealed partial class DiscordGatewayService(
    DiscordRestClient client,
    DiscordInbound inbound,
    DispatchLeadership leadership,
    DiscordHealth health,
    DiscordMetrics metrics,
    IOptions<DiscordOptions> options,
    FatalStop fatal,
    TimeProvider time,
    ILogger<DiscordGatewayService> logger) : BackgroundService
{
    /// <summary>The gateway's advisory lock ("AlertDcG"), apart from the dispatcher's.</summary>
    public const long GatewayLockKey = 0x416C_6572_7444_6347;

    /// <summary>GUILDS (1 &lt;&lt; 0): server joins and leaves. Interactions come whatever the intents.</summary>
    public const int Intents = 1;

    /// <summary>A gateway message larger than this is skipped unread.</summary>
    public const int MaxMessageBytes = 8 * 1024 * 1024;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan IdentifyWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LeaseCheck = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, HashSet<string>> _guildChannels = new(StringComparer.Ordinal);
    private string? _sessionId;
    private string? _resumeUrl;
    private int? _seq;
    private SessionStartLimit? _startLimit;
    private DateTimeOffset _lastIdentify = DateTimeOffset.MinValue;
    private DateTimeOffset _identifyNotBefore = DateTimeOffset.MinValue;

    private DiscordOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Options.Mode != DiscordMode.Gateway)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await using var lease = await leadership.AcquireAsync(GatewayLockKey, stoppingToken);
                LogHolding(Environment.MachineName, Environment.ProcessId);
                using var lead = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var watch = WatchLeaseAsync(lease, lead);
                try
                {
                    await RunAsync(lead.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    LogLostLead();
                }
                finally
                {
                    await lead.CancelAsync();
                    await watch;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (GatewayFatalException ex)
        {
            health.Failed(ex.Message);
            LogFatal(ex.Message);
            fatal.Stop(ex.Message);
        }
    }

    private async Task WatchLeaseAsync(DispatchLeadership.Lease lease, CancellationTokenSource lead)
    {
        try
        {
            while (!lead.IsCancellationRequested)
            {
                await Task.Delay(LeaseCheck, time, lead.Token);
                if (!await lease.IsHeldAsync(lead.Token))
                {
                    await lead.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The lead ended.
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var backoff = FirstBackoff;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            string reason;
            try
            {
                reason = await ConnectOnceAsync(ct);
                backoff = FirstBackoff;
            }
            catch (Exception ex) when (ex is WebSocketException or PlatformException or IOException or HttpRequestException or TimeoutException or JsonException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                metrics.Error("gateway_connect");
                health.Failed("gateway: " + ex.Message);
                var wait = ex is PlatformException { RetryAfter: { } retryAfter } && retryAfter > backoff ? retryAfter : backoff;
                LogConnectFailed(ex.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, ct);
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
                reason = "connect_failed";
            }

            metrics.Reconnected(reason);
        }
    }

    /// <summary>One connection, from Hello to its end; returns why it ended (the next one resumes when the session allows).</summary>
    private async Task<string> ConnectOnceAsync(CancellationToken ct)
    {
        var resuming = _sessionId is not null && _resumeUrl is not null;
        var address = resuming ? _resumeUrl! : await GatewayUrlAsync(ct);
        if (!resuming)
        {
            // Waited out before connecting: a socket left unread while waiting would miss its heartbeat ACKs.
            await BeforeIdentifyAsync(ct);
        }

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(address.TrimEnd('/') + "/?v=10&encoding=json"), ct);
        using var connection = new GatewayConnection(socket);
        using var alive = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var hello = await ReceiveAsync(connection, ct).AsTask().WaitAsync(HelloTimeout, time, ct);
        if (hello is not { Op: 10, D: { } helloData } || helloData.Deserialize(DiscordJson.Default.Hello) is not { HeartbeatInterval: > 0 } helloBody)
        {
            throw new WebSocketException("the gateway did not say Hello");
        }

        var interval = TimeSpan.FromMilliseconds(helloBody.HeartbeatInterval);
        var heartbeats = HeartbeatAsync(connection, interval, alive);
        try
        {
            if (resuming)
            {
                await connection.SendAsync(JsonSerializer.SerializeToUtf8Bytes(
                    new GatewayCommand<Resume>(6, new Resume(Options.BotToken!, _sessionId!, _seq)), DiscordJson.Default.GatewayCommandResume), ct);
                LogResuming(_sessionId!, _seq);
            }
            else
            {
                await connection.SendAsync(JsonSerializer.SerializeToUtf8Bytes(
                    new GatewayCommand<Identify>(2, new Identify(Options.BotToken!, Intents, new IdentifyProperties("linux", "alertbot", "alertbot"))),
                    DiscordJson.Default.GatewayCommandIdentify), ct);

                // Spacing counts from the identify itself, as Discord does (the wait before connecting only adds to it).
                _lastIdentify = time.GetUtcNow();
            }

            while (true)
            {
                GatewayPayload? payload;
                try
                {
                    payload = await ReceiveAsync(connection, alive.Token);
                }
                catch (OperationCanceledException) when (connection.Zombie && !ct.IsCancellationRequested)
                {
                    return "zombie";
                }

                if (payload is null)
                {
                    return Closed(socket.CloseStatus is { } status ? (int)status : null, socket.CloseStatusDescription);
                }

                if (await HandleAsync(connection, payload, ct) is { } ended)
                {
                    await connection.CloseAsync(4000, "reconnecting");
                    return ended;
                }
            }
        }
        catch (WebSocketException) when (connection.Zombie)
        {
            return "zombie";
        }
        finally
        {
            await alive.CancelAsync();
            await heartbeats;
            if (socket.State == WebSocketState.Open)
            {
                // Any code but 1000/1001 keeps the session resumable.
                await connection.CloseAsync(4000, "reconnecting");
            }
        }
    }

    /// <summary>Handles one payload; returns why the connection should end, or null to go on.</summary>
    private async Task<string?> HandleAsync(GatewayConnection connection, GatewayPayload payload, CancellationToken ct)
    {
        switch (payload.Op)
        {
            case 0:
                if (payload.S is { } seq)
                {
                    _seq = seq;
                }

                await DispatchAsync(payload.T, payload.D, ct);
                return null;
            case 1:
                await SendHeartbeatAsync(connection, ct);
                return null;
            case 7:
                LogReconnectAsked();
                return "op7";
            case 9:
                var resumable = payload.D is { ValueKind: JsonValueKind.True };
                LogInvalidSession(resumable);
                if (!resumable)
                {
                    ForgetSession();

                    // Discord asks for a pause of 1 to 5 seconds before identifying again (waited out before reconnecting).
                    _identifyNotBefore = time.GetUtcNow() + TimeSpan.FromMilliseconds(1000 + Random.Shared.Next(4000));
                }

                return resumable ? "op9_resume" : "op9";
            case 11:
                if (connection.Acknowledge(time.GetUtcNow()) is { } latency)
                {
                    metrics.HeartbeatAcknowledged(latency);
                }

                health.Succeeded();
                return null;
            default:
                LogUnknownOp(payload.Op);
                return null;
        }
    }

    private async Task DispatchAsync(string? type, JsonElement? data, CancellationToken ct)
    {
        try
        {
            switch (type)
            {
                case "READY" when data?.Deserialize(DiscordJson.Default.Ready) is { } ready:
                    _sessionId = ready.SessionId;
                    _resumeUrl = ready.ResumeGatewayUrl;
                    health.Succeeded();
                    LogReady(ready.User?.Id, ready.SessionId);
                    break;
                case "RESUMED":
                    metrics.Resumed();
                    health.Succeeded();
                    LogResumed(_sessionId, _seq);
                    break;
                case "INTERACTION_CREATE" when data is { } raw:
                    if (inbound.Read(raw) is { } interaction)
                    {
                        _ = inbound.StartAsync(interaction);
                    }

                    break;
                case "GUILD_CREATE" when data is { } raw && raw.Deserialize(DiscordJson.Default.GuildEvent) is { } guild:
                    _guildChannels[guild.Id] = ChannelsOf(raw);
                    LogGuildAvailable(guild.Id, _guildChannels[guild.Id].Count);
                    await inbound.GuildAvailableAsync(guild.Id, _guildChannels[guild.Id], ct);
                    break;
                case "GUILD_DELETE" when data?.Deserialize(DiscordJson.Default.GuildEvent) is { } gone:
                    if (gone.Unavailable == true)
                    {
                        LogGuildUnavailable(gone.Id);
                    }
                    else
                    {
                        var channels = _guildChannels.Remove(gone.Id, out var known) ? known : [];
                        await inbound.GuildRemovedAsync(gone.Id, [.. channels], ct);
                    }

                    break;
                default:
                    LogSkippedEvent(type);
                    break;
            }
        }
        catch (JsonException ex)
        {
            metrics.Error("malformed_event");
            LogMalformedEvent(ex, type);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not GatewayFatalException)
        {
            // Handing the event on failed (the database away): the connection goes on with the next one.
            metrics.Error("dispatch");
            LogDispatchFailed(ex, type);
        }
    }

    private static HashSet<string> ChannelsOf(JsonElement guild)
    {
        var channels = new HashSet<string>(StringComparer.Ordinal);
        if (guild.TryGetProperty("channels", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var channel in list.EnumerateArray())
            {
                if (channel.ValueKind == JsonValueKind.Object && channel.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    channels.Add(id.GetString()!);
                }
            }
        }

        return channels;
    }

    private string Closed(int? code, string? description)
    {
        health.Failed($"gateway closed ({code?.ToString(CultureInfo.InvariantCulture) ?? "no code"}: {description})");
        LogClosed(code, description);
        switch (code)
        {
            case 4004:
                throw new GatewayFatalException("Discord refused the token (gateway close 4004 Authentication failed): check Discord:BotToken");
            case 4010 or 4011:
                throw new GatewayFatalException($"Discord asks for sharding (gateway close {code}); this bot runs one shard: check Discord:BotToken is the bot meant for this deployment");
            case 4012:
                throw new GatewayFatalException("Discord refused the API version (gateway close 4012 Invalid API version): check Discord:GatewayUrl and Discord:ApiBaseUrl");
            case 4013 or 4014:
                throw new GatewayFatalException($"Discord refused the gateway intents (close {code}): the bot asks for GUILDS only; check the application of Discord:BotToken in the Developer Portal");
            case 4007 or 4009:
                ForgetSession();
                return "close_" + code.Value.ToString(CultureInfo.InvariantCulture);
            default:
                return code is { } other ? "close_" + other.ToString(CultureInfo.InvariantCulture) : "closed";
        }
    }

    private void ForgetSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        _seq = null;
    }

    private async Task<string> GatewayUrlAsync(CancellationToken ct)
    {
        var bot = await client.GetGatewayBotAsync(ct);
        _startLimit = bot?.SessionStartLimit;
        return Options.GatewayUrl ?? bot?.Url ?? throw new PlatformException(PlatformFailure.Transient, "Discord gave no gateway address");
    }

    /// <summary>Identifies are spaced by <c>max_concurrency</c> per 5 s and wait for the session-start limit's reset when none remain.</summary>
    private async Task BeforeIdentifyAsync(CancellationToken ct)
    {
        if (_startLimit is { Remaining: <= 0 } limit)
        {
            var reset = TimeSpan.FromMilliseconds(limit.ResetAfter);
            LogStartLimit(reset.TotalSeconds);
            await Task.Delay(reset, time, ct);
            _startLimit = null;
        }

        var spacing = IdentifyWindow / Math.Max(1, _startLimit?.MaxConcurrency ?? 1);
        var notBefore = _lastIdentify + spacing > _identifyNotBefore ? _lastIdentify + spacing : _identifyNotBefore;
        var wait = notBefore - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, ct);
        }

        if (_startLimit is { } known)
        {
            _startLimit = known with { Remaining = known.Remaining - 1 };
        }
    }

    private async Task HeartbeatAsync(GatewayConnection connection, TimeSpan interval, CancellationTokenSource alive)
    {
        try
        {
            await Task.Delay(interval * Random.Shared.NextDouble(), time, alive.Token);
            while (!alive.IsCancellationRequested)
            {
                if (!connection.Acknowledged)
                {
                    metrics.Error("zombie");
                    health.Failed("gateway: a heartbeat was not acknowledged");
                    LogZombie();
                    connection.Zombie = true;
                    await connection.CloseAsync(4000, "heartbeat not acknowledged");
                    await alive.CancelAsync();
                    return;
                }

                await SendHeartbeatAsync(connection, alive.Token);
                await Task.Delay(interval, time, alive.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
        catch (WebSocketException)
        {
            // The connection broke; the receive loop sees it.
        }
    }

    private Task SendHeartbeatAsync(GatewayConnection connection, CancellationToken ct)
    {
        connection.Sent(time.GetUtcNow());
        return connection.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new GatewayHeartbeat(1, _seq), DiscordJson.Default.GatewayHeartbeat), ct);
    }

    /// <summary>The next whole message; null when the gateway closed. An unreadable or oversized message is logged and skipped.</summary>
    private async ValueTask<GatewayPayload?> ReceiveAsync(GatewayConnection connection, CancellationToken ct)
    {
        while (true)
        {
            var message = await connection.ReceiveAsync(MaxMessageBytes, ct);
            if (message is null)
            {
                return null;
            }

            if (message.Length == 0)
            {
                metrics.Error("oversized_event");
                LogOversized();
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(message, DiscordJson.Default.GatewayPayload) is { } payload)
                {
                    return payload;
                }
            }
            catch (JsonException ex)
            {
                metrics.Error("malformed_payload");
                LogMalformedPayload(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: this process ({Machine}, pid {ProcessId}) holds the gateway")]
    private partial void LogHolding(string machine, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: lost the gateway's lock; standing by")]
    private partial void LogLostLead();

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord: {Reason}. The bot stops")]
    private partial void LogFatal(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: connecting to the gateway failed ({Reason}); again in {Seconds} s")]
    private partial void LogConnectFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: gateway ready as user {UserId}, session {SessionId}")]
    private partial void LogReady(string? userId, string sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: resuming session {SessionId} after sequence {Seq}")]
    private partial void LogResuming(string sessionId, int? seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: session {SessionId} resumed (sequence {Seq})")]
    private partial void LogResumed(string? sessionId, int? seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: the gateway asked to reconnect (op 7)")]
    private partial void LogReconnectAsked();

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: the gateway said the session is invalid (op 9, resumable: {Resumable})")]
    private partial void LogInvalidSession(bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: the gateway closed the connection ({Code}: {Description})")]
    private partial void LogClosed(int? code, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: a heartbeat was not acknowledged; the connection is a zombie and is resumed on a new one")]
    private partial void LogZombie();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: no sessions may start now; identifying in {Seconds} s")]
    private partial void LogStartLimit(double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord: gateway opcode {Op} is not one the bot knows; skipped")]
    private partial void LogUnknownOp(int op);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord: gateway event {Type} skipped")]
    private partial void LogSkippedEvent(string? type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: gateway event {Type} could not be read; skipped")]
    private partial void LogMalformedEvent(Exception ex, string? type);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord: handling gateway event {Type} failed; the next ones go on")]
    private partial void LogDispatchFailed(Exception ex, string? type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: a gateway message that is not a payload was skipped")]
    private partial void LogMalformedPayload(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: an oversized gateway message was skipped")]
    private partial void LogOversized();

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: server {GuildId} is available ({Channels} channels)")]
    private partial void LogGuildAvailable(string guildId, int channels);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: server {GuildId} is unavailable (an outage); its channels keep their subscriptions")]
    private partial void LogGuildUnavailable(string guildId);

    /// <summary>A close code that reconnecting cannot fix; its message names the setting to check.</summary>
    private sealed class GatewayFatalException(string message) : Exception(message);

    /// <summary>One socket: sends serialised, heartbeat bookkeeping, whole messages read.</summary>
    private sealed class GatewayConnection(ClientWebSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim _send = new(1, 1);
        private readonly byte[] _buffer = new byte[16 * 1024];
        private DateTimeOffset? _heartbeatSentAt;
        private bool _acknowledged = true;

        public bool Zombie { get; set; }

        public bool Acknowledged => Volatile.Read(ref _acknowledged);

        public void Sent(DateTimeOffset at)
        {
            _heartbeatSentAt = at;
            Volatile.Write(ref _acknowledged, false);
        }

        public TimeSpan? Acknowledge(DateTimeOffset at)
        {
            Volatile.Write(ref _acknowledged, true);
            return _heartbeatSentAt is { } sent ? at - sent : null;
        }

        public async Task SendAsync(byte[] payload, CancellationToken ct)
        {
            await _send.WaitAsync(ct);
            try
            {
                await socket.SendAsync(payload, WebSocketMessageType.Text, true, ct);
            }
            finally
            {
                _send.Release();
            }
        }

        /// <summary>The next whole text message; empty when it was larger than <paramref name="most"/> (skipped); null when closed.</summary>
        public async Task<byte[]?> ReceiveAsync(int most, CancellationToken ct)
        {
            using var message = new MemoryStream();
            var oversized = false;
            while (true)
            {
                var result = await socket.ReceiveAsync(_buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                if (!oversized)
                {
                    message.Write(_buffer, 0, result.Count);
                    oversized = message.Length > most;
                }

                if (result.EndOfMessage)
                {
                    return oversized ? [] : message.ToArray();
                }
            }
        }

        public async Task CloseAsync(int code, string reason)
        {
            try
            {
                await _send.WaitAsync();
                try
                {
                    if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                        await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
                    }
                }
                finally
                {
                    _send.Release();
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Already gone.
            }
        }

        public void Dispose() => _send.Dispose();
    }
}
