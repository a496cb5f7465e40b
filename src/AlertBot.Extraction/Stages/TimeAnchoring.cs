using AlertBot.Extraction.Text;

namespace AlertBot.Extraction.Stages;

/// <summary>
/// Time anchoring: which part of each sentence is the reported incident and which is background (an earlier date, a
/// tally, a trend, a recalled attack), and the incident's date against the publication date.
/// </summary>
internal sealed class TimeAnchoring(ReportReading reading) : Stage(reading)
{
    /// <summary>Sets each sentence's background start (<see cref="ReportReading.BackgroundFrom"/>) against the publication year.</summary>
    public void Run()
    {
        R.ReferenceYear = R.Report.PublishedAt?.Year ?? MaxYear();
        for (var s = 0; s < R.SentenceCount; s++)
        {
            var start = SentStart(s);
            if (start < 0) continue;
            R.BackgroundFrom[s] = BackgroundFrom(start, SentEnd(s));
        }

        // "4 سنوات على فك الحصار .. أهالي دير الزور يستذكرون", "Kataib Hezbollah threatens US forces": a report written to
        // commemorate or to threaten recalls or promises attacks; all of it is background.
        R.HeadlineFrame = HeadlineFrame();
        if (R.HeadlineFrame is not null)
        {
            for (var s = 0; s < R.SentenceCount; s++)
            {
                if (SentStart(s) >= 0) R.BackgroundFrom[s] = SentStart(s);
            }
        }
    }

    /// <summary>
    /// The headline (the title, or the first sentence without one) with a commemoration or a threat word and no attack,
    /// strike, drone, rocket or movement word: the reason (<see cref="IrrelevantReasons.Commemoration"/>,
    /// <see cref="IrrelevantReasons.Threat"/>); otherwise null.
    /// </summary>
    private string? HeadlineFrame()
    {
        if (R.SentenceCount == 0 || SentStart(0) < 0) return null;
        var titled = Tok[SentStart(0)].Part == TextPart.Title;
        string? frame = null;
        for (var s = 0; s < R.SentenceCount; s++)
        {
            var start = SentStart(s);
            if (start < 0) continue;
            if (titled ? Tok[start].Part != TextPart.Title : s > 0) break;
            for (var t = start; t < SentEnd(s); t++)
            {
                if (IsTriggerAt(t) || Has(t, Cue.AttackVerb) || Has(t, Cue.Bombard) || Has(t, Cue.StrikeNoun) || Has(t, Cue.DroneNoun)
                    || Has(t, Cue.RocketNoun) || Has(t, Cue.Move)) return null;
                if (Has(t, Cue.Commemoration)) frame ??= IrrelevantReasons.Commemoration;
                if (Has(t, Cue.Threat)) frame ??= IrrelevantReasons.Threat;
            }
        }

        return frame;
    }

    /// <summary>
    /// The first token of sentence [start, end) from which it speaks of the past or of a trend rather than of the
    /// incident: the whole sentence for history, trends, tallies over days or more and years before publication; from
    /// the cue for asides, "since" + a date and the pluperfect (the sentence's start when the cue opens it).
    /// </summary>
    private int BackgroundFrom(int start, int end)
    {
        var bgFrom = int.MaxValue;
        for (var t = start; t < end; t++)
        {
            if (Has(t, Cue.Background)) bgFrom = Math.Min(bgFrom, t - start <= 2 ? start : t);
            if (Has(t, Cue.History) || Has(t, Cue.Trend)) bgFrom = start;
            if (Has(t, Cue.During) && PeriodAfter(t)) bgFrom = start; // a tally over days or months
            if ((Has(t, Cue.Since) && DatedAfter(t)) || (Has(t, Cue.PastAux) && QadAfter(t))) bgFrom = Math.Min(bgFrom, t - start <= 2 ? start : t);
            if (Tok[t].Kind == TokenKind.Number && Tok[t].NumberValue is >= 1900 and <= 2100 && Tok[t].NumberValue < R.ReferenceYear - (IsFullDate(t) ? 1 : 0))
                bgFrom = start; // a year before publication: history (a full date may be late last year)
        }

        return bgFrom;
    }

    /// <summary>"منذ 17 تشرين الأول", "since 2019": a date or a year within three tokens after "since".</summary>
    private bool DatedAfter(int t)
    {
        var s = Tok[t].Sentence;
        for (var j = Ws.CueEnd[t] + 1; j < Math.Min(Buf.Count, Ws.CueEnd[t] + 4) && Tok[j].Sentence == s; j++)
        {
            if (Ws.Month[j] > 0 || NumberAt(j) is >= 1900 and <= 2100) return true;
        }

        return false;
    }

    /// <summary>"خلال 6 أيام", "over the past two weeks": a number and a period of days or more.</summary>
    private bool PeriodAfter(int t)
    {
        var j = Ws.CueEnd[t] + 1;
        if (j >= Buf.Count || NumberAt(j) < 0) return false;
        j = Ws.CueEnd[j] + 1;
        return j < Buf.Count && Tok[j].Sentence == Tok[t].Sentence && Has(j, Cue.PeriodUnit);
    }

    /// <summary>"وكانت قواعدها قد تعرضت": a past auxiliary with قد within three tokens is the pluperfect.</summary>
    private bool QadAfter(int t)
    {
        var s = Tok[t].Sentence;
        for (var j = Ws.CueEnd[t] + 1; j < Math.Min(Buf.Count, Ws.CueEnd[t] + 4) && Tok[j].Sentence == s; j++)
        {
            if (Has(j, Cue.Qad)) return true;
        }

        return false;
    }

    /// <summary>The year at <paramref name="t"/> ends a day-month-year date (8 أيلول 2023, 2-10-2023).</summary>
    private bool IsFullDate(int t)
    {
        for (var j = t - 1; j >= Math.Max(0, t - 3); j--)
        {
            if (Has(j, Cue.Month) && Ws.CueEnd[j] == t - 1) return true;
        }

        return t >= 2 && NumberAt(t - 1) is >= 1 and <= 12 && NumberAt(t - 2) is >= 1 and <= 31;
    }

    /// <summary>Without a publication date: the latest year the text names.</summary>
    private int MaxYear()
    {
        var max = 0;
        for (var i = 0; i < Buf.Count; i++)
        {
            var v = Tok[i].NumberValue;
            if (Tok[i].Kind == TokenKind.Number && v is >= 1900 and <= 2100 && v > max) max = (int)v;
        }

        return max == 0 ? int.MaxValue : max;
    }

    /// <summary>
    /// The event date: the first time cue of the first incident sentence that has one (اليوم/today, أمس/yesterday,
    /// أول أمس, a weekday, a day and month with or without a year), resolved against the publication date.
    /// </summary>
    public (DateOnly?, TextSpan[]) ResolveDate()
    {
        // A publication date in year 1 (a feed's placeholder) cannot anchor a relative date: days and years before it
        // do not exist.
        var pub = R.Report.PublishedAt is { Year: > 1 } p ? DateOnly.FromDateTime(p.Date) : (DateOnly?)null;
        for (var s = 0; s < R.SentenceCount; s++)
        {
            if (!R.Incident[s] || SentStart(s) < 0) continue;
            var start = SentStart(s);
            var end = SentEnd(s);
            for (var t = start; t < end; t++)
            {
                if (Has(t, Cue.DayBeforeYesterday) && pub is { } d2) return (d2.AddDays(-2), [Span(t, Ws.CueEnd[t])]);
                if (Has(t, Cue.Yesterday) && pub is { } d1) return (d1.AddDays(-1), [Span(t, Ws.CueEnd[t])]);
                // اليوم (today) needs its article: يوم الاثنين is "on Monday"
                if (Has(t, Cue.Today) && pub is { } d0 && !(Tok[t].Kind == TokenKind.Arabic && Ws.CueEnd[t] == t && !HasArticle(Buf.Key(t))))
                    return (d0, [Span(t, Ws.CueEnd[t])]);
                if (Ws.Month[t] > 0)
                {
                    var day = NumberAt(t - 1);
                    if (day is >= 1 and <= 31)
                    {
                        var year = NumberAt(Ws.CueEnd[t] + 1);
                        var y = year is >= 1990 and <= 2100 ? (int)year : pub?.Year ?? 0;
                        if (y > 0 && day <= DateTime.DaysInMonth(y, Ws.Month[t]))
                        {
                            var date = new DateOnly(y, Ws.Month[t], (int)day);
                            if (year < 0 && pub is { } pp && date > pp) date = date.AddYears(-1);
                            return (date, [Span(t - 1, year > 0 ? Ws.CueEnd[t] + 1 : Ws.CueEnd[t])]);
                        }
                    }
                }

                // Arabic weekdays carry the article (الاثنين); bare اثنين is the number two.
                if (Ws.Weekday[t] >= 0 && pub is { } dw && (Tok[t].Kind != TokenKind.Arabic || HasArticle(Buf.Key(t))))
                {
                    var day = (DayOfWeek)Ws.Weekday[t];
                    var back = ((int)dw.DayOfWeek - (int)day + 7) % 7;
                    return (dw.AddDays(-back), [Span(t, Ws.CueEnd[t])]);
                }
            }
        }

        return (null, []);
    }
}
