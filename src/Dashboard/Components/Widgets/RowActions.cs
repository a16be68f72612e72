using Dashboard.Audit;
using Dashboard.Commands;
using Dashboard.Live;
using Dashboard.Localization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Dashboard.Components.Widgets;

/// <summary>
/// What a Manager's clicks on the controls of <see cref="RowMarkup"/> rows do: switch a channel, or force an operator
/// offline after asking. One per circuit. A control waits (disabled, marked busy) until its command answers, and its
/// outcome is said in a snackbar; the command service checks the role again and records everything.
/// </summary>
public sealed class RowActions(IAvailabilityCommands commands, ISnackbar snackbar, IDialogService dialogs, AuthenticationStateProvider authentication, IStringLocalizer<Texts> texts)
{
    private readonly HashSet<PendingControl> _pending = [];

    /// <summary>The controls whose command has not answered yet.</summary>
    public IReadOnlySet<PendingControl> Pending => _pending;

    /// <summary>
    /// Carries out a <c>toggle</c> or <c>disconnect</c> click on <paramref name="op"/>'s row; anything else is not for this
    /// class and is ignored. The switch goes the other way from what the person saw (<see cref="GridActionEventArgs.Checked"/>).
    /// <paramref name="render"/> redraws the page once the control waits (a confirmation may come in between).
    /// </summary>
    public Task HandleAsync(GridActionEventArgs click, OperatorState op, Action render) => click.Action switch
    {
        "toggle" when click.ChannelKind is { } channel => ToggleAsync(op, channel, !click.Checked, render),
        "disconnect" => DisconnectAsync(op, render),
        _ => Task.CompletedTask,
    };

    private async Task ToggleAsync(OperatorState op, ChannelKind channel, bool available, Action render)
    {
        await RunAsync(new PendingControl(op.Id, channel), render, async actor =>
        {
            var result = await commands.SetChannelAvailabilityAsync(actor, op.Id, channel, available, CancellationToken.None);
            snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Error);
        }, texts["The change for {0} could not be made", op.Name]);
    }

    private async Task DisconnectAsync(OperatorState op, Action render)
    {
        var control = new PendingControl(op.Id, null);
        if (_pending.Contains(control))
        {
            return;
        }

        // Forcing someone offline ends their session in iAdvize: never on a single mis-click.
        var confirmed = await dialogs.ShowMessageBoxAsync(
            texts["Force offline?"],
            texts["{0} will be disconnected from iAdvize on every channel and will not receive new contacts until they log in again.", op.Name],
            yesText: texts["Force offline"],
            cancelText: texts["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(control, render, async actor =>
        {
            var result = await commands.DisconnectAsync(actor, op.Id, CancellationToken.None);
            snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Error);
        }, texts["{0} could not be forced offline", op.Name]);
    }

    // One command per control at a time: a second click while the first waits does nothing.
    private async Task RunAsync(PendingControl control, Action render, Func<CommandActor, Task> command, string failure)
    {
        if (!_pending.Add(control))
        {
            return;
        }

        render();
        try
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            await command(CommandActor.From(user, CommandActor.Page));
        }
        catch (Exception exception)
        {
            snackbar.Add($"{failure}: {exception.Message}", Severity.Error);
        }
        finally
        {
            _pending.Remove(control);
        }
    }
}
