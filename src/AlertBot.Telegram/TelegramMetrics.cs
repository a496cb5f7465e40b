using System.Diagnostics.Metrics;
using AlertBot.Core.Diagnostics;

namespace AlertBot.Telegram;

/// <summary>The adapter's instruments, on the bot's meter (exported at <c>/metrics</c>).</summary>
public sealed class TelegramMetrics
{
    private readonly Counter<long> _updates;
    private readonly Histogram<double> _pollSeconds;
    private readonly Counter<long> _errors;

    public TelegramMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(AlertBotMetrics.MeterName);
        _updates = meter.CreateCounter<long>("alertbot.telegram.updates", "{update}", "Telegram updates received, by kind");
        _pollSeconds = meter.CreateHistogram<double>("alertbot.telegram.poll.duration", "s", "Time one getUpdates long poll took");
        _errors = meter.CreateCounter<long>("alertbot.telegram.errors", "{error}", "Polling, webhook and update-handling errors, by kind");
    }

    public void Received(string kind) => _updates.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Polled(TimeSpan took) => _pollSeconds.Record(took.TotalSeconds);

    public void Error(string kind) => _errors.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
