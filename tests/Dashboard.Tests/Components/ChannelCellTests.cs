using Bunit;
using Dashboard.Components.Widgets;
using Dashboard.Live;

namespace Dashboard.Tests.Components;

public sealed class ChannelCellTests : DashboardComponentTest
{
    [Fact]
    public void A_known_start_shows_its_utc_time_and_data_since()
    {
        var since = Now.AddMinutes(-18).AddSeconds(-7);
        OperatorState op = OperatorBuilder.An(1);
        op = op with { Chat = op.Chat with { Since = since } };

        var cell = Render<ChannelCell>(parameters => parameters.Add(c => c.Operator, op).Add(c => c.Channel, ChannelKind.Chat));

        var element = cell.Find("[data-testid=channel]");
        element.GetAttribute("data-since").ShouldBe("2026-11-25T08:41:53.000Z");
        var label = cell.Find(".since");
        label.TextContent.ShouldBe("since 08:41");
        label.GetAttribute("title")!.ShouldContain("2026-11-25 08:41:53 UTC");
    }

    [Fact]
    public void A_start_on_another_day_shows_the_date()
    {
        OperatorState op = OperatorBuilder.An(1);
        op = op with { Chat = op.Chat with { Since = Now.AddDays(-2) } };

        var cell = Render<ChannelCell>(parameters => parameters.Add(c => c.Operator, op).Add(c => c.Channel, ChannelKind.Chat));

        cell.Find(".since").TextContent.ShouldBe("since 23 Nov 09:00");
    }

    [Fact]
    public void An_unknown_start_is_shown_as_unknown_with_an_empty_data_since()
    {
        var cell = Render<ChannelCell>(parameters => parameters.Add(c => c.Operator, (OperatorState)OperatorBuilder.An(1)).Add(c => c.Channel, ChannelKind.Chat));

        cell.Find("[data-testid=channel]").GetAttribute("data-since").ShouldBe("");
        var label = cell.Find(".since");
        label.TextContent.ShouldBe("since ?");
        label.GetAttribute("title")!.ShouldStartWith("Start unknown");
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
