using Bunit;
using Dashboard.Components.Widgets;
using Dashboard.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>What a channel cell says (RowMarkup.Cells, the same on the dashboard and on the details page).</summary>
public sealed class ChannelCellTests : DashboardComponentTest
{
    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Cells(OperatorState op, RowOptions options = RowOptions.None)
    {
        var html = Services.GetRequiredService<RowMarkup>().Cells(op, options, null, new HashSet<PendingControl>()).Value;
        return Render(builder => builder.AddMarkupContent(0, $"<table><tbody><tr>{html}</tr></tbody></table>"));
    }

    [Fact]
    public void A_known_start_shows_how_long_the_state_has_lasted_with_the_exact_time_in_its_title()
    {
        var since = Now.AddMinutes(-18).AddSeconds(-7);
        OperatorState op = OperatorBuilder.An(1);
        op = op with { Chat = op.Chat with { Since = since } };

        var cell = Cells(op);

        var element = cell.Find("[data-testid=channel][data-channel=chat]");
        element.GetAttribute("data-since").ShouldBe("2026-11-25T08:41:53.000Z");
        var label = cell.Find("[data-channel=chat] .since");
        label.TextContent.ShouldBe("18 min");
        label.GetAttribute("title")!.ShouldContain("2026-11-25 08:41:53 UTC");
    }

    [Fact]
    public void A_long_state_reads_in_hours_and_days()
    {
        OperatorState op = OperatorBuilder.An(1).WithVideo(available: false);
        op = op with { Chat = op.Chat with { Since = Now.AddDays(-2).AddHours(-3) }, Video = op.Video with { Since = Now.AddMinutes(-65) } };

        var cell = Cells(op);

        cell.Find("[data-channel=chat] .since").TextContent.ShouldBe("2 d 03 h");
        cell.Find("[data-channel=video] .since").TextContent.ShouldBe("1 h 05");
    }

    [Fact]
    public void A_start_before_the_dashboard_watched_reads_as_at_least_the_time_watched_never_as_unknown()
    {
        Store.PublishSnapshot([OperatorBuilder.An(2)], Now.AddMinutes(-12));

        var cell = Cells(OperatorBuilder.An(1));

        cell.Find("[data-testid=channel][data-channel=chat]").GetAttribute("data-since").ShouldBe("");
        var label = cell.Find("[data-channel=chat] .since");
        label.TextContent.ShouldBe("≥ 12 min");
        label.HasAttribute("data-at-least").ShouldBeTrue();
        label.GetAttribute("data-from").ShouldBe("2026-11-25T08:48:00.000Z", "the browser counts from when the dashboard started watching");
        label.GetAttribute("title")!.ShouldContain("before the dashboard started watching");
        cell.Markup.ShouldNotContain("since ?");
    }

    [Fact]
    public void A_row_stays_the_same_as_minutes_pass_and_tells_the_browser_where_its_durations_start()
    {
        var rows = Services.GetRequiredService<RowMarkup>();
        Store.PublishSnapshot([OperatorBuilder.An(1)], Now);
        Store.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false)], Now);
        var op = Store.Current.Find(1)!;

        var first = rows.Row(op, RowOptions.None, null, new HashSet<PendingControl>()).Value;
        Clock.Advance(TimeSpan.FromMinutes(3));
        var later = rows.Row(op, RowOptions.None, null, new HashSet<PendingControl>()).Value;

        ReferenceEquals(later, first).ShouldBeTrue("no open grid redraws its rows as the minute turns");
        first.ShouldContain("&lt; 1 min");
        first.ShouldContain($"data-from=\"{Now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\"");
        rows.ServerTime.ShouldBe(Now.AddMinutes(3).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_Manager_gets_a_switch_on_each_enabled_channel_of_a_connected_operator_and_an_encoded_label()
    {
        OperatorState op = OperatorBuilder.An(1).Named("Zoé \"<b>\"").WithChat(slots: 3, max: 3).WithVideo(available: false);

        var cells = Cells(op, RowOptions.Manage | RowOptions.Interactive);

        var chat = cells.Find("[data-testid=toggle][data-channel=chat]");
        chat.GetAttribute("aria-checked").ShouldBe("true", "busy is switched on with every slot taken");
        chat.GetAttribute("aria-label").ShouldBe("Zoé \"<b>\": chat availability");
        chat.HasAttribute("disabled").ShouldBeFalse();
        cells.Find("[data-testid=toggle][data-channel=video]").GetAttribute("aria-checked").ShouldBe("false");
        cells.FindAll("[data-testid=toggle][data-channel=call]").ShouldBeEmpty("the call channel is not enabled");
        cells.FindAll("b").ShouldBeEmpty("a name is text, never markup");
        Cells(op with { Connected = false }, RowOptions.Manage | RowOptions.Interactive).FindAll("[data-testid=toggle]").ShouldBeEmpty();
        Cells(op).FindAll("[data-testid=toggle]").ShouldBeEmpty("only a Manager's cells have switches");
    }

    [Fact]
    public void A_status_change_in_the_store_shows_its_start_in_the_grid()
    {
        Store.PublishSnapshot([OperatorBuilder.An(1)], Now);
        var page = Render<Dashboard.Components.Pages.Home>();

        page.InvokeAsync(() => Store.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false)], Now.AddMinutes(1)));

        page.WaitForAssertion(() =>
            page.Find("[data-testid=operator][data-operator-id='1'] [data-testid=channel][data-channel=chat]")
                .GetAttribute("data-since").ShouldBe("2026-11-25T09:01:00.000Z"));
    }
}
