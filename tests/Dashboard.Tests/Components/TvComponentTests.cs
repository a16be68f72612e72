using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Components.TvScreen;
using Dashboard.Live;
using Dashboard.Storage;
using Dashboard.Tv;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

public sealed class TvComponentTests : DashboardComponentTest
{
    private static readonly IReadOnlyList<ChannelKind> AllChannels = ChannelKinds.All;

    private static readonly TvTileWords EnglishWords = new("Offline", ["Chat", "Call", "Video"]);

    [Fact]
    public void A_tile_carries_the_rows_hooks_and_shows_slots_and_time_in_state_for_each_enabled_channel()
    {
        var op = OperatorBuilder.An(7).Named("Alice Martin").WithChat(slots: 1, max: 3).WithCall(enabled: false).WithVideo().Build();
        op = op with { Chat = op.Chat with { Since = Now.AddMinutes(-65) } };

        var tile = Render<TvTile>(p => p.Add(t => t.Words, EnglishWords).Add(t => t.Operator, op).Add(t => t.Channels, AllChannels).Add(t => t.Now, Now).Add(t => t.WatchingSince, Now.AddHours(-3)));

        var root = tile.Find("[data-testid=operator]");
        root.GetAttribute("data-operator-id").ShouldBe("7");
        root.ClassList.ShouldContain("state-available");
        var chat = tile.Find("[data-testid=channel][data-channel=chat]");
        chat.GetAttribute("data-state").ShouldBe("available");
        chat.GetAttribute("data-slots").ShouldBe("1/3");
        chat.HasAttribute("hidden").ShouldBeFalse();
        chat.TextContent.ShouldContain("1 h 05");
        chat.GetAttribute("aria-label").ShouldBe("Chat: Available, 1 of 3 slots used, 1 h 05");
        // A channel the operator does not have keeps its hook, out of sight.
        var call = tile.Find("[data-testid=channel][data-channel=call]");
        call.GetAttribute("data-state").ShouldBe("disabled");
        call.HasAttribute("hidden").ShouldBeTrue();
        // Video's start was never seen: at least as long as the dashboard has watched.
        tile.Find("[data-testid=channel][data-channel=video]").TextContent.ShouldContain("≥ 3 h 00");
    }

    [Fact]
    public void An_offline_operator_is_one_line_and_its_channels_stay_hooked()
    {
        var op = OperatorBuilder.An(3).Offline().WithChat().Build();

        var tile = Render<TvTile>(p => p.Add(t => t.Words, EnglishWords).Add(t => t.Operator, op).Add(t => t.Channels, AllChannels).Add(t => t.Now, Now));

        tile.Find("[data-testid=operator]").ClassList.ShouldContain("state-offline");
        tile.Find(".tv-line-offline").TextContent.ShouldContain("Offline");
        tile.FindAll("[data-testid=channel][data-state=offline][hidden]").Count.ShouldBe(3);
    }

    [Fact]
    public void The_band_shows_the_chosen_figures_with_their_levels_from_the_merged_thresholds()
    {
        var kpis = KpiSet.Compute([OperatorBuilder.An(1).WithChat(slots: 3, max: 4).Build()]);
        var thresholds = ThresholdSet.Parse(name => name == "occupancy-chat" ? "70,90" : null, []);

        var band = Render<TvBand>(p => p.Add(b => b.Kpis, kpis).Add(b => b.Channels, [ChannelKind.Chat])
            .Add(b => b.Figures, [Figure.FreeSlots, Figure.Occupancy]).Add(b => b.Thresholds, thresholds));

        band.FindAll("[data-testid=kpi]").Select(k => k.GetAttribute("data-kpi")).ShouldBe(["free-slots-chat", "occupancy-chat"]);
        var occupancy = band.Find("[data-kpi=occupancy-chat]");
        occupancy.TextContent.ShouldContain("75");
        occupancy.GetAttribute("data-level").ShouldBe("warn");
        occupancy.TextContent.ShouldContain("⚠");
        // No free-slots threshold in this set: no level to reach.
        band.Find("[data-kpi=free-slots-chat]").GetAttribute("data-level").ShouldBe("ok");
    }

    [Fact]
    public void Setup_composes_the_address_the_preview_shows_and_carries_it_to_a_new_link()
    {
        Authorization.SetRoles("Manager");
        var setup = Render<TvSetup>();

        setup.Find("#tv-sort").Change("Name");
        setup.Find("#tv-theme").Change("Light");
        setup.Find("#tv-rotate").Change("45");
        setup.Find("[data-figure=busy]").Change(true);
        setup.Find("[data-threshold=busy]").Change("4,8");

        var url = setup.Find("#tv-setup-url").GetAttribute("value");
        url.ShouldBe("/tv?sort=name&theme=light&rotate=45&figures=available,busy,free-slots,occupancy&busy=4,8");
        setup.Find("[data-testid=tv-preview]").GetAttribute("src").ShouldBe(url);
        setup.Find("[data-testid=make-tv-link]").GetAttribute("href").ShouldBe("/tv/links?settings=" + Uri.EscapeDataString(url!["/tv".Length..]));
        TvSettings.Parse(url["/tv".Length..]).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Setup_names_a_threshold_it_cannot_use_and_leaves_it_out()
    {
        Authorization.SetRoles("Manager");
        var setup = Render<TvSetup>();

        setup.Find("[data-threshold=occupancy]").Change("95,80");

        setup.Find("[data-testid=tv-setup-problems]").TextContent.ShouldContain("occupancy: red (80) must be at or above amber (95)");
        setup.Find("#tv-setup-url").GetAttribute("value").ShouldBe("/tv");
    }
}

/// <summary>The TV page with a TV link service whose database does not answer.</summary>
public sealed class TvLinkOutageTests() : DashboardComponentTest(services =>
{
    var broken = new BrokenDatabase();
    services.AddSingleton(new TvLinkService(broken,
        new Dashboard.Auth.AccountCheck(broken, Microsoft.Extensions.Options.Options.Create(new Dashboard.Auth.AuthOptions()), TimeProvider.System), TestAccounts.Policies, TimeProvider.System));
})
{
    [Fact]
    public void A_link_that_cannot_be_checked_says_so_and_is_not_called_revoked()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/tv?link=some-token");

        var tv = Render<Dashboard.Components.Pages.Tv>();

        tv.Find("[data-testid=tv-unchecked]").GetAttribute("data-interactive").ShouldBe("false");
        tv.FindAll("[data-testid=tv-revoked]").ShouldBeEmpty();
        tv.FindAll("[data-testid=operator]").ShouldBeEmpty();
    }

    // A database whose file cannot be opened: every query fails as a real outage would.
    private sealed class BrokenDatabase : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new SqliteDashboardDbContext(new DbContextOptionsBuilder<SqliteDashboardDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = "/nonexistent-folder/dashboard.db", Mode = SqliteOpenMode.ReadWrite }.ToString()).Options);
    }
}
