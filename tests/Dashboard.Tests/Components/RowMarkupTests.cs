using AngleSharp.Dom;
using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Components.Widgets;
using Dashboard.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>Rows as shared markup (Viewers and Supervisors): every DOM hook of CONTRACT.md, and one copy for all circuits.</summary>
public sealed class RowMarkupTests : DashboardComponentTest
{
    [Fact]
    public void A_Viewers_rows_are_markup_with_every_hook_of_the_contract()
    {
        Authorization.SetRoles(nameof(Dashboard.Auth.Role.Viewer));
        Store.PublishSnapshot([OperatorBuilder.An(1).Named("Zoé <Admin> & co").InGroup("Support").WithVideo(available: false), OperatorBuilder.An(2).Offline()], Now);
        // A change seen by the store gives the chat channel a known start.
        Store.PublishSnapshot([OperatorBuilder.An(1).Named("Zoé <Admin> & co").InGroup("Support").WithChat(slots: 3, max: 3).WithVideo(available: false), OperatorBuilder.An(2).Offline()], Now.AddMinutes(1));

        var page = Render<Home>();

                var row = page.Find("[data-testid=operator][data-operator-id='1']");
        row.QuerySelector(".op-name")!.TextContent.ShouldBe("Zoé <Admin> & co");
        row.QuerySelector(".col-group")!.TextContent.ShouldBe("Support");
        var chat = row.QuerySelector("[data-testid=channel][data-channel=chat]")!;
        chat.GetAttribute("data-state").ShouldBe("busy");
        chat.GetAttribute("data-slots").ShouldBe("3/3");
        chat.GetAttribute("data-since").ShouldBe("2026-11-25T09:01:00.000Z");
        chat.QuerySelector(".since")!.TextContent.ShouldBe("< 1 min");
        row.QuerySelector("[data-testid=channel][data-channel=call]")!.GetAttribute("data-state").ShouldBe("disabled");
        row.QuerySelector("[data-testid=channel][data-channel=video]")!.GetAttribute("data-state").ShouldBe("unavailable");
        page.Find("[data-testid=operator][data-operator-id='2'] [data-testid=channel][data-channel=chat]").GetAttribute("data-state").ShouldBe("offline");
        page.FindAll("[data-testid=toggle], [data-testid=disconnect], [data-testid=operator-link]").ShouldBeEmpty();
    }

    [Fact]
    public void A_change_set_redraws_the_changed_markup_row_with_its_cell_highlighted()
    {
        Authorization.SetRoles(nameof(Dashboard.Auth.Role.Viewer));
        Store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], Now);
        var page = Render<Home>();

        Store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2).WithChat(slots: 3, max: 3)], Now.AddSeconds(3));

        page.WaitForAssertion(() =>
        {
            var cell = page.Find("[data-testid=operator][data-operator-id='2'] [data-testid=channel][data-channel=chat]");
            cell.GetAttribute("data-state").ShouldBe("busy");
            cell.ClassList.ShouldContain(c => c.StartsWith("flash-", StringComparison.Ordinal));
        });
        page.Find("[data-testid=operator][data-operator-id='1'] [data-testid=channel][data-channel=chat]").ClassList
            .ShouldNotContain(c => c.StartsWith("flash-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_row_with_a_control_waiting_is_built_for_that_circuit_alone_and_shows_it_waiting()
    {
        var rows = Services.GetRequiredService<RowMarkup>();
        OperatorState op = OperatorBuilder.An(1);
        var options = RowOptions.Manage | RowOptions.Interactive;
        var shared = rows.Row(op, options, null, new HashSet<PendingControl>()).Value;

        var waiting = rows.Row(op, options, null, new HashSet<PendingControl> { new(1, ChannelKind.Chat) }).Value;
        var someoneElse = rows.Row(op, options, null, new HashSet<PendingControl> { new(2, ChannelKind.Chat) }).Value;

        waiting.ShouldContain("is-pending");
        waiting.ShouldContain("aria-busy=\"true\"");
        ReferenceEquals(someoneElse, shared).ShouldBeTrue("another operator's wait does not touch this row");
        ReferenceEquals(rows.Row(op, options, null, new HashSet<PendingControl>()).Value, shared).ShouldBeTrue("the shared row is not replaced by a waiting one");
    }

    [Fact]
    public void Only_the_latest_state_of_an_operator_keeps_its_rows()
    {
        var rows = Services.GetRequiredService<RowMarkup>();
        var none = new HashSet<PendingControl>();
        Store.PublishSnapshot([OperatorBuilder.An(1)], Now);
        var before = Store.Current.Find(1)!;
        var oldRow = rows.Row(before, RowOptions.None, null, none).Value;

        Store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 2)], Now.AddSeconds(1));
        var after = Store.Current.Find(1)!;
        var newRow = rows.Row(after, RowOptions.None, null, none).Value;

        ReferenceEquals(rows.Row(after, RowOptions.None, null, none).Value, newRow).ShouldBeTrue();
        var late = rows.Row(before, RowOptions.None, null, none).Value;
        late.ShouldBe(oldRow, "a circuit a change set behind still gets the right row");
        ReferenceEquals(late, oldRow).ShouldBeFalse("the past state's row is no longer kept: the store's history holds thousands of past states");
        ReferenceEquals(rows.Row(after, RowOptions.None, null, none).Value, newRow).ShouldBeTrue("and asking for it does not push out the current one");
    }

    [Fact]
    public void Every_circuit_gets_the_same_string_for_the_same_operator_state()
    {
        var rows = Services.GetRequiredService<RowMarkup>();
        OperatorState op = OperatorBuilder.An(1);

        var none = new HashSet<PendingControl>();

        var first = rows.Row(op, RowOptions.None, null, none).Value;
        var second = rows.Row(op, RowOptions.None, null, none).Value;
        var linked = rows.Row(op, RowOptions.LinkToDetails, null, none).Value;
        var managed = rows.Row(op, RowOptions.Manage | RowOptions.Interactive, null, none).Value;
        var changed = rows.Row(op with { Connected = false }, RowOptions.None, null, none).Value;

        ReferenceEquals(first, second).ShouldBeTrue("one copy per operator state, shared");
        ReferenceEquals(managed, rows.Row(op, RowOptions.Manage | RowOptions.Interactive, null, none).Value).ShouldBeTrue("a Manager's row is shared too");
        var flashing = new RowHighlight(ChannelMask.Chat, 7);
        ReferenceEquals(rows.Row(op, RowOptions.None, flashing, none).Value, rows.Row(op, RowOptions.None, new RowHighlight(ChannelMask.Chat, 7), none).Value)
            .ShouldBeTrue("every circuit that heard the same change set flashes the same row");
        rows.Row(op, RowOptions.None, flashing, none).Value.ShouldContain("flash-1");
        rows.Row(op, RowOptions.None, flashing with { Sequence = 8 }, none).Value.ShouldContain("flash-0");
        linked.ShouldNotBe(first);
        managed.ShouldNotBe(first);
        changed.ShouldNotBe(first);
    }

    [Fact]
    public async Task A_busy_operator_switched_off_shows_the_switch_off_busy_until_the_contacts_end()
    {
        OperatorState busy = OperatorBuilder.An(1).Named("Alice").WithChat(slots: 3, max: 3);
        Store.PublishSnapshot([busy], Now);
        var page = Render<Home>();
        IElement Toggle() => page.Find("[data-testid=toggle][data-operator-id='1'][data-channel=chat]");
        IElement Cell() => page.Find("[data-testid=operator][data-operator-id='1'] [data-testid=channel][data-channel=chat]");
        Toggle().GetAttribute("aria-checked").ShouldBe("true", "busy and switched on, as far as anyone knows");

        // What the command publishes once iAdvize confirmed the switch off: still busy with the contacts in hand.
        Store.PublishVerified(busy.With(ChannelKind.Chat, busy.Chat.AfterSwitch(available: false)), Now.AddSeconds(1));

        page.WaitForAssertion(() => Toggle().GetAttribute("aria-checked").ShouldBe("false"));
        Toggle().ClassList.ShouldContain("is-off");
        Cell().GetAttribute("data-state").ShouldBe("busy");
        Cell().GetAttribute("data-slots").ShouldBe("3/3");
        Cell().QuerySelector(".switch-note")!.TextContent.ShouldBe("off · busy until contacts end");
        // The switch asks for the opposite of what it shows: contacts again.
        var click = ClickControlAsync(Toggle());
        Commands.Calls.ShouldBe([(1, ChannelKind.Chat, true)]);
        Commands.Next.SetResult(new Dashboard.Commands.CommandResult(false, "left as it was"));
        await click;

        // The next poll says what iAdvize says of any full channel; the dashboard keeps the switch it was told.
        Store.PublishSnapshot([busy], Now.AddSeconds(3)).ShouldBeNull();

        page.WaitForAssertion(() => Toggle().GetAttribute("aria-checked").ShouldBe("false"));

        // A contact ends: iAdvize tells again (not available, a slot free), and the note goes.
        Store.PublishSnapshot([OperatorBuilder.An(1).Named("Alice").WithChat(available: false, slots: 2, max: 3)], Now.AddSeconds(6));

        page.WaitForAssertion(() => Cell().GetAttribute("data-state").ShouldBe("unavailable"));
        Cell().QuerySelector(".switch-note").ShouldBeNull();
        Toggle().GetAttribute("aria-checked").ShouldBe("false");
    }

    [Fact]
    public void A_switched_off_row_is_one_shared_string_per_state_and_says_it_to_a_Viewer_too()
    {
        var rows = Services.GetRequiredService<RowMarkup>();
        OperatorState busy = OperatorBuilder.An(1).WithChat(slots: 3, max: 3);
        Store.PublishSnapshot([busy], Now);
        Store.PublishVerified(busy.With(ChannelKind.Chat, busy.Chat.AfterSwitch(available: false)), Now.AddSeconds(1));
        var state = Store.Current.Find(1)!;
        var nothing = new HashSet<PendingControl>();

        var first = rows.Row(state, RowOptions.None, null, nothing).Value;
        var second = rows.Row(state, RowOptions.None, null, nothing).Value;

        second.ShouldBeSameAs(first);
        first.ShouldContain("off · busy until contacts end");
        first.ShouldContain("data-state=\"busy\"");
    }
}
