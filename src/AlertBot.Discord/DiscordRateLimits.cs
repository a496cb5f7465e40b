using System.Globalization;
using System.Net.Http.Headers;
using AlertBot.Core.Platforms;

namespace AlertBot.Discord;

/// <summary>
/// One REST route as Discord limits it: the method and path template (<c>POST /channels/{id}/messages</c>) and the top-level
/// resource it names (the channel, guild, or webhook and token), which Discord limits apart; <see cref="Global"/> is
/// false for the interaction routes, which the global limit does not bind.
/// </summary>
internal sealed record DiscordRoute(string Method, string Template, string Major, bool Global = true)
{
    public static DiscordRoute CreateMessage(string channelId) => new("POST", "/channels/{channel_id}/messages", channelId);

    public static DiscordRoute EditMessage(string channelId) => new("PATCH", "/channels/{channel_id}/messages/{message_id}", channelId);

    public static DiscordRoute DeleteMessage(string channelId) => new("DELETE", "/channels/{channel_id}/messages/{message_id}", channelId);

    public static DiscordRoute OpenDm { get; } = new("POST", "/users/@me/channels", "@me");

    public static DiscordRoute GatewayBot { get; } = new("GET", "/gateway/bot", "-");

    public static DiscordRoute Commands(string applicationId, string? guildId) =>
        guildId is null ? new("PUT", "/applications/{application_id}/commands", applicationId) : new("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", guildId);

    public static DiscordRoute Callback(string interactionId) => new("POST", "/interactions/{interaction_id}/{token}/callback", interactionId, Global: false);

    public static DiscordRoute Webhook(string method, string applicationId, string token) =>
        new(method, "/webhooks/{application_id}/{token}/…", applicationId + "/" + token, Global: false);

    /// <summary>The key of this route's limit before its bucket is known.</summary>
    public string Key => Method + " " + Template;
}

/// <summary>
/// Discord's limits, learned and kept before every request rather than discovered by 429s: per-route buckets from
/// the <c>X-RateLimit-*</c> headers (the bucket id shared by routes, times the top-level resource, so that two channels
/// are limited apart), the global limit of requests a second, and 429s (<c>retry_after</c>; a global one holds every
/// route). A route never answered yet lets one request through at a time until its bucket is known. It is the
/// platform's <see cref="ISendGate"/>: the dispatcher's sends, edits and deletes reserve here, as does every other call
/// of <see cref="DiscordRestClient"/>.
/// </summary>
internal sealed class DiscordRateLimits(TimeProvider time, int globalPerSecond = 50) : ISendGate
{
    /// <summary>How long a route that has one request in flight and no known bucket waits before looking again.</summary>
    private static readonly TimeSpan DiscoveryWait = TimeSpan.FromMilliseconds(25);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly List<Reservation> _globalWindow = [];
    private readonly Dictionary<string, string> _dmChannels = new(StringComparer.Ordinal);
    private DateTimeOffset _globalHeldUntil = DateTimeOffset.MinValue;

    /// <summary>
    /// Whether a request on <paramref name="route"/> may go now (the slot is then taken, and <paramref name="reservation"/>
    /// is to be handed back with its answer) or how long until it may.
    /// </summary>
    public TimeSpan TryReserve(DiscordRoute route, out Reservation? reservation)
    {
        reservation = null;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (route.Global && GlobalWait(now) is var globalWait && globalWait > TimeSpan.Zero)
            {
                return globalWait;
            }

            var bucket = BucketOf(route);

            if (!bucket.Known)
            {
                if (bucket.InFlight > 0)
                {
                    return DiscoveryWait;
                }
            }
            else
            {
                if (bucket.ResetAt <= now)
                {
                    bucket.Remaining = bucket.Limit;
                    bucket.ResetAt = now + bucket.Window;
                }

                if (bucket.Remaining <= 0)
                {
                    return bucket.ResetAt - now;
                }

                bucket.Remaining--;
            }

            bucket.InFlight++;
            reservation = new Reservation();
            if (route.Global)
            {
                _globalWindow.Add(reservation);
            }

            return TimeSpan.Zero;
        }
    }

    /// <summary>Waits until <paramref name="route"/> may be called and takes its slot; hand the reservation back with the answer.</summary>
    public async Task<Reservation> WaitAsync(DiscordRoute route, CancellationToken ct)
    {
        while (true)
        {
            var wait = TryReserve(route, out var reservation);
            if (reservation is not null)
            {
                return reservation;
            }

            await Task.Delay(wait, time, ct);
        }
    }

    /// <summary>
    /// The wait the global limit asks for now. A request counts from when it is reserved until a second after its answer
    /// arrived: Discord counts it when it arrives, somewhere in between, so a window kept this way is never over
    /// Discord's, however late a request reaches it.
    /// </summary>
    private TimeSpan GlobalWait(DateTimeOffset now)
    {
        if (_globalHeldUntil > now)
        {
            return _globalHeldUntil - now;
        }

        _globalWindow.RemoveAll(r => r.AnsweredAt is { } answered && now - answered >= TimeSpan.FromSeconds(1));
        if (_globalWindow.Count < globalPerSecond)
        {
            return TimeSpan.Zero;
        }

        var soonest = _globalWindow.Where(r => r.AnsweredAt is not null).Select(r => r.AnsweredAt!.Value).DefaultIfEmpty(now).Min();
        var wait = soonest + TimeSpan.FromSeconds(1) - now;
        return wait > DiscoveryWait ? wait : DiscoveryWait;
    }

    /// <summary>Learns the route's bucket from a response's headers and frees its in-flight slot.</summary>
    public void Learned(DiscordRoute route, Reservation reservation, HttpResponseHeaders headers)
    {
        var now = time.GetUtcNow();
        reservation.AnsweredAt = now;
        var bucketId = Header(headers, "X-RateLimit-Bucket");
        var limit = Number(headers, "X-RateLimit-Limit");
        var remaining = Number(headers, "X-RateLimit-Remaining");
        var resetAfter = Number(headers, "X-RateLimit-Reset-After");
        lock (_lock)
        {
            var oldKey = KeyOf(route);
            if (bucketId is not null)
            {
                _bucketOfRoute[route.Key] = bucketId;
            }

            Take(oldKey, KeyOf(route));
            var bucket = BucketOf(route);
            bucket.InFlight = Math.Max(0, bucket.InFlight - 1);
            if (limit is null || remaining is null || resetAfter is null)
            {
                return;
            }

            var serverReset = now + TimeSpan.FromSeconds(resetAfter.Value);
            if (!bucket.Known)
            {
                bucket.Known = true;
                bucket.Limit = (int)limit.Value;
                bucket.Remaining = (int)remaining.Value;
                bucket.ResetAt = serverReset;
                bucket.Window = TimeSpan.FromSeconds(Math.Max(resetAfter.Value, 0.05));
                return;
            }

            bucket.Limit = (int)limit.Value;
            if ((int)remaining.Value == bucket.Limit - 1)
            {
                // The first request of a window: the window's length.
                bucket.Window = TimeSpan.FromSeconds(Math.Max(resetAfter.Value, 0.05));
            }

            if (serverReset < bucket.ResetAt - TimeSpan.FromMilliseconds(250))
            {
                // An answer from a window already over here: it tells nothing about this one.
                return;
            }

            bucket.Remaining = Math.Min(bucket.Remaining, (int)remaining.Value);
            if (serverReset > bucket.ResetAt)
            {
                bucket.ResetAt = serverReset;
            }
        }
    }

    /// <summary>A request that got no answer (network failure): its slot is free again for discovery.</summary>
    public void Failed(DiscordRoute route, Reservation reservation)
    {
        lock (_lock)
        {
            reservation.AnsweredAt = time.GetUtcNow();
            var bucket = BucketOf(route);
            bucket.InFlight = Math.Max(0, bucket.InFlight - 1);
        }
    }

    /// <summary>A 429: the route's bucket (or, for a global one, every route) waits <paramref name="retryAfter"/>.</summary>
    public void Limited(DiscordRoute route, TimeSpan retryAfter, bool global)
    {
        var until = time.GetUtcNow() + retryAfter;
        lock (_lock)
        {
            if (global)
            {
                _globalHeldUntil = until > _globalHeldUntil ? until : _globalHeldUntil;
                return;
            }

            var bucket = BucketOf(route);
            bucket.Known = true;
            bucket.Limit = Math.Max(bucket.Limit, 1);
            bucket.Remaining = 0;
            bucket.ResetAt = until > bucket.ResetAt ? until : bucket.ResetAt;
            if (bucket.Window <= TimeSpan.Zero)
            {
                bucket.Window = retryAfter;
            }
        }
    }

    /// <summary>The DM channel of a user, once opened: alerts to a person go to it.</summary>
    public void RememberDm(string userId, string channelId)
    {
        lock (_lock)
        {
            _dmChannels[userId] = channelId;
        }
    }

    public string? DmChannelOf(string userId)
    {
        lock (_lock)
        {
            return _dmChannels.GetValueOrDefault(userId);
        }
    }

    TimeSpan ISendGate.TryReserve(ChatRef chat, PlatformCall call)
    {
        // A person's messages go to their DM channel; before it is opened only the global limit is known.
        var channel = chat.Kind == ChatKind.Private ? DmChannelOf(chat.ChatId) : chat.ChatId;
        DiscordRoute? route = call switch
        {
            PlatformCall.Send when channel is not null => DiscordRoute.CreateMessage(channel),
            PlatformCall.Edit when channel is not null => DiscordRoute.EditMessage(channel),
            PlatformCall.Delete when channel is not null => DiscordRoute.DeleteMessage(channel),
            _ => null,
        };
        return route is null ? TimeSpan.Zero : Peek(route);
    }

    void ISendGate.Hold(ChatRef? chat, DateTimeOffset until)
    {
        // The client has already held the bucket that answered 429 (or every route, for a global one) for its
        // retry_after; a hold for every call is kept as the port asks.
        if (chat is null)
        {
            lock (_lock)
            {
                _globalHeldUntil = until > _globalHeldUntil ? until : _globalHeldUntil;
            }
        }
    }

    /// <summary>
    /// The wait before a call on <paramref name="route"/> could go, without taking a slot: the client takes it when
    /// it sends, so the dispatcher's look ahead and the call itself count once.
    /// </summary>
    public TimeSpan Peek(DiscordRoute route)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (route.Global && GlobalWait(now) is var globalWait && globalWait > TimeSpan.Zero)
            {
                return globalWait;
            }

            var bucket = BucketOf(route);
            if (bucket.Known && bucket.ResetAt > now && bucket.Remaining <= 0)
            {
                return bucket.ResetAt - now;
            }

            return TimeSpan.Zero;
        }
    }

    private string KeyOf(DiscordRoute route) =>
        (_bucketOfRoute.TryGetValue(route.Key, out var bucket) ? bucket : route.Key) + "|" + route.Major;

    /// <summary>The key of a route's limit on one major parameter before the route's bucket was learned.</summary>
    private static string ProvisionalKeyOf(DiscordRoute route) => route.Key + "|" + route.Major;

    /// <summary>
    /// The state of the route's bucket on its major parameter. Once the route's bucket id is learned (from a call on any
    /// channel), what was kept under the provisional key for another channel — a 429's hold above all — moves with it.
    /// </summary>
    private Bucket BucketOf(DiscordRoute route) => Take(ProvisionalKeyOf(route), KeyOf(route));

    private Bucket Take(string oldKey, string key)
    {
        if (oldKey != key && _buckets.Remove(oldKey, out var moved))
        {
            if (!_buckets.TryGetValue(key, out var existing))
            {
                _buckets[key] = moved;
                return moved;
            }

            existing.InFlight += moved.InFlight;
            if (moved.Known && moved.Remaining <= 0 && moved.ResetAt > existing.ResetAt)
            {
                // The older state was holding the bucket (a 429's retry_after): the hold stays.
                existing.Known = true;
                existing.Limit = Math.Max(existing.Limit, 1);
                existing.Remaining = 0;
                existing.ResetAt = moved.ResetAt;
                if (existing.Window <= TimeSpan.Zero)
                {
                    existing.Window = moved.Window;
                }
            }

            return existing;
        }

        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new Bucket { Known = false };
            _buckets[key] = bucket;
        }

        return bucket;
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Number(HttpResponseHeaders headers, string name) =>
        Header(headers, name) is { } value && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>One request's slot: counted against the global limit until a second after <see cref="AnsweredAt"/>.</summary>
    internal sealed class Reservation
    {
        public DateTimeOffset? AnsweredAt { get; set; }
    }

    private sealed class Bucket
    {
        public bool Known { get; set; }
        public int Limit { get; set; }
        public int Remaining { get; set; }
        public DateTimeOffset ResetAt { get; set; }
        public TimeSpan Window { get; set; }
        public int InFlight { get; set; }
    }
}
