using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Iadvize.Simulator.Api;

/// <summary>
/// <c>GET /statistic</c>: indicators computed from the simulated activity, kept per hour for the last 48 hours.
/// Each row of <c>data</c> holds the requested indicators, plus <c>resource</c>/<c>resource_id</c> when grouped by a
/// resource and <c>date</c> when split by a granularity.
/// </summary>
internal static class StatisticEndpoints
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    // Every indicator of the documentation. Null means documented but not simulated: the row answers null for it.
    private static readonly Dictionary<string, Func<Sums, double, object>?> Indicators = new(StringComparer.Ordinal)
    {
        ["contact_number"] = (s, _) => s.Contacts.Number,
        ["contact_unanswered_number"] = (s, _) => s.Contacts.Number - s.Contacts.Answered,
        ["contact_answered_duration"] = (s, _) => Average(s.Contacts.AnsweredSeconds, s.Contacts.Answered),
        ["contact_duration"] = (s, _) => Average(s.Contacts.HandleSeconds, s.Contacts.Answered),
        ["contact_missed_number"] = (s, _) => s.Contacts.MissedBusy + s.Contacts.MissedNone,
        ["contact_missed_with_busy_operators_number"] = (s, _) => s.Contacts.MissedBusy,
        ["contact_missed_with_no_operators_number"] = (s, _) => s.Contacts.MissedNone,
        ["contact_waiting_number"] = (s, _) => s.Contacts.Queued,
        ["contact_waiting_answered_number"] = (s, _) => s.Contacts.QueueAnswered,
        ["contact_waiting_abort_number"] = (s, _) => s.Contacts.QueueAborted,
        ["contact_waiting_duration"] = (s, _) => Average(s.Contacts.QueueWaitSeconds, s.Contacts.QueueAnswered),
        ["contact_waiting_before_quit_duration"] = (s, _) => Average(s.Contacts.AbortWaitSeconds, s.Contacts.QueueAborted),
        ["contact_answered_after_first_message_duration"] = null,
        ["contact_closed_after_last_message_duration"] = null,
        ["contact_sent_message_number"] = null,
        ["contact_received_message_number"] = null,
        ["contact_simultaneous_number"] = null,
        ["contact_per_hour_average_number"] = null,
        ["contact_per_hour_number"] = null,
        ["rule_contact_rate"] = null,
        ["rule_display_number"] = null,
        ["targeting_rule_triggered"] = null,
        ["presence_duration"] = (s, tick) => Seconds(s.Presence.Presence, tick),
        ["production_duration"] = (s, tick) => Seconds(s.Presence.Production, tick),
        ["max_occupation_duration"] = (s, tick) => Seconds(s.Presence.MaxOccupied, tick),
        ["max_occupation_rate"] = (s, _) => Rate(s.Presence.MaxOccupied, s.Presence.Production),
        ["max_and_partial_occupation_duration"] = (s, tick) => Seconds(s.Presence.MaxOccupied + s.Presence.PartiallyOccupied, tick),
        ["max_and_partial_occupation_rate"] = (s, _) => Rate(s.Presence.MaxOccupied + s.Presence.PartiallyOccupied, s.Presence.Production),
        ["occupation_rate"] = (s, _) => Rate(s.Presence.PartiallyOccupied, s.Presence.Production),
        ["non_occupation_duration"] = (s, tick) => Seconds(s.Presence.NotOccupied, tick),
        ["non_occupation_rate"] = (s, _) => Rate(s.Presence.NotOccupied, s.Presence.Production),
        ["non_production_duration"] = (s, tick) => Seconds(s.Presence.NonProduction, tick),
        ["non_production_rate"] = (s, _) => Rate(s.Presence.NonProduction, s.Presence.Presence),
        ["presentation_duration"] = null,
        ["production_smoothed_duration"] = null,
        ["presence_smoothed_duration"] = null,
        ["conversion_rate"] = null,
        ["cart_after_contact_amount"] = null,
        ["cart_global_amount"] = null,
        ["transaction_after_contact_amount"] = null,
        ["transaction_after_contact_number"] = null,
        ["transaction_total_amount"] = null,
        ["transaction_total_number"] = null,
        ["transaction_after_contact_duration"] = null,
        ["transaction_after_conversation_amount_per_hour"] = null,
        ["transaction_missed_with_busy_operators_amount"] = null,
        ["transaction_missed_with_busy_operators_number"] = null,
        ["transaction_missed_with_no_operators_amount"] = null,
        ["transaction_missed_with_no_operators_number"] = null,
        ["transaction_amount_per_conversation"] = null,
    };

    private static readonly HashSet<string> Withdrawn = new(StringComparer.Ordinal)
    {
        "satisfaction_delay_rate", "satisfaction_global_rate", "satisfaction_resolution_rate",
        "satisfaction_respondent_number", "satisfaction_respondent_rate", "satisfaction_welcome_rate", "occupation_duration",
    };

    // Documented channels the simulator has no activity on: valid filters that match nothing.
    private static readonly HashSet<string> QuietChannels = new(StringComparer.Ordinal)
    {
        "facebook", "twitter", "facebookBusinessOnMessenger", "instagram", "sms", "whatsapp",
    };

    private static readonly HashSet<string> UngroupedResources = new(StringComparer.Ordinal)
    {
        "operator", "group", "rule", "contact_type", "page_type",
    };

    public static IResult Get(HttpRequest request, SimulatedPlatform platform)
    {
        if (!TryRead(request.Query, platform, out var query, out var failure))
        {
            return failure;
        }

        var tickSeconds = platform.TickSeconds;
        var groups = platform.ReadStatistics(book => book.Sum(
            query.FromHour, query.ToHour, query.Channels, query.Websites, query.Skill, query.BySkill, query.Period));
        if (groups.Count == 0 && query.Period is null)
        {
            // A period with no activity still answers its groups, with zeros.
            IEnumerable<int> skills = query.Skill is { } one ? [one] : query.BySkill ? Enumerable.Range(0, platform.SkillIds.Count) : [-1];
            foreach (var skill in skills)
            {
                groups[(0, skill)] = default;
            }
        }

        var rows = new List<Dictionary<string, object?>>(groups.Count);
        foreach (var ((period, skill), (contacts, presence)) in groups)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (query.BySkill)
            {
                row["resource"] = "skill";
                row["resource_id"] = platform.SkillIds[skill];
            }

            if (query.Granularity is { } granularity)
            {
                row["date"] = Label(period, granularity);
            }

            var sums = new Sums(contacts, presence);
            foreach (var indicator in query.Indicators)
            {
                row[indicator] = Indicators[indicator]?.Invoke(sums, tickSeconds);
            }

            rows.Add(row);
        }

        return Wire.Success(rows);
    }

    private static bool TryRead(IQueryCollection query, SimulatedPlatform platform, out StatisticQuery result, [NotNullWhen(false)] out IResult? failure)
    {
        result = default!;
        failure = null;

        if (!OperatorFilter.TryGetFilter(query, "indicators", out var indicatorText))
        {
            failure = Wire.Invalid("Missing filter 'indicators': e.g. filters[indicators]=contact_number,contact_missed_number.");
            return false;
        }

        var indicators = indicatorText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        foreach (var indicator in indicators)
        {
            if (Withdrawn.Contains(indicator))
            {
                failure = Wire.Invalid($"Indicator '{indicator}' is no longer available in the REST API.");
                return false;
            }

            if (!Indicators.ContainsKey(indicator))
            {
                failure = Wire.Invalid($"Unknown indicator '{indicator}'.");
                return false;
            }
        }

        var channels = (1 << Channels.Count) - 1;
        if (OperatorFilter.TryGetFilter(query, "channel", out var channelText))
        {
            if (Channels.TryParse(channelText, out var channel))
            {
                channels = 1 << (int)channel;
            }
            else if (QuietChannels.Contains(channelText))
            {
                channels = 0;
            }
            else
            {
                failure = Wire.Invalid($"Invalid value '{channelText}' for filter 'channel'.");
                return false;
            }
        }

        var websites = (1 << platform.WebsiteIds.Count) - 1;
        foreach (var name in new[] { "website_list", "website_id" })
        {
            if (!OperatorFilter.TryGetFilter(query, name, out var text))
            {
                continue;
            }

            var mask = 0;
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var index = TryParseId(part, out var id) ? IndexOf(platform.WebsiteIds, id) : -1;
                if (index < 0)
                {
                    failure = Wire.Unknown("website", part);
                    return false;
                }

                mask |= 1 << index;
            }

            websites &= mask;
        }

        var bySkill = false;
        int? skill = null;
        var hasResource = OperatorFilter.TryGetFilter(query, "resource", out var resource);
        if (hasResource && resource != "skill")
        {
            failure = Wire.Invalid(UngroupedResources.Contains(resource)
                ? $"The simulator groups statistics by skill only, not by '{resource}'."
                : $"Invalid value '{resource}' for filter 'resource'.");
            return false;
        }

        bySkill = hasResource;
        if (OperatorFilter.TryGetFilter(query, "resource_id", out var resourceText))
        {
            if (!hasResource)
            {
                failure = Wire.Invalid("Filter 'resource_id' needs filter 'resource'.");
                return false;
            }

            var index = TryParseId(resourceText, out var id) ? IndexOf(platform.SkillIds, id) : -1;
            if (index < 0)
            {
                failure = Wire.Unknown("skill", resourceText);
                return false;
            }

            skill = index;
        }

        string? granularity = null;
        if (OperatorFilter.TryGetFilter(query, "granularity", out var granularityText))
        {
            if (granularityText is not ("hour" or "day" or "month"))
            {
                failure = Wire.Invalid($"Invalid value '{granularityText}' for filter 'granularity': expected hour, day or month.");
                return false;
            }

            if (indicators.Count != 1)
            {
                failure = Wire.Invalid("Filter 'granularity' is only available when 1 indicator is requested.");
                return false;
            }

            granularity = granularityText;
        }

        var now = platform.Now;
        var fromHour = new DateTimeOffset(now.Date, TimeSpan.Zero).UtcTicks / TimeSpan.TicksPerHour;
        var toHour = (now.UtcTicks / TimeSpan.TicksPerHour) + 1;
        if (OperatorFilter.TryGetFilter(query, "from", out var fromText))
        {
            if (!TryParseDate(fromText, out var from, out _))
            {
                failure = Wire.Invalid($"Invalid value '{fromText}' for filter 'from': expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.");
                return false;
            }

            fromHour = from.Ticks / TimeSpan.TicksPerHour;
        }

        if (OperatorFilter.TryGetFilter(query, "to", out var toText))
        {
            if (!TryParseDate(toText, out var to, out var dateOnly))
            {
                failure = Wire.Invalid($"Invalid value '{toText}' for filter 'to': expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.");
                return false;
            }

            // A day as the end means the whole of that day; a time means up to that time, its hour included.
            var end = dateOnly ? to.AddDays(1) : to;
            toHour = (end.Ticks + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour;
        }

        Func<long, long>? period = granularity switch
        {
            "hour" => hour => hour,
            "day" => hour => hour / 24,
            "month" => hour => new DateTime(hour * TimeSpan.TicksPerHour, DateTimeKind.Utc) is var d ? (d.Year * 12L) + d.Month - 1 : 0,
            _ => null,
        };

        result = new StatisticQuery(indicators, channels, websites, skill, bySkill, fromHour, toHour, granularity, period);
        return true;
    }

    private static string Label(long period, string granularity) => granularity switch
    {
        "hour" => new DateTime(period * TimeSpan.TicksPerHour, DateTimeKind.Utc).ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        "day" => new DateTime(period * TimeSpan.TicksPerDay, DateTimeKind.Utc).ToString(DateFormat, CultureInfo.InvariantCulture),
        _ => new DateTime((int)(period / 12), (int)(period % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    private static bool TryParseDate(string text, out DateTime value, out bool dateOnly)
    {
        dateOnly = text.Length == DateFormat.Length;
        return DateTime.TryParseExact(
            text, dateOnly ? DateFormat : DateTimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
    }

    private static bool TryParseId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private static int IndexOf(IReadOnlyList<int> ids, int id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static double Average(double total, long count) => count == 0 ? 0 : Math.Round(total / count, 1);

    private static double Seconds(long ticks, double tickSeconds) => Math.Round(ticks * tickSeconds, 1);

    private static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round(part / (double)whole, 4);

    private readonly record struct Sums(ContactCounters Contacts, PresenceCounters Presence);

    private sealed record StatisticQuery(
        IReadOnlyList<string> Indicators,
        int Channels,
        int Websites,
        int? Skill,
        bool BySkill,
        long FromHour,
        long ToHour,
        string? Granularity,
        Func<long, long>? Period);
}
