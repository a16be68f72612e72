using Bunit;
using Dashboard.Status;
using Dashboard.Tests.Localization;
using Dashboard.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using StatusPage = Dashboard.Components.Pages.Status;

namespace Dashboard.Tests.Components;

/// <summary>The operations page: which instance polls, the upstream's health and errors, the budget, webhooks, every instance.</summary>
public sealed class StatusPageTests : DashboardComponentTest
{
    public StatusPageTests()
        : base(services => services.AddSingleton<IInstanceReports, FakeReports>())
    {
    }

    private FakeReports Reports => (FakeReports)Services.GetRequiredService<IInstanceReports>();

    private static InstanceReport Instance(string name, bool polling, int requests = 0, WebhookCounts? webhooks = null, UpstreamReport? upstream = null) =>
        new($"id-{name}", name, "1.2.3+abc", Now.AddHours(-1), Now, polling, Circuits: 3, HubConnections: 2, requests, RequestsPerMinute: 240,
            webhooks ?? WebhookCounts.None, upstream ?? new UpstreamReport(Now, 0, false, false, []));

    [Fact]
    public void It_names_the_polling_instance_and_lists_every_instance_with_its_figures()
    {
        Reports.Answer = new InstanceReports(
        [
            Instance("dashboard-1", polling: false, requests: 2, webhooks: new WebhookCounts(5, 3, 1, 1)),
            Instance("dashboard-2", polling: true, requests: 40, webhooks: new WebhookCounts(2, 1, 1, 0),
                upstream: new UpstreamReport(Now, 2, false, true, [new UpstreamError(Now, "Reading the live state failed: timeout")])),
        ], null);

        var page = Render<StatusPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=status-instance]").Count.ShouldBe(2));
        page.Find("[data-testid=status-polling]").GetAttribute("data-instance").ShouldBe("dashboard-2");
        page.Find("[data-testid=status-polling]").TextContent.ShouldContain("dashboard-2 reads iAdvize; the other instances show what it reads.");
        var rows = page.FindAll("[data-testid=status-instance]");
        rows.Select(r => (r.GetAttribute("data-instance"), r.GetAttribute("data-polling"))).ShouldBe([("dashboard-1", "false"), ("dashboard-2", "true")]);
        rows[0].GetAttribute("data-circuits").ShouldBe("3");
        rows[0].GetAttribute("data-hub-connections").ShouldBe("2");
        rows[0].GetAttribute("data-version").ShouldBe("1.2.3+abc");
        page.Find("[data-testid=status-upstream]").GetAttribute("data-stale").ShouldBe("true");
        page.Find("[data-testid=status-upstream]").TextContent.ShouldContain("2 failed reads in a row.");
        page.Find("[data-testid=status-upstream-error]").TextContent.ShouldContain("Reading the live state failed: timeout");
        var budget = page.Find("[data-testid=status-budget]");
        (budget.GetAttribute("data-used"), budget.GetAttribute("data-limit")).ShouldBe(("42", "240"));
        var webhooks = page.Find("[data-testid=status-webhooks]");
        (webhooks.GetAttribute("data-received"), webhooks.GetAttribute("data-duplicates"), webhooks.GetAttribute("data-rejected")).ShouldBe(("7", "2", "1"));
    }

    [Fact]
    public void With_no_instance_polling_and_redis_away_it_says_so_in_french_too()
    {
        Reports.Answer = new InstanceReports([Instance("dashboard-1", polling: false)], "Redis does not answer: only this instance is listed.");
        using var french = TestTexts.InCulture("fr");

        var page = Render<StatusPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=status-polling]").TextContent.ShouldContain("Aucune instance ne lit iAdvize en ce moment."));
        page.Find("[data-testid=status-polling]").HasAttribute("data-instance").ShouldBeFalse();
        page.Find("[data-testid=status-problem]").TextContent.ShouldContain("Redis ne répond pas");
        page.Find("[data-testid=status-no-errors]").TextContent.ShouldContain("Aucune erreur");
    }

    [Fact]
    public async Task An_open_page_reads_the_figures_again_every_few_seconds()
    {
        Reports.Answer = new InstanceReports([Instance("dashboard-1", polling: true)], null);
        var page = Render<StatusPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=status-instance]").Count.ShouldBe(1));

        Reports.Answer = new InstanceReports([Instance("dashboard-1", polling: true), Instance("dashboard-2", polling: false)], null);
        await page.InvokeAsync(() => Clock.Advance(StatusPage.RefreshEvery));

        page.WaitForAssertion(() => page.FindAll("[data-testid=status-instance]").Count.ShouldBe(2));
    }

    private sealed class FakeReports : IInstanceReports
    {
        public InstanceReports Answer { get; set; } = new([], null);

        public Task<InstanceReports> ReadAllAsync(CancellationToken cancellationToken) => Task.FromResult(Answer);
    }
}
