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
    public void A_known_start_shows_its_utc_time_and_data_since()
    {
        var since = Now.AddMinutes(-18).AddSeconds(-7);
        OperatorState op = OperatorBuilder.An(1);
        op = op with { Chat = op.Chat with { Since = since } };

        var cell = Cells(op);

        var element = cell.Find("[data-testid=channel][data-channel=chat]");
        element.GetAttribute("data-since").ShouldBe("2026-11-25T08:41:53.000Z");
        var label = cell.Find("[data-channel=chat] .since");
        label.TextContent.ShouldBe("since 08:41");
        label.GetAttribute("title")!.ShouldContain("2026-11-25 08:41:53 UTC");
    }

    [Fact]
    public void A_start_on_another_day_shows_the_date()
    {
        OperatorState op = OperatorBuilder.An(1);
        op = op with { Chat = op.Chat with { Since = Now.AddDays(-2) } };

        var cell = Cells(op);

        cell.Find("[data-channel=chat] .since").TextContent.ShouldBe("since 23 Nov 09:00");
    }

    [Fact]
    public void An_unknown_start_is_shown_as_unknown_with_an_empty_data_since()
    {
        var cell = Cells(OperatorBuilder.An(1));

        cell.Find("[data-testid=channel][data-channel=chat]").GetAttribute("data-since").ShouldBe("");
        var label = cell.Find("[data-channel=chat] .since");
        label.TextContent.ShouldBe("since ?");
        label.GetAttribute("title")!.ShouldStartWith("Start unknown");
    }

    [Fact]
    public void A_Manager_gets_a_switch_on_each_enabled_channel_of_a_connected_operator_and_an_encoded_label()
    {
        OperatorState op = OperatorBuilder.An(1).Named("Zoé \"<b>\"").WithChat(slots: 3, max: 3).WithVideo(available: false);

        var cells = Cells(op, RowOptions.Manage | RowOptions.Interactive);

        var chat = cells.Find("[data-testid=toggle][data-channel=chat]");
        chat.GetAttribute("aria-checked").ShouldBe("true", "busy is switched on with every slot taken");
        chat.GetAttribute("aria-label").ShouldBe("Zoé \"<b>\": chat availability");
        chat.GetAttribute("data-action").ShouldBe("toggle");
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
