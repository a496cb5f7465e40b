using System.Globalization;
using AlertBot.Core.Storage;
using AlertBot.Extraction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Events;

/// <summary>A report as a source hands it in (API, import, feeds, demo).</summary>
public sealed record ReportSubmission(
    string? Source,
    string? Url,
    string? Title,
    string? Text,
    string? Language,
    DateTimeOffset? PublishedAt,
    string SubmittedBy,
    int? Tier = null);

/// <summary>What became of a submission. <see cref="Duplicate"/> reports point at the report stored earlier.</summary>
public sealed record IngestResult(long ReportId, long? EventId, bool Duplicate, bool Relevant, string? IrrelevantReason);

/// <summary>A submission that cannot be stored, with the reason in words.</summary>
public class ReportRejectedException(string message) : Exception(message);

/// <summary>A report longer than <see cref="ReportIngestor.MaxReportLength"/>, title and text together.</summary>
public sealed class ReportTooLongException(long length, int limit)
    : ReportRejectedException(string.Create(CultureInfo.InvariantCulture,
        $"report is too long: {length} characters, title and text together; the limit is {limit} characters"))
{
    public long Length { get; } = length;

    public int Limit { get; } = limit;
}

/// <summary>Serialises clustering in this process, so two reports of one incident arriving together do not open two events.</summary>
public sealed class ClusteringGate
{
    internal SemaphoreSlim Semaphore { get; } = new(1, 1);
}

/// <summary>Ingest → extract → cluster: stores a report once, reads it, and attaches it to its event (new or existing).</summary>
public sealed partial class ReportIngestor(
    AlertBotDb db,
    ReportExtractor extractor,
    EventClustering clustering,
    ReportPlacement placement,
    ClusteringGate gate,
    IOptions<ModerationOptions> moderation,
    IOptions<ClusteringOptions> clusteringOptions,
    ModerationService moderationService,
    PipelineMetrics metrics,
    TimeProvider time,
    ILogger<ReportIngestor> logger)
{
    public const int MaxSourceLength = 200;
    public const int MaxTitleLength = 2000;

    /// <summary>The extractor's limit: a report that passes the door is read whole.</summary>
    public const int MaxReportLength = ExtractorOptions.MaxReportLength;

    public async Task<IngestResult> IngestAsync(ReportSubmission submission, CancellationToken ct)
    {
        var (source, url, language) = Validate(submission);
        var urlKey = ReportFingerprint.UrlKey(url);
        var hash = ReportFingerprint.ContentHash(submission.Text!);
        if (await FindDuplicateAsync(urlKey, hash, ct) is { } existing)
        {
            metrics.ReportReceived(duplicate: true);
            return existing;
        }

        var now = time.GetUtcNow();
        var extraction = extractor.Extract(new ReportText(submission.Title, submission.Text!, language, submission.PublishedAt));
        var report = new Report
        {
            Source = source,
            Url = url,
            UrlKey = urlKey,
            ContentHash = hash,
            Title = submission.Title,
            Text = submission.Text!,
            Language = extraction.Language,
            // PostgreSQL stores instants in UTC only; the offset a source wrote adds nothing once the instant is kept.
            PublishedAt = submission.PublishedAt?.ToUniversalTime(),
            ReceivedAt = now.ToUniversalTime(),
            SubmittedBy = submission.SubmittedBy,
            Tier = submission.Tier ?? (moderation.Value.OutletTiers.TryGetValue(source, out var tier) ? tier : null),
            Relevant = extraction.Relevant,
            IrrelevantReason = extraction.Relevant ? null : Truncate(extraction.IrrelevantReason ?? IrrelevantReasons.NotAboutTheArea, 500),
            EventTypes = [.. extraction.EventTypeIds],
            PlaceIds = [.. extraction.PlaceIds],
            ActorIds = [.. extraction.ActorIds],
            ActorRoles = new Dictionary<string, string>(extraction.ActorRoles),
            Counts = extraction.Counts.GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Max(c => c.Value)),
            EventDate = extraction.EventDate,
            Highlights = Highlights(extraction),
        };

        // A relevant report without a type or a place cannot be clustered or alerted: it is kept as not relevant, with why.
        if (report.Relevant && (report.EventTypes.Count == 0 || report.PlaceIds.Count == 0))
        {
            report.Relevant = false;
            report.IrrelevantReason = report.EventTypes.Count == 0 ? IrrelevantReasons.NoEventType : IrrelevantReasons.NoPlace;
        }

        if (!report.Relevant)
        {
            return await StoreAsync(report, urlKey, hash, ct);
        }

        await gate.Semaphore.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await ClusterAndStoreAsync(report, urlKey, hash, ct);
                }
                catch (DbUpdateConcurrencyException) when (attempt < 3)
                {
                    // A moderator or another instance changed the chosen event meanwhile: read again and choose again.
                    db.ChangeTracker.Clear();
                    report.Id = 0;
                    report.EventId = null;
                    report.Event = null;
                }
            }
        }
        finally
        {
            gate.Semaphore.Release();
        }
    }

    private static (string Source, string? Url, string? Language) Validate(ReportSubmission s)
    {
        var source = s.Source?.Trim();
        if (string.IsNullOrEmpty(source))
        {
            throw new ReportRejectedException("source is required: the outlet or feed the report comes from");
        }

        if (source.Length > MaxSourceLength)
        {
            throw new ReportRejectedException($"source is longer than {MaxSourceLength} characters");
        }

        if (string.IsNullOrWhiteSpace(s.Text))
        {
            throw new ReportRejectedException("text is required");
        }

        var length = (long)s.Text.Length + (s.Title?.Length ?? 0);
        if (length > MaxReportLength)
        {
            throw new ReportTooLongException(length, MaxReportLength);
        }

        if (s.Title is { Length: > MaxTitleLength })
        {
            throw new ReportRejectedException($"title is longer than {MaxTitleLength} characters");
        }

        var url = string.IsNullOrWhiteSpace(s.Url) ? null : s.Url.Trim();
        if (url is not null && (url.Length > 2048 || ReportFingerprint.UrlKey(url) is null))
        {
            throw new ReportRejectedException("url must be an absolute http or https address of at most 2048 characters");
        }

        var language = string.IsNullOrWhiteSpace(s.Language) ? null : s.Language.Trim().ToLowerInvariant();
        if (language is not (null or "ar" or "en"))
        {
            throw new ReportRejectedException("language must be ar or en (or absent, to detect it)");
        }

        return (source, url, language);
    }

    private async Task<IngestResult?> FindDuplicateAsync(string? urlKey, string hash, CancellationToken ct)
    {
        var found = await db.Reports.AsNoTracking()
            .Where(r => (urlKey != null && r.UrlKey == urlKey) || r.ContentHash == hash)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.EventId, r.Relevant, r.IrrelevantReason })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : new IngestResult(found.Id, found.EventId, true, found.Relevant, found.IrrelevantReason);
    }

    private async Task<IngestResult> StoreAsync(Report report, string? urlKey, string hash, CancellationToken ct)
    {
        db.Reports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // Another request stored the same report a moment earlier (unique URL or content): answer with that one.
            db.ChangeTracker.Clear();
            if (await FindDuplicateAsync(urlKey, hash, ct) is { } existing)
            {
                metrics.ReportReceived(duplicate: true);
                return existing;
            }

            throw;
        }

        metrics.ReportReceived(duplicate: false);
        if (report.Relevant)
        {
            metrics.ReportRelevant();
        }

        LogStored(logger, report.Id, report.Source, report.Relevant, report.EventId);
        return new IngestResult(report.Id, report.EventId, false, report.Relevant, report.IrrelevantReason);
    }

    private async Task<IngestResult> ClusterAndStoreAsync(Report report, string? urlKey, string hash, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var window = clusteringOptions.Value.TimeWindow;
        var reportedAt = EventFields.ReportedAt(report);
        var date = EventFields.IncidentDate(report);
        var features = new IncidentFeatures(
            report.EventTypes, report.PlaceIds, report.ActorIds, date, [(report.Language, report.Text)], EventFields.Span(report, window));

        var from = date.AddDays(-1);
        var to = date.AddDays(1);
        var rows = await db.Events.AsNoTracking()
            .Where(e => e.Status != EventStatus.Merged && e.EventDate >= from && e.EventDate <= to)
            .OrderByDescending(e => e.LastReportAt)
            .Take(200)
            .Select(e => new
            {
                e.Id,
                e.Status,
                e.EventTypes,
                e.PlaceIds,
                e.ActorIds,
                e.Counts,
                e.EventDate,
                Reports = e.Reports.Select(r => new { r.Language, Text = r.Text.Substring(0, EventClustering.TextPrefix), r.PublishedAt, r.ReceivedAt, r.EventDate }).ToList(),
            })
            .ToListAsync(ct);
        var candidates = rows.Select(c => new PlacementCandidate(
                c.Id,
                c.Status,
                new IncidentFeatures(
                    c.EventTypes, c.PlaceIds, c.ActorIds, c.EventDate, c.Reports.Select(t => (t.Language, t.Text)).ToList(),
                    c.Reports.Select(r => IncidentSpan.Of(EventFields.ReportedAt(r.PublishedAt, r.ReceivedAt), r.EventDate, window))
                        .Aggregate((IncidentSpan?)null, (hull, span) => hull is { } h ? h.Hull(span) : span)),
                c.Counts))
            .ToList();
        var placed = placement.Place(report, features, candidates);

        Event incident;
        string? before = null;
        if (placed.JoinEventId is not { } joinId)
        {
            incident = new Event
            {
                Status = EventStatus.Pending,
                EventTypes = [.. report.EventTypes],
                PlaceIds = [.. report.PlaceIds],
                ActorIds = [.. report.ActorIds],
                ActorRoles = new Dictionary<string, string>(report.ActorRoles),
                Counts = new Dictionary<string, int>(report.Counts),
                CreatedAt = now,
                UpdatedAt = now,
                LinkedEventId = placed.LinkedEventId,
                LinkReason = placed.LinkedEventId is null ? null : Truncate(placed.Detail, 500),
            };
            EventFields.Recount(incident, [report]);
            db.Events.Add(incident);
            report.Event = incident;
        }
        else
        {
            incident = await db.Events.SingleAsync(e => e.Id == joinId, ct);
            before = EventSnapshot.Of(incident).ToJson();
            var reports = await db.Reports.Where(r => r.EventId == incident.Id).ToListAsync(ct);
            if (incident.Status == EventStatus.Pending)
            {
                // Only a pending event takes in new details; a decided one keeps what the moderators decided.
                EventFields.AddDetails(incident, report, clustering);
            }

            EventFields.Recount(incident, [.. reports, report]);
            incident.UpdatedAt = now;
            incident.Version++;
            report.EventId = incident.Id;
        }

        // The report, its event and the audit entry of the placement commit together.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.Reports.Add(report);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
            {
                // Another request stored the same report a moment earlier (unique URL or content): answer with that one.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                if (await FindDuplicateAsync(urlKey, hash, ct) is { } existing)
                {
                    metrics.ReportReceived(duplicate: true);
                    return existing;
                }

                throw;
            }

            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                Actor = ModerationService.ClusteringIdentity,
                Action = ModerationActions.Place,
                EventId = incident.Id,
                Rule = placed.Rule,
                Detail = Truncate(string.Create(CultureInfo.InvariantCulture, $"report {report.Id} ({report.Source}): {placed.Detail}"), 2000),
                Before = before,
                After = EventSnapshot.Of(incident).ToJson(),
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        metrics.ReportReceived(duplicate: false);
        metrics.ReportRelevant();
        LogPlaced(logger, report.Id, report.Source, incident.Id, placed.Rule);
        if (incident.Status == EventStatus.Pending)
        {
            metrics.ReachedPendingEvent(now - reportedAt);
            await moderationService.AutoConfirmAsync(incident.Id, ct);
        }

        return new IngestResult(report.Id, incident.Id, false, true, null);
    }

    private static List<Highlight> Highlights(Extraction.Extraction x)
    {
        var list = new List<Highlight>();
        void Add(IEnumerable<TextSpan> spans, string kind, string label) =>
            list.AddRange(spans.Select(s => new Highlight(s.Part == TextPart.Title ? "title" : "body", s.Start, s.Length, kind, label)));
        foreach (var t in x.EventTypes)
        {
            Add(t.Spans, "type", t.Type.Id);
        }

        foreach (var p in x.Places)
        {
            Add(p.Spans, "place", p.Place.Id);
        }

        foreach (var a in x.Actors)
        {
            Add(a.Spans, "actor", a.Actor.Id);
        }

        foreach (var c in x.Counts)
        {
            Add(c.Spans, "count", string.Create(CultureInfo.InvariantCulture, $"{c.Key}={c.Value}"));
        }

        Add(x.EventDateSpans, "date", x.EventDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "date");
        return list;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [LoggerMessage(LogLevel.Information, "Report {ReportId} from {Source} placed in event {EventId} by rule {Rule}")]
    private static partial void LogPlaced(ILogger logger, long reportId, string source, long eventId, string rule);

    [LoggerMessage(LogLevel.Information, "Report {ReportId} from {Source} stored (relevant: {Relevant}, event: {EventId})")]
    private static partial void LogStored(ILogger logger, long reportId, string source, bool relevant, long? eventId);
}
