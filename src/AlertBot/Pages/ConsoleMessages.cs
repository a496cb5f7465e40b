using System.Text.RegularExpressions;

namespace AlertBot.Pages;

/// <summary>
/// The sentences the moderation service and the event page say to a moderator (notices and refusals), in the reader's
/// language. The service speaks English (the HTTP API's words, which outside programs read); the console shows the
/// Arabic for an Arabic reader, its ids, names and times isolated so that they read in their own order. A sentence not
/// in the table is shown as it came.
/// </summary>
public static partial class ConsoleMessages
{
    private static readonly (Regex English, string Arabic)[] Table =
    [
        (Whole("Saved."), "حُفظ."),
        (Whole("Confirmed."), "تم التأكيد."),
        (Whole("Rejected."), "رُفض."),
        (Whole("Retracted."), "سُحب."),
        (Whole("Released."), "أُلغي الحجز."),
        (Whole("Claimed: other moderators cannot act on it until you release it or the claim runs out."), "حُجز لك: لا يستطيع غيرك من المشرفين التصرف فيه حتى تلغي الحجز أو تنتهي مدته."),
        (Whole("Your confirmation is recorded; this type needs a second moderator to confirm."), "سُجّل تأكيدك؛ هذا النوع يحتاج إلى تأكيد مشرف ثانٍ."),
        (Whole("Merged into event {0}."), "دُمج في الحدث {0}."),
        (Whole("Event {0} merged into event {1}."), "دُمج الحدث {0} في الحدث {1}."),
        (Whole("Split off from event {0}."), "فُصل عن الحدث {0}."),
        (Whole("Event {0} is not linked to another event."), "الحدث {0} غير مرتبط بحدث آخر."),
        (Whole("An event cannot be merged into itself."), "لا يُدمج حدث في نفسه."),
        (Whole("Event {0} does not exist."), "الحدث {0} غير موجود."),
        (Whole("Choose some, but not all, of this event's own reports to split off."), "اختر بعض تقارير هذا الحدث، لا كلها، لفصلها عنه."),
        (Whole("The event was changed by someone else at the same moment; reload it and try again."), "عدّل شخص آخر الحدث في اللحظة نفسها؛ أعد تحميل الصفحة وحاول مجددًا."),
        (Whole("Give a reason (1 to {0} characters)."), "اكتب السبب (من 1 إلى {0} حرفًا)."),
        (Whole("You do not hold the claim on this event."), "لست صاحب الحجز على هذا الحدث."),
        (Whole("You have confirmed this event already; the two-moderator rule needs a different moderator."), "أكّدت هذا الحدث من قبل؛ قاعدة المشرفَين تتطلب مشرفًا آخر."),
        (Whole("Event {0} is claimed by {1} until {2} UTC."), "الحدث {0} محجوز لـ {1} حتى {2} بالتوقيت العالمي."),
        (Whole("Event {0} is confirmed already."), "الحدث {0} مؤكد من قبل."),
        (Whole("Event {0} was rejected and stays rejected."), "رُفض الحدث {0} ويبقى مرفوضًا."),
        (Whole("Event {0} was merged into event {1}."), "دُمج الحدث {0} في الحدث {1}."),
        (Whole("Event {0} was retracted."), "سُحب الحدث {0}."),
        (Whole("Event {0} is still pending."), "الحدث {0} ما زال بانتظار القرار."),
        (Whole("An event needs at least one type."), "يحتاج الحدث إلى نوع واحد على الأقل."),
        (Whole("An event needs at least one place."), "يحتاج الحدث إلى مكان واحد على الأقل."),
        (Whole("Unknown event type '{0}'."), "نوع حدث غير معروف: {0}."),
        (Whole("Unknown place '{0}'."), "مكان غير معروف: {0}."),
        (Whole("No place of the gazetteer is called “{0}”."), "لا يوجد في المعجم الجغرافي مكان اسمه «{0}»."),
        (Whole("Counts are written name=number, separated by commas; “{0}” is not."), "تُكتب الأعداد بالشكل name=number وتفصل بينها فواصل؛ «{0}» ليس كذلك."),
        (Whole("The count of {0} must be a whole number; “{1}” is not."), "يجب أن يكون عدد {0} عددًا صحيحًا؛ «{1}» ليس كذلك."),
    ];

    /// <summary><paramref name="english"/> in the reader's language: its Arabic with the same values when the reader chose Arabic and the table has it.</summary>
    public static string Localize(string english)
    {
        if (!ConsoleLocalizer.IsArabic)
        {
            return english;
        }

        foreach (var (pattern, arabic) in Table)
        {
            var match = pattern.Match(english);
            if (match.Success)
            {
                var values = match.Groups.Cast<Group>().Skip(1).Select(g => (object)ConsoleLocalizer.Isolate(g.Value, ltr: !Arabic().IsMatch(g.Value))).ToArray();
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, arabic, values);
            }
        }

        return english;
    }

    /// <summary>A pattern that matches the whole sentence, each {n} standing for any text.</summary>
    private static Regex Whole(string sentence)
    {
        var escaped = Regex.Escape(sentence);
        var pattern = Slot().Replace(escaped, "(.+?)");
        return new Regex("^" + pattern + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    [GeneratedRegex(@"\\\{\d\}")]
    private static partial Regex Slot();

    [GeneratedRegex(@"\p{IsArabic}")]
    private static partial Regex Arabic();
}
