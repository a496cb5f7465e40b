using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using AlertBot.Core.Events;
using AlertBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AlertBot.Hosting;

/// <summary>The <c>Demo</c> section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Ingest the bundled demo reports into an empty database. Unset: on when no chat platform (Telegram, Discord) is configured.</summary>
    public bool? Enabled { get; set; }
}

/// <summary>One JSON line of an import file or of the demo reports (the extract input's fields, plus url and source).</summary>
public sealed record ReportLine(
    string? Id,
    string? Title,
    string? Text,
    string? Language,
    string? Date,
    string? Url,
    string? Source,
    string? Outlet,
    [property: JsonPropertyName("hoursAgo")] double? HoursAgo);

internal static class ReportsSetup
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section)).ValidateOnStart();
        services.AddHostedService<DemoReports>();
        return services;
    }

    /// <summary>True when the demo should run: explicitly enabled, or unset and no platform token configured.</summary>
    public static bool DemoEnabled(DemoOptions options, IConfiguration configuration) =>
        options.Enabled ?? (string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"]) && string.IsNullOrWhiteSpace(configuration["Discord:BotToken"]));

    public static readonly JsonSerializerOptions LineJson = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// Just after start, fills an empty database with the bundled demo reports so that the console shows a moderation
/// queue. It runs once the host has started, so the console is served at once; the queue fills a moment later.
/// </summary>
internal sealed partial class DemoReports(
    IServiceScopeFactory scopes,
    IOptions<DemoOptions> options,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DemoReports> logger) : BackgroundService
{
    public const string Submitter = "demo";

    /// <summary>
    /// The instant the demo's "hours ago" count from. Clustering never joins reports across local midnight, so the demo's
    /// twelve hours lie on one Syrian day: now from 13:00 on, else the previous evening (23:30).
    /// </summary>
    public static DateTimeOffset DemoClock(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, EventFields.LocalZone);
        return local.Hour >= 13 ? now : IncidentSpan.StartOf(DateOnly.FromDateTime(local.DateTime)).AddMinutes(-30);
    }

    protected override async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        if (!ReportsSetup.DemoEnabled(options.Value, configuration))
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AlertBotDb>();
        if (await db.Reports.AnyAsync(cancellationToken))
        {
            return;
        }

        var ingestor = scope.ServiceProvider.GetRequiredService<ReportIngestor>();
        var now = DemoClock(time.GetUtcNow());
        var events = new HashSet<long>();
        var count = 0;
        foreach (var line in Lines())
        {
            var result = await ingestor.IngestAsync(
                new ReportSubmission(line.Source, line.Url, line.Title, line.Text, line.Language, now.AddHours(-(line.HoursAgo ?? 1)), Submitter),
                cancellationToken);
            count++;
            if (result.EventId is { } id)
            {
                events.Add(id);
            }
        }

        LogDemo(logger, count, events.Count);
    }

    public static IReadOnlyList<ReportLine> Lines()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("AlertBot.Assets.demo-reports.jsonl")
            ?? throw new InvalidOperationException("demo reports are not embedded");
        using var reader = new StreamReader(stream);
        var lines = new List<ReportLine>();
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add(JsonSerializer.Deserialize<ReportLine>(line, ReportsSetup.LineJson)!);
            }
        }

        return lines;
    }

    [LoggerMessage(LogLevel.Information, "Demo mode: {Reports} demo reports ingested into the empty database, {Events} events wait in the moderation queue (set Demo:Enabled=false to skip)")]
    private static partial void LogDemo(ILogger logger, int reports, int events);
}
