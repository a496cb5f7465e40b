using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AlertBot.TestSupport.Discord;

/// <summary>
/// The fake gateway at <c>ws://…/gateway</c>: Hello with <see cref="HeartbeatIntervalMs"/>, heartbeats ACKed (until
/// <see cref="StopAcking"/>), Identify checked (a wrong token closes with 4004, a privileged intent with 4014) and
/// answered with READY and a GUILD_CREATE per server, Resume replaying the session's events after the given sequence
/// and then RESUMED (an unknown session gets op 9). Tests dispatch events (an interaction, a server joined or left) —
/// kept in the session and replayed on resume when no connection is open — and send op 7 or op 9, or close with any code.
/// </summary>
public sealed partial class FakeDiscordServer
{
    public const string GatewayPath = "/gateway";

    private const int PrivilegedIntents = (1 << 1) | (1 << 8) | (1 << 15);

    private readonly List<GatewayConnection> _connections = [];
    private readonly Dictionary<string, GatewaySession> _sessions = new(StringComparer.Ordinal);
    private GatewaySession? _session;
    private bool _acking = true;

    /// <summary>What <c>GET /gateway/bot</c> answers; also what <c>Discord:GatewayUrl</c> may be set to.</summary>
    public Uri GatewayUrl => new("ws://" + BaseUrl.Authority + GatewayPath);

    /// <summary>The heartbeat interval the fake's Hello asks for.</summary>
    public int HeartbeatIntervalMs { get; set; } = 41_250;

    /// <summary>False: the gateway refuses new connections (503), as during an outage.</summary>
    public bool GatewayOpen { get; set; } = true;

    /// <summary>What <c>GET /gateway/bot</c> says of the session-start limit: sessions that may still start, and when that resets.</summary>
    public int SessionStartsRemaining { get; set; } = 999;

    public long SessionStartResetAfterMs { get; set; } = 14_400_000;

    /// <summary>When each Identify arrived.</summary>
    public List<DateTimeOffset> IdentifiedAt { get; } = [];

    /// <summary>Connections opened so far.</summary>
    public int GatewayConnections { get; private set; }

    /// <summary>Identify payloads received (the <c>d</c> of each op 2).</summary>
    public List<JsonObject> Identifies { get; } = [];

    /// <summary>Resume payloads received (the <c>d</c> of each op 6).</summary>
    public List<JsonObject> Resumes { get; } = [];

    /// <summary>Heartbeats received, with the sequence each carried.</summary>
    public List<(DateTimeOffset At, int? Seq)> Heartbeats { get; } = [];

    /// <summary>Connections closed by the bot, with the close code it gave.</summary>
    public List<int?> ClientCloses { get; } = [];

    /// <summary>Whether a connection is open and its session identified or resumed.</summary>
    public bool GatewayReady
    {
        get
        {
            lock (_lock)
            {
                return _connections.Any(c => c.Ready);
            }
        }
    }

    /// <summary>Heartbeats are no longer ACKed (a zombie connection, as the bot sees it), or ACKed again.</summary>
    public void StopAcking(bool stop = true)
    {
        lock (_lock)
        {
            _acking = !stop;
        }
    }

    /// <summary>Dispatches an event: sent now on the open connection, or kept for the session's resume.</summary>
    public void Dispatch(string type, JsonNode data)
    {
        GatewayConnection? connection;
        int seq;
        lock (_lock)
        {
            var session = _session ?? throw new InvalidOperationException("no gateway session yet");
            seq = ++session.Seq;
            session.Events.Add((seq, type, data.DeepClone()));
            connection = _connections.FirstOrDefault(c => c.Ready && c.Session == session);
        }

        connection?.Send(new JsonObject { ["op"] = 0, ["t"] = type, ["s"] = seq, ["d"] = data.DeepClone() });
    }

    /// <summary>Delivers the interaction over the gateway (INTERACTION_CREATE) instead of to an endpoint.</summary>
    public void DispatchInteraction(FakeDiscordInteraction interaction) => Dispatch("INTERACTION_CREATE", interaction.Json);

    /// <summary>The bot was removed from server <paramref name="guildId"/>: GUILD_DELETE without <c>unavailable</c>; its channels are gone.</summary>
    public void RemoveFromGuild(string guildId)
    {
        lock (_lock)
        {
            foreach (var channel in _channels.Where(c => c.Value == guildId).Select(c => c.Key).ToList())
            {
                _channels.Remove(channel);
            }
        }

        Dispatch("GUILD_DELETE", new JsonObject { ["id"] = guildId });
    }

    /// <summary>The bot was added to a server: GUILD_CREATE with its text channels.</summary>
    public void JoinGuild(string guildId, params string[] channelIds)
    {
        foreach (var channel in channelIds)
        {
            AddChannel(channel, guildId);
        }

        Dispatch("GUILD_CREATE", GuildJson(guildId));
    }

    private JsonObject GuildJson(string guildId)
    {
        string[] channels;
        lock (_lock)
        {
            channels = [.. _channels.Where(c => c.Value == guildId).Select(c => c.Key)];
        }

        return new JsonObject
        {
            ["id"] = guildId,
            ["name"] = "Server " + guildId,
            ["unavailable"] = false,
            ["channels"] = new JsonArray([.. channels.Select(c => (JsonNode)new JsonObject { ["id"] = c, ["type"] = 0, ["name"] = "alerts-" + c })]),
        };
    }

    /// <summary>Sends <paramref name="text"/> as one text frame on the open connection, whatever it is (for malformed payloads).</summary>
    public void SendRawToGateway(string text)
    {
        GatewayConnection[] open;
        lock (_lock)
        {
            open = [.. _connections];
        }

        foreach (var connection in open)
        {
            connection.SendText(text);
        }
    }

    /// <summary>Sends op 7 Reconnect.</summary>
    public void SendReconnect() => SendToOpen(new JsonObject { ["op"] = 7, ["d"] = null });

    /// <summary>Sends op 9 Invalid Session (<paramref name="resumable"/> is its <c>d</c>); a non-resumable one is forgotten.</summary>
    public void SendInvalidSession(bool resumable)
    {
        if (!resumable)
        {
            lock (_lock)
            {
                if (_session is not null)
                {
                    _sessions.Remove(_session.Id);
                }
            }
        }

        SendToOpen(new JsonObject { ["op"] = 9, ["d"] = resumable });
    }

    /// <summary>Closes the open connection with <paramref name="code"/> (4000 unknown error, 4004 authentication failed…).</summary>
    public async Task CloseGatewayAsync(int code)
    {
        GatewayConnection[] open;
        lock (_lock)
        {
            open = [.. _connections];
        }

        foreach (var connection in open)
        {
            await connection.CloseAsync((WebSocketCloseStatus)code, "closed by the test");
        }
    }

    private void SendToOpen(JsonObject payload)
    {
        GatewayConnection[] open;
        lock (_lock)
        {
            open = [.. _connections];
        }

        foreach (var connection in open)
        {
            connection.Send(payload);
        }
    }

    private async Task CloseGatewaysAsync()
    {
        GatewayConnection[] open;
        lock (_lock)
        {
            open = [.. _connections];
        }

        foreach (var connection in open)
        {
            await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "server stopping");
        }
    }

    private async Task AcceptGatewayAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        if (!GatewayOpen)
        {
            context.Response.StatusCode = 503;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new GatewayConnection(socket);
        lock (_lock)
        {
            _connections.Add(connection);
            GatewayConnections++;
        }

        try
        {
            connection.Send(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs } });
            var writer = connection.RunWriterAsync();
            while (await connection.ReceiveAsync(context.RequestAborted) is { } payload)
            {
                Handle(connection, payload);
            }

            lock (_lock)
            {
                ClientCloses.Add(socket.CloseStatus is { } status ? (int)status : null);
            }

            connection.Complete();
            await writer;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The bot dropped the connection.
        }
        finally
        {
            connection.Complete();
            lock (_lock)
            {
                _connections.Remove(connection);
            }
        }
    }

    private void Handle(GatewayConnection connection, JsonObject payload)
    {
        var op = payload["op"]?.GetValue<int>();
        var d = payload["d"];
        switch (op)
        {
            case 1:
                bool ack;
                lock (_lock)
                {
                    Heartbeats.Add((_time.GetUtcNow(), d?.GetValue<int?>()));
                    ack = _acking;
                }

                if (ack)
                {
                    connection.Send(new JsonObject { ["op"] = 11 });
                }

                break;
            case 2:
                Identify(connection, (JsonObject)d!);
                break;
            case 6:
                Resume(connection, (JsonObject)d!);
                break;
            default:
                _ = connection.CloseAsync((WebSocketCloseStatus)4001, "Unknown opcode");
                break;
        }
    }

    private void Identify(GatewayConnection connection, JsonObject identify)
    {
        lock (_lock)
        {
            Identifies.Add((JsonObject)identify.DeepClone());
            IdentifiedAt.Add(_time.GetUtcNow());
        }

        if (identify["token"]?.GetValue<string>() != Token)
        {
            _ = connection.CloseAsync((WebSocketCloseStatus)4004, "Authentication failed.");
            return;
        }

        if (((identify["intents"]?.GetValue<int>() ?? 0) & PrivilegedIntents) != 0)
        {
            _ = connection.CloseAsync((WebSocketCloseStatus)4014, "Disallowed intent(s).");
            return;
        }

        GatewaySession session;
        string[] guilds;
        lock (_lock)
        {
            session = new GatewaySession(NextId());
            _sessions[session.Id] = session;
            _session = session;
            connection.Session = session;
            connection.Ready = true;
            guilds = [.. _channels.Values.OfType<string>().Distinct()];
            session.Seq++;
        }

        connection.Send(new JsonObject
        {
            ["op"] = 0,
            ["t"] = "READY",
            ["s"] = session.Seq,
            ["d"] = new JsonObject
            {
                ["v"] = 10,
                ["session_id"] = session.Id,
                ["resume_gateway_url"] = GatewayUrl.ToString(),
                ["user"] = new JsonObject { ["id"] = BotUserId, ["username"] = "alertbot", ["bot"] = true },
                ["application"] = new JsonObject { ["id"] = ApplicationId, ["flags"] = 0 },
                ["guilds"] = new JsonArray([.. guilds.Select(g => (JsonNode)new JsonObject { ["id"] = g, ["unavailable"] = true })]),
            },
        });
        foreach (var guild in guilds)
        {
            Dispatch("GUILD_CREATE", GuildJson(guild));
        }
    }

    private void Resume(GatewayConnection connection, JsonObject resume)
    {
        (int Seq, string Type, JsonNode Data)[] missed;
        GatewaySession? session;
        lock (_lock)
        {
            Resumes.Add((JsonObject)resume.DeepClone());
            session = resume["session_id"]?.GetValue<string>() is { } id ? _sessions.GetValueOrDefault(id) : null;
            if (session is null || resume["token"]?.GetValue<string>() != Token)
            {
                missed = [];
            }
            else
            {
                var after = resume["seq"]?.GetValue<int?>() ?? 0;
                missed = [.. session.Events.Where(e => e.Seq > after)];
                connection.Session = session;
                connection.Ready = true;
                _session = session;
            }
        }

        if (session is null)
        {
            connection.Send(new JsonObject { ["op"] = 9, ["d"] = false });
            return;
        }

        foreach (var (seq, type, data) in missed)
        {
            connection.Send(new JsonObject { ["op"] = 0, ["t"] = type, ["s"] = seq, ["d"] = data.DeepClone() });
        }

        connection.Send(new JsonObject { ["op"] = 0, ["t"] = "RESUMED", ["s"] = session.Seq, ["d"] = new JsonObject() });
    }

    private sealed class GatewaySession(string id)
    {
        public string Id { get; } = id;

        public int Seq { get; set; }

        public List<(int Seq, string Type, JsonNode Data)> Events { get; } = [];
    }

    /// <summary>One socket: frames are written by one writer in order; reads return whole text messages.</summary>
    private sealed class GatewayConnection(WebSocket socket)
    {
        private readonly System.Threading.Channels.Channel<string> _outbox = System.Threading.Channels.Channel.CreateUnbounded<string>();

        public GatewaySession? Session { get; set; }

        public bool Ready { get; set; }

        public void Send(JsonObject payload) => _outbox.Writer.TryWrite(payload.ToJsonString());

        public void SendText(string text) => _outbox.Writer.TryWrite(text);

        public void Complete() => _outbox.Writer.TryComplete();

        public async Task RunWriterAsync()
        {
            try
            {
                await foreach (var payload in _outbox.Reader.ReadAllAsync())
                {
                    if (socket.State != WebSocketState.Open)
                    {
                        return;
                    }

                    await socket.SendAsync(Encoding.UTF8.GetBytes(payload), WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                // Closed under the writer.
            }
        }

        public async Task<JsonObject?> ReceiveAsync(CancellationToken ct)
        {
            var buffer = new byte[16 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }

                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    try
                    {
                        return JsonNode.Parse(message.ToArray()) as JsonObject ?? new JsonObject();
                    }
                    catch (JsonException)
                    {
                        await CloseAsync((WebSocketCloseStatus)4002, "Decode error");
                        return null;
                    }
                }
            }
        }

        public async Task CloseAsync(WebSocketCloseStatus code, string reason)
        {
            Ready = false;
            Complete();
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(code, reason, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                // Already gone.
            }
        }
    }
}
