namespace AlertBot.Extraction.Stages;

/// <summary>
/// The stages in their order, over one shared <see cref="ReportReading"/>: time anchoring (background against the
/// publication date), segmentation (foreground clauses), triggers (types and incident clauses), places (which may turn
/// a sentence into one that happened elsewhere), types collected from the sentences still incidents, actors,
/// relevance, counts and the event date. One per thread (in the <see cref="Workspace"/>), reused for every report.
/// </summary>
internal sealed class IncidentPipeline
{
    private readonly TimeAnchoring _time;
    private readonly Segmentation _segmentation;
    private readonly Triggers _triggers;
    private readonly PlaceResolution _places;
    private readonly ActorResolution _actors;
    private readonly Relevance _relevance;
    private readonly Counting _counts;

    public IncidentPipeline(Workspace workspace)
    {
        Reading = new ReportReading(workspace);
        _time = new TimeAnchoring(Reading);
        _segmentation = new Segmentation(Reading);
        _triggers = new Triggers(Reading);
        _places = new PlaceResolution(Reading);
        _actors = new ActorResolution(Reading);
        _relevance = new Relevance(Reading);
        _counts = new Counting(Reading);
    }

    /// <summary>What the stages read of the last report (tests look at one stage's part of it).</summary>
    public ReportReading Reading { get; }

    /// <summary>Runs the stages that read the report, up to and including actors; <see cref="Run"/> then decides and builds the result.</summary>
    public void Read(CompiledLexicon lexicon, ReportText report)
    {
        Reading.Reset(lexicon, report);
        _triggers.Reset();
        _places.Reset();
        _actors.Reset();
        _counts.Reset();
        _time.Run();
        _segmentation.Run();
        _triggers.Run();
        _places.Run();
        _triggers.CollectTypes();
        _actors.Run();
    }

    public Extraction Run(CompiledLexicon lexicon, ReportText report, string language)
    {
        Read(lexicon, report);
        var r = Reading;
        if (!_relevance.Decide(out var reason, out var inRegionPlaces))
        {
            return new Extraction(false, reason, language, [], [], [], [], null, [], r.RelevanceSpans.Select(x => x.Span).ToArray());
        }

        var types = _triggers.Types();
        var places = inRegionPlaces.Select(i => new PlaceHit(lexicon.Places[i], r.Places[i].ToArray())).ToArray();
        var actors = r.ActorOrder.Select(i => new ActorHit(lexicon.Actors[i], r.Actors[i].ToArray(), _actors.RoleOf(i))).ToArray();
        var counts = _counts.Build();
        var (date, dateSpans) = _time.ResolveDate();
        var why = r.RelevanceSpans.Where(x => r.Incident[x.Sentence]).Select(x => x.Span).ToArray();
        return new Extraction(true, null, language, types, places, actors, counts, date, dateSpans, why);
    }
}
