using Bunit;
using Dashboard.Commands;
using Dashboard.Components.Pages;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Dashboard.Tests.Components;

public sealed class ForceOfflineTests : DashboardComponentTest
{
    [Fact]
    public void Only_connected_operators_can_be_forced_offline()
    {
        Store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2).Offline()], Now);

        var page = Render<Home>();

        page.FindAll("[data-testid=disconnect][data-operator-id='1']").ShouldHaveSingleItem();
        page.FindAll("[data-testid=disconnect][data-operator-id='2']").ShouldBeEmpty();
    }

    [Fact]
    public async Task Forcing_offline_asks_first_and_cancelling_sends_nothing()
    {
        Store.PublishSnapshot([OperatorBuilder.An(1)], Now);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<Home>();

        var click = ClickControlAsync(page.Find("[data-testid=disconnect]"));
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("will be disconnected from iAdvize"));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new MouseEventArgs());
        await click;

        Commands.Disconnects.ShouldBeEmpty();
    }

    [Fact]
    public async Task While_the_command_runs_the_button_waits_and_then_comes_back()
    {
        Store.PublishSnapshot([OperatorBuilder.An(1)], Now);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<Home>();

        var click = ClickControlAsync(page.Find("[data-testid=disconnect]"));
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").ShouldContain(b => b.TextContent.Trim() == "Force offline"));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Force offline").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => page.Find("[data-testid=disconnect]").HasAttribute("disabled").ShouldBeTrue());
        Commands.Next.SetResult(new CommandResult(false, "The upstream refused."));
        await click;
        page.WaitForAssertion(() => page.Find("[data-testid=disconnect]").HasAttribute("disabled").ShouldBeFalse());
    }

    [Fact]
    public async Task Confirming_forces_the_operator_offline()
    {
        Store.PublishSnapshot([OperatorBuilder.An(1)], Now);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<Home>();
        Commands.Next.SetResult(new CommandResult(true, "Operator 001 is now offline."));

        var click = ClickControlAsync(page.Find("[data-testid=disconnect]"));
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").ShouldContain(b => b.TextContent.Trim() == "Force offline"));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Force offline").ClickAsync(new MouseEventArgs());
        await click;

        Commands.Disconnects.ShouldBe([1]);
    }
}
