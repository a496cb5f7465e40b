using Microsoft.Extensions.Options;

namespace AlertBot.Core.Events;

/// <summary>The <c>Clustering</c> section: how close in time two reports must be to describe one incident.</summary>
public sealed class ClusteringOptions
{
    public const string Section = "Clustering";

    /// <summary>
    /// A report about its own day joins an event only when it was published within this many hours of the event's
    /// reports, and never across local (Syrian) midnight unless one report speaks of the other's day.
    /// </summary>
    public int TimeWindowHours { get; set; } = 4;

    public TimeSpan TimeWindow => TimeSpan.FromHours(TimeWindowHours);
}

internal sealed class ClusteringOptionsValidator : IValidateOptions<ClusteringOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusteringOptions options) =>
        options.TimeWindowHours is < 1 or > 24
            ? ValidateOptionsResult.Fail($"Clustering:TimeWindowHours must be between 1 and 24, not {options.TimeWindowHours}")
            : ValidateOptionsResult.Success;
}
