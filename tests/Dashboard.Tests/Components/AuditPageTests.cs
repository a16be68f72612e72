using Bunit;
using Dashboard.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using AuditPage = Dashboard.Components.Pages.Audit;

namespace Dashboard.Tests.Components;

/// <summary>The audit log page: what each entry says, how filters are given and explained, what an empty log says.</summary>
[Trait("Database", "Postgres")]
public sealed class AuditPageTests : DashboardComponentTest
{
    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private async Task<long> BeginAsync(int operatorId, string channel = "chat", string actor = "marie")
    {
        var id = await Audit.Trail.BeginAsync(Audit.Intent(operatorId, $"Operator {operatorId}", actor, channel), Token);
        Audit.Clock.Advance(TimeSpan.FromMinutes(1));
        return id;
    }

    private Task CompleteAsync(long id, AuditOutcome outcome, string message) =>
        Audit.Trail.CompleteAsync(id, new AuditCompletion(outcome, message, "unavailable", 120, Audit.Clock.GetUtcNow()), Token);

    [Fact]
    public async Task Entries_are_listed_newest_first_with_their_outcome_in_words()
    {
        await CompleteAsync(await BeginAsync(1), AuditOutcome.Succeeded, "Operator 1 is now unavailable on chat.");
        await Audit.Trail.RefusedAsync(Audit.Intent(2, "Operator 2"), "Only a Manager may change availability.", Token);
        Audit.Clock.Advance(TimeSpan.FromMinutes(1));
        await CompleteAsync(await BeginAsync(3), AuditOutcome.Unknown, AuditTrail.StoppedMessage);
        await BeginAsync(4);

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=audit-entry]").Count.ShouldBe(4));
        var rows = page.FindAll("[data-testid=audit-entry]");
        rows.Select(r => r.GetAttribute("data-operator-id")).ShouldBe(["4", "3", "2", "1"]);
        rows.Select(r => r.GetAttribute("data-outcome")).ShouldBe(["Pending", "Unknown", "Refused", "Succeeded"]);
        rows[0].TextContent.ShouldContain("Pending");
        rows[1].TextContent.ShouldContain("Outcome unknown");
        rows[1].TextContent.ShouldContain(AuditTrail.StoppedMessage);
        rows[3].TextContent.ShouldContain("120 ms");
        page.Find("[data-testid=audit-count]").TextContent.ShouldBe("4 entries");
        page.FindAll("[data-testid=audit-empty]").ShouldBeEmpty();
    }

    [Fact]
    public void An_empty_log_says_that_nothing_has_been_asked_for_yet()
    {
        var page = Render<AuditPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=audit-empty]").TextContent.ShouldContain("No availability change has been asked for yet"));
        page.Find("[data-testid=audit-count]").TextContent.ShouldBe("0 entries");
    }

    [Fact]
    public async Task A_filter_matching_nothing_says_so_and_offers_every_entry()
    {
        await CompleteAsync(await BeginAsync(1), AuditOutcome.Succeeded, "done");
        Navigation.NavigateTo("/audit?outcome=Failed");

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=audit-empty]").TextContent.ShouldContain("No entry matches these filters"));
        page.Find("[data-testid=audit-empty] a").GetAttribute("href").ShouldBe("/audit");
    }

    [Fact]
    public async Task Values_in_the_address_it_cannot_read_are_named_and_the_rest_of_the_filter_applies()
    {
        await CompleteAsync(await BeginAsync(1, "chat"), AuditOutcome.Succeeded, "done");
        await CompleteAsync(await BeginAsync(2, "call"), AuditOutcome.Succeeded, "done");
        Navigation.NavigateTo("/audit?channel=call&from=yesterday&outcome=7&user=marie");

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=audit-entry]").Count.ShouldBe(1));
        page.Find("[data-testid=audit-entry]").GetAttribute("data-operator-id").ShouldBe("2");
        var problem = page.Find("[data-testid=audit-filter-problem]").TextContent;
        problem.ShouldContain("From time “yesterday” is not a date and time");
        problem.ShouldContain("Outcome “7” is unknown");
        problem.ShouldNotContain("Channel");
        page.Find("[data-testid=audit-export]").GetAttribute("href").ShouldBe("/audit/export.csv?user=marie&channel=call", "the export takes what the page shows");
    }

    [Fact]
    public async Task An_unknown_channel_is_named_and_left_out_rather_than_matching_nothing()
    {
        await CompleteAsync(await BeginAsync(1, "chat"), AuditOutcome.Succeeded, "done");
        Navigation.NavigateTo("/audit?channel=sms");

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=audit-entry]").Count.ShouldBe(1));
        page.Find("[data-testid=audit-filter-problem]").TextContent.ShouldContain("Channel “sms” is unknown");
        page.Find("[data-testid=audit-export]").GetAttribute("href").ShouldBe("/audit/export.csv");
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_is_pointed_out()
    {
        await CompleteAsync(await BeginAsync(1), AuditOutcome.Succeeded, "done");
        Navigation.NavigateTo("/audit?from=2026-11-25T10:00Z&to=2026-11-25T09:00Z");

        var page = Render<AuditPage>();

        // The warning is drawn before the entries are read: wait for what the read brings.
        page.WaitForAssertion(() => page.Find("[data-testid=audit-empty]").TextContent.ShouldContain("No entry matches these filters"));
        page.Find("[data-testid=audit-filter-problem]").TextContent.ShouldContain("ends before it starts");
        page.Find("[data-testid=audit-filter-problem]").TextContent.ShouldNotContain("left out", Case.Sensitive, "every value was understood");
    }

    [Fact]
    public void Apply_puts_the_filter_in_the_address_with_a_to_minute_counted_to_its_end()
    {
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=audit-count]"));

        page.Find("#audit-operator").Change("Alice");
        page.Find("#audit-user").Change("marie");
        page.Find("#audit-from").Change("2026-11-25T09:00");
        page.Find("#audit-to").Change("2026-11-25T09:15");
        page.Find("[data-testid=audit-apply]").Click();

        page.WaitForAssertion(() => Navigation.Uri.ShouldEndWith("/audit?operator=Alice&user=marie&from=2026-11-25T09%3A00%3A00Z&to=2026-11-25T09%3A15%3A59.9999999Z"));
    }

    [Fact]
    public async Task The_to_time_of_the_form_includes_entries_made_during_its_last_minute()
    {
        Audit.Clock.AdjustTime(new DateTimeOffset(2026, 11, 25, 9, 15, 40, TimeSpan.Zero));
        await CompleteAsync(await BeginAsync(1), AuditOutcome.Succeeded, "done");
        await CompleteAsync(await BeginAsync(2), AuditOutcome.Succeeded, "done"); // 09:16:40, after the range
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=audit-entry]").Count.ShouldBe(2));

        page.Find("#audit-to").Change("2026-11-25T09:15");
        page.Find("[data-testid=audit-apply]").Click();

        page.WaitForAssertion(() => page.FindAll("[data-testid=audit-entry]").Select(e => e.GetAttribute("data-operator-id")).ShouldBe(["1"]));
        page.Find("#audit-to").GetAttribute("value").ShouldBe("2026-11-25T09:15", "the form shows the minute it was given");
    }
}
