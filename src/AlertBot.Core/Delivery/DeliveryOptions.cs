using Microsoft.Extensions.Options;

namespace AlertBot.Core.Delivery;

/// <summary>The <c>Delivery</c> section: how routing and the dispatcher run in this process.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Whether this process sends from the outbox (off for a console-only instance; routing still runs).</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>Outbox rows one claim takes: also the most that can be sent twice after a crash.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Sends in flight at once.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How long a claim holds a row; a crashed process's rows are taken over after it.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Attempts at a transient failure (5xx, network) before the row is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; it doubles with each attempt up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 2;

    public double RetryMaxSeconds { get; set; } = 300;

    /// <summary>How often the outbox and routing work are looked at when nothing in this process signalled new work.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>
    /// The longest a send waits for the platform's limits while holding a dispatch slot; a chat that must wait longer (a
    /// group at its 20 a minute) has its row put back until then, and the batch goes on with other chats.
    /// </summary>
    public int MaxSendWaitMilliseconds { get; set; } = 1500;
}

internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions o)
    {
        var errors = new List<string>();
        Check(o.BatchSize is >= 1 and <= 1000, "Delivery:BatchSize must be between 1 and 1000");
        Check(o.Concurrency is >= 1 and <= 256, "Delivery:Concurrency must be between 1 and 256");
        Check(o.LeaseSeconds is >= 5 and <= 3600, "Delivery:LeaseSeconds must be between 5 and 3600");
        Check(o.MaxAttempts is >= 1 and <= 100, "Delivery:MaxAttempts must be between 1 and 100");
        Check(o.RetryBaseSeconds is > 0 and <= 3600, "Delivery:RetryBaseSeconds must be more than 0 and at most 3600");
        Check(o.RetryMaxSeconds >= o.RetryBaseSeconds && o.RetryMaxSeconds <= 86400, "Delivery:RetryMaxSeconds must be at least Delivery:RetryBaseSeconds and at most 86400");
        Check(o.PollMilliseconds is >= 50 and <= 60000, "Delivery:PollMilliseconds must be between 50 and 60000");
        Check(o.MaxSendWaitMilliseconds is >= 0 and <= 600000, "Delivery:MaxSendWaitMilliseconds must be between 0 and 600000");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Check(bool ok, string error)
        {
            if (!ok)
            {
                errors.Add(error);
            }
        }
    }
}
