using System.Diagnostics.Metrics;

namespace AlertBot.Core.Diagnostics;

/// <summary>The bot's own instruments (meter <c>AlertBot</c>), exported at <c>/metrics</c>.</summary>
public sealed class AlertBotMetrics
{
    public const string MeterName = "AlertBot";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _rateLimited;
    private readonly Histogram<double> _sendSeconds;
    private readonly Counter<long> _calls;

    public AlertBotMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _sent = meter.CreateCounter<long>("alertbot.messages.sent", "{message}", "Messages handed to a platform and accepted");
        _failed = meter.CreateCounter<long>("alertbot.messages.failed", "{message}", "Messages a platform refused or that could not be sent");
        _rateLimited = meter.CreateCounter<long>("alertbot.messages.rate_limited", "{response}", "429 answers from a platform");
        _sendSeconds = meter.CreateHistogram<double>("alertbot.platform.send.duration", "s", "Time one platform call took");
        _calls = meter.CreateCounter<long>("alertbot.platform.calls", "{call}", "Outbound platform calls by kind (send, edit, delete, answer_button, rights_check) and outcome");
        Meter = meter;
    }

    public Meter Meter { get; }

    public void MessageSent(string platform, TimeSpan took)
    {
        var tag = new KeyValuePair<string, object?>("platform", platform);
        _sent.Add(1, tag);
        _sendSeconds.Record(took.TotalSeconds, tag);
    }

    public void MessageFailed(string platform, string reason) =>
        _failed.Add(1, new KeyValuePair<string, object?>("platform", platform), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>One outbound call through the platform's gate, with its outcome (<c>ok</c> or the failure).</summary>
    public void PlatformCalled(string platform, string call, string outcome) =>
        _calls.Add(
            1,
            new KeyValuePair<string, object?>("platform", platform),
            new KeyValuePair<string, object?>("call", call),
            new KeyValuePair<string, object?>("outcome", outcome));

    public void RateLimited(string platform) => _rateLimited.Add(1, new KeyValuePair<string, object?>("platform", platform));
}
