using System.Collections.Concurrent;
using Dashboard.Live;
using Dashboard.Realtime;
using Iadvize.Simulator;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Integration;

[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class LivePipelineTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly DashboardFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private AvailabilityStore Store => _factory.Services.GetRequiredService<AvailabilityStore>();

    private SimulatedPlatform Simulator => _factory.Services.GetRequiredService<SimulatedPlatform>();

    private Task<Snapshot> FirstSnapshotAsync() => _factory.StartAndWaitForFirstSnapshotAsync();

    [Fact]
    public async Task The_poller_fills_the_store_from_the_simulator_over_http()
    {
        var snapshot = await FirstSnapshotAsync();

        snapshot.Operators.Length.ShouldBe(Simulator.OperatorIds.Count);
        foreach (var op in snapshot.Operators)
        {
            var live = Simulator.GetLive(op.Id)!;
            op.Connected.ShouldBe(live.Connected);
            op.Chat.Slots.ShouldBe(live.Chat.SlotNumber);
            op.Chat.Available.ShouldBe(live.Connected && live.Chat.Available);
        }

        snapshot.Operators.ShouldContain(o => o.Group != null);
        snapshot.Operators.ShouldAllBe(o => o.Group == null || !(o.Group.StartsWith('#') || o.Group.StartsWith("Group ")));
        snapshot.Operators.ShouldNotContain(o => o.Name.StartsWith("Operator ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hub_client_receives_the_snapshot_then_the_change_the_simulator_made()
    {
        await FirstSnapshotAsync();
        var snapshots = new TaskCompletionSource<SnapshotMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var changes = new ConcurrentQueue<ChangeSet>();
        await using var hub = _factory.CreateHubConnection();
        hub.On<SnapshotMessage>(nameof(IAvailabilityClient.Snapshot), message => snapshots.TrySetResult(message));
        hub.On<ChangeSet>(nameof(IAvailabilityClient.Changes), changes.Enqueue);
        await hub.StartAsync(TestContext.Current.CancellationToken);

        var snapshot = await snapshots.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var target = snapshot.Operators.First(o => o.Chat.Status == ChannelStatus.Available);

        Simulator.SetAvailability(target.Id, "chat", false);

        var seen = await Eventually.ValueAsync(
            () => Task.FromResult(changes.FirstOrDefault(c => c.Changes.Any(x => x.OperatorId == target.Id && x.Current?.Chat.Status == ChannelStatus.Unavailable))),
            change => change is not null,
            $"a change set showing operator {target.Id} unavailable on chat (in {changes.Count} change sets so far; store says {Store.Current.Find(target.Id)}; health {Store.Health}; simulator says {Simulator.GetLive(target.Id)})",
            Patience);

        seen!.Sequence.ShouldBeGreaterThan(snapshot.Sequence);
        seen.Changes.Single(x => x.OperatorId == target.Id).Channels.ShouldBe(ChannelMask.Chat);
    }

    [Fact]
    public async Task A_command_puts_the_change_verifies_it_and_publishes_it()
    {
        var snapshot = await FirstSnapshotAsync();
        var target = snapshot.Operators.First(o => o.Chat.Status == ChannelStatus.Available);
        var commands = _factory.Services.GetRequiredService<Dashboard.Commands.IAvailabilityCommands>();

        var result = await commands.SetChannelAvailabilityAsync(Dashboard.Audit.CommandActor.From(await _factory.SignedInPrincipalAsync(), Dashboard.Audit.CommandActor.Page), target.Id, ChannelKind.Chat, false, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue(result.Message);
        result.Message.ShouldContain("Operator is now unavailable for chat channel.");
        Store.Current.Find(target.Id)!.Chat.Status.ShouldBe(ChannelStatus.Unavailable);
        Simulator.GetLive(target.Id)!.Chat.Available.ShouldBeFalse();
        var put = Simulator.Requests.ShouldHaveSingleItem();
        put.Method.ShouldBe("PUT");
        put.Body.ShouldBe("chat%5Bavailable%5D=0");
    }

    [Fact]
    public async Task Forcing_offline_sends_connected_0_and_publishes_the_verified_offline_state()
    {
        var snapshot = await FirstSnapshotAsync();
        var target = snapshot.Operators.First(o => o.Connected);
        var commands = _factory.Services.GetRequiredService<Dashboard.Commands.IAvailabilityCommands>();

        var result = await commands.DisconnectAsync(Dashboard.Audit.CommandActor.From(await _factory.SignedInPrincipalAsync(), Dashboard.Audit.CommandActor.Page), target.Id, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue(result.Message);
        Simulator.Requests.ShouldHaveSingleItem().Body.ShouldBe("connected=0");
        Simulator.GetLive(target.Id)!.Connected.ShouldBeFalse();
        Store.Current.Find(target.Id)!.Chat.Status.ShouldBe(ChannelStatus.Offline);
    }

    [Fact]
    public async Task A_hub_client_changes_availability_through_the_same_checked_command()
    {
        var snapshot = await FirstSnapshotAsync();
        var target = snapshot.Operators.First(o => o.Chat.Status == ChannelStatus.Available);
        await using var hub = _factory.CreateHubConnection();
        await hub.StartAsync(TestContext.Current.CancellationToken);

        var result = await hub.InvokeAsync<Dashboard.Commands.CommandResult>("SetChannelAvailability", target.Id, "chat", false, TestContext.Current.CancellationToken);
        var refused = await hub.InvokeAsync<Dashboard.Commands.CommandResult>("SetChannelAvailability", target.Id, "fax", true, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue(result.Message);
        Simulator.GetLive(target.Id)!.Chat.Available.ShouldBeFalse();
        refused.Succeeded.ShouldBeFalse();
        refused.Message.ShouldContain("Unknown channel");
    }

    [Fact]
    public async Task A_command_for_an_offline_operator_is_refused_without_calling_the_upstream()
    {
        var snapshot = await FirstSnapshotAsync();
        var offline = snapshot.Operators.First(o => !o.Connected);
        var commands = _factory.Services.GetRequiredService<Dashboard.Commands.IAvailabilityCommands>();

        var result = await commands.SetChannelAvailabilityAsync(Dashboard.Audit.CommandActor.From(await _factory.SignedInPrincipalAsync(), Dashboard.Audit.CommandActor.Page), offline.Id, ChannelKind.Chat, true, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Message.ShouldContain("offline");
        Simulator.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_dashboard_page_renders_operators_and_says_the_data_is_simulated()
    {
        await FirstSnapshotAsync();
        using var http = await _factory.CreateSignedInClientAsync();

        var html = await http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        html.ShouldContain("data-testid=\"simulated\"");
        html.ShouldContain("data-testid=\"operator\"");
        html.ShouldContain("data-testid=\"freshness\"");
        html.ShouldNotContain(Simulator.ApiKey);
    }
}
