using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Live;
using Dashboard.Operators;

namespace Dashboard.Tests.Components;

[Trait("Database", "Postgres")]
public sealed class OperatorDetailsPageTests : DashboardComponentTest
{
    public OperatorDetailsPageTests() => Authorization.SetRoles(nameof(Dashboard.Auth.Role.Supervisor));

    private static OperatorState Alice => ((OperatorState)OperatorBuilder.An(7).Named("Alice Martin").InGroup("Support").WithChat(slots: 1, max: 3).WithCall(slots: 1, max: 1)) with
    {
        Pseudo = "Ali",
        Email = "alice.martin@example.com",
        ExternalId = "EMP-0007",
        Skills = "English, Premium",
        Websites = "shop.example.fr",
    };

    private IRenderedComponent<OperatorDetailsPage> Open(int id) => Render<OperatorDetailsPage>(p => p.Add(page => page.Id, id));

    [Fact]
    public void The_page_shows_who_the_operator_is_and_each_channel_from_the_snapshot()
    {
        Store.PublishSnapshot([Alice, OperatorBuilder.An(8)], Now);

        var page = Open(7);

        var details = page.Find("[data-testid=operator-details]");
        details.GetAttribute("data-operator-id").ShouldBe("7");
        details.TextContent.ShouldContain("Alice Martin");
        details.TextContent.ShouldContain("alice.martin@example.com");
        details.TextContent.ShouldContain("EMP-0007");
        details.TextContent.ShouldContain("Support");
        page.FindAll("[data-testid=operator-identity] .mud-chip").Select(c => c.TextContent.Trim()).ShouldBe(["English", "Premium", "shop.example.fr", "operator", "expert", "French", "English"]);
        page.Find("[data-testid=operator][data-operator-id='7'] [data-channel=chat]").GetAttribute("data-state").ShouldBe("available");
        page.Find("[data-testid=operator][data-operator-id='7'] [data-channel=chat]").GetAttribute("data-slots").ShouldBe("1/3");
        page.Find("[data-testid=operator][data-operator-id='7'] [data-channel=call]").GetAttribute("data-state").ShouldBe("busy");
        page.Find("[data-testid=operator][data-operator-id='7'] [data-channel=video]").GetAttribute("data-state").ShouldBe("disabled");
        Lookup.Calls.ShouldBe([7]);
    }

    [Fact]
    public void A_change_set_about_the_operator_updates_the_page_live_and_the_upstream_is_not_read_again()
    {
        Store.PublishSnapshot([Alice, OperatorBuilder.An(8)], Now);
        var page = Open(7);

        Store.PublishSnapshot([Alice with { Chat = ChannelState.From(true, true, false, true, 3, 3) }, OperatorBuilder.An(8)], Now.AddSeconds(3));

        page.WaitForAssertion(() =>
        {
            var chat = page.Find("[data-testid=operator][data-operator-id='7'] [data-channel=chat]");
            chat.GetAttribute("data-state").ShouldBe("busy");
            chat.GetAttribute("data-slots").ShouldBe("3/3");
            chat.GetAttribute("data-since").ShouldBe("2026-11-25T09:00:03.000Z");
            chat.ClassList.ShouldContain(c => c.StartsWith("flash-", StringComparison.Ordinal));
        });
        Lookup.Calls.ShouldBe([7]);
    }

    [Fact]
    public void An_unknown_id_says_so_and_links_back_to_the_dashboard()
    {
        Store.PublishSnapshot([Alice], Now);

        var page = Open(999);

        var message = page.Find("[data-testid=operator-unknown]");
        message.TextContent.ShouldContain("No operator with id 999");
        message.QuerySelector("a[href='/']").ShouldNotBeNull();
        page.FindAll("[data-testid=operator-details]").ShouldBeEmpty();
        // A made-up id costs nothing upstream.
        Lookup.Calls.ShouldBeEmpty();
    }

    [Fact]
    public void When_iAdvize_cannot_be_read_the_page_says_so_and_still_shows_what_the_snapshot_has()
    {
        Lookup.Answer = OperatorLookupResult.Failed("The iAdvize API failed (HTTP 500).");
        Store.PublishSnapshot([Alice], Now);

        var page = Open(7);

        page.Find("[data-testid=operator-details-problem]").TextContent.ShouldContain("The iAdvize API failed (HTTP 500).");
        page.Find("[data-testid=operator-details]").TextContent.ShouldContain("EMP-0007");
        page.FindAll("[data-testid=operator-roles]").ShouldBeEmpty();
        page.FindAll("[data-testid=channel]").Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_Manager_sees_the_operators_last_changes_with_a_link_to_the_audit_log()
    {
        Authorization.SetRoles(nameof(Dashboard.Auth.Role.Manager));
        for (var i = 0; i < OperatorDetailsPage.RecentChanges + 2; i++)
        {
            await Audit.Trail.RefusedAsync(Audit.Intent(operatorId: 7, actor: $"manager-{i}"), "Alice is offline.", Xunit.TestContext.Current.CancellationToken);
            Audit.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await Audit.Trail.RefusedAsync(Audit.Intent(operatorId: 8, name: "Operator 008"), "Someone else.", Xunit.TestContext.Current.CancellationToken);
        Store.PublishSnapshot([Alice, OperatorBuilder.An(8)], Now);

        var page = Open(7);

        page.WaitForAssertion(() => page.FindAll("[data-testid=operator-audit] [data-testid=audit-entry]").Count.ShouldBe(OperatorDetailsPage.RecentChanges));
        var entries = page.FindAll("[data-testid=operator-audit] [data-testid=audit-entry]");
        entries.ShouldAllBe(e => e.GetAttribute("data-operator-id") == "7");
        // Newest first.
        entries[0].TextContent.ShouldContain($"manager-{OperatorDetailsPage.RecentChanges + 1}");
        page.Find("[data-testid=operator-audit-link]").GetAttribute("href").ShouldBe("/audit?operator=7");
    }

    [Theory]
    [InlineData("Supervisor")]
    [InlineData("Viewer")]
    public async Task Someone_who_is_not_a_Manager_sees_no_audit_and_no_switches(string role)
    {
        Authorization.SetRoles(role);
        await Audit.Trail.RefusedAsync(Audit.Intent(operatorId: 7), "Alice is offline.", Xunit.TestContext.Current.CancellationToken);
        Store.PublishSnapshot([Alice], Now);

        var page = Open(7);

        page.Find("[data-testid=operator-details]");
        page.FindAll("[data-testid=operator-audit]").ShouldBeEmpty();
        page.FindAll("[data-testid=audit-entry]").ShouldBeEmpty();
        page.FindAll("[data-testid=toggle]").ShouldBeEmpty();
    }

    [Fact]
    public void An_operator_the_first_poll_brings_appears_on_a_page_opened_before_it()
    {
        var page = Open(7);
        page.Find("[data-testid=operator-waiting]");

        Store.PublishSnapshot([Alice], Now);

        page.WaitForAssertion(() => page.Find("[data-testid=operator-details]"));
        page.WaitForAssertion(() => page.Find("[data-testid=operator-roles]"));
        Lookup.Calls.ShouldBe([7]);
    }

    [Fact]
    public async Task The_page_unsubscribes_from_the_store_when_it_goes_away()
    {
        Store.PublishSnapshot([Alice], Now);
        Open(7);
        Store.ObserverCount.ShouldBeGreaterThan(0);

        await DisposeComponentsAsync();

        Store.ObserverCount.ShouldBe(0);
    }

}
