using Dashboard.Audit;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Tests.Audit;

public sealed class AuditFilterTests
{
    private static IReadOnlyList<string> Problems(string query) => AuditFilter.ProblemsIn(QueryHelpers.ParseQuery(query));

    [Fact]
    public void A_filter_the_page_itself_wrote_has_no_problem()
    {
        var filter = new AuditFilter("Alice", "marie", "offline", new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 25, 9, 15, 59, 999, TimeSpan.Zero), AuditOutcome.Unknown);

        Problems("?" + filter.ToQuery()).ShouldBeEmpty();
        AuditFilter.FromQuery(QueryHelpers.ParseQuery("?" + filter.ToQuery())).ShouldBe(filter);
    }

    [Fact]
    public void Each_value_it_cannot_use_is_named()
    {
        var problems = Problems("?from=2026-13-40&to=later&channel=sms&outcome=Maybe");

        problems.Count.ShouldBe(4);
        problems[0].ShouldContain("From time “2026-13-40”");
        problems[1].ShouldContain("To time “later”");
        problems[2].ShouldContain("Channel “sms” is unknown (use chat, call, video, offline)");
        problems[3].ShouldContain("Outcome “Maybe” is unknown");
    }

    [Fact]
    public void A_number_is_not_taken_for_an_outcome()
    {
        AuditFilter.FromQuery(QueryHelpers.ParseQuery("?outcome=2")).Outcome.ShouldBeNull();
        Problems("?outcome=2").ShouldHaveSingleItem().ShouldContain("Outcome “2” is unknown");
        AuditFilter.FromQuery(QueryHelpers.ParseQuery("?outcome=refused")).Outcome.ShouldBe(AuditOutcome.Refused);
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_a_filter_that_matches_nothing_not_a_value_left_out()
    {
        var query = QueryHelpers.ParseQuery("?from=2026-11-25T10:00Z&to=2026-11-25T09:00Z");

        Problems("?from=2026-11-25T10:00Z&to=2026-11-25T09:00Z").ShouldBeEmpty();
        AuditFilter.FromQuery(query).IsEmptyRange.ShouldBeTrue();
    }

    [Fact]
    public void An_unknown_channel_is_left_out_of_the_filter()
    {
        AuditFilter.FromQuery(QueryHelpers.ParseQuery("?channel=sms")).Channel.ShouldBeNull();
        AuditFilter.FromQuery(QueryHelpers.ParseQuery("?channel=Offline")).Channel.ShouldBe("offline");
    }
}
