using Dashboard.Commands;
using Dashboard.Live;
using Iadvize.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Integration;

[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class CommandIntegrationTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new();

    public CommandIntegrationTests() => _factory.Settings["Simulator:OperatorCount"] = "150";

    public async ValueTask InitializeAsync()
    {
        await _factory.StartAndWaitForFirstSnapshotAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private AvailabilityStore Store => _factory.Services.GetRequiredService<AvailabilityStore>();

    private SimulatedPlatform Simulator => _factory.Services.GetRequiredService<SimulatedPlatform>();

    [Fact]
    public async Task A_bulk_change_of_50_operators_completes_within_the_budget_with_every_result_reported()
    {
        var bulk = _factory.Services.GetRequiredService<BulkAvailability>();
        var manager = await _factory.SignedInPrincipalAsync();
        var targets = Store.Current.Operators.Where(o => o.Chat.Status == ChannelStatus.Available).Take(50).Select(o => o.Id).ToList();
        targets.Count.ShouldBe(50);
        var plan = bulk.Preview(targets, BulkAction.SetChannel(ChannelKind.Chat, available: false));
        var reported = 0;

        var results = await bulk.RunAsync(plan, Dashboard.Audit.CommandActor.From(manager, Dashboard.Audit.CommandActor.Page), new Progress<BulkProgress>(_ => Interlocked.Increment(ref reported)), TestContext.Current.CancellationToken);

        results.Count.ShouldBe(50);
        results.ShouldAllBe(r => r.Succeeded);
        Simulator.Requests.Count(r => r.Method == "PUT").ShouldBe(50);
        targets.ShouldAllBe(id => !Simulator.GetLive(id)!.Chat.Available);
        targets.ShouldAllBe(id => Store.Current.Find(id)!.Chat.Status != ChannelStatus.Available);
    }

    [Fact]
    public async Task Two_identical_changes_at_once_send_one_put()
    {
        var commands = _factory.Services.GetRequiredService<IAvailabilityCommands>();
        var target = Store.Current.Operators.First(o => o.Chat.Status == ChannelStatus.Available).Id;
        var manager = await _factory.SignedInPrincipalAsync();

        var both = await Task.WhenAll(
            commands.SetChannelAvailabilityAsync(Dashboard.Audit.CommandActor.From(manager, Dashboard.Audit.CommandActor.Page), target, ChannelKind.Chat, false, TestContext.Current.CancellationToken),
            commands.SetChannelAvailabilityAsync(Dashboard.Audit.CommandActor.From(manager, Dashboard.Audit.CommandActor.Page), target, ChannelKind.Chat, false, TestContext.Current.CancellationToken));

        both.ShouldAllBe(r => r.Succeeded);
        Simulator.Requests.Count(r => r.Path.EndsWith($"/operator/{target}/live", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Switching_off_a_busy_operator_says_they_take_no_new_contacts_and_stay_busy_until_theirs_end()
    {
        var commands = _factory.Services.GetRequiredService<IAvailabilityCommands>();
        var target = Store.Current.Operators.First(o => o.Chat.Status == ChannelStatus.Available).Id;
        while (Simulator.StartConversation(target, "chat"))
        {
        }

        await Eventually.TrueAsync(() => Store.Current.Find(target)!.Chat.Status == ChannelStatus.Busy, $"operator {target} busy on chat in the store", TimeSpan.FromSeconds(10));

        var result = await commands.SetChannelAvailabilityAsync(
            Dashboard.Audit.CommandActor.From(await _factory.SignedInPrincipalAsync(), Dashboard.Audit.CommandActor.Page), target, ChannelKind.Chat, false, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue(result.Message);
        var chat = Store.Current.Find(target)!.Chat;
        result.Message.ShouldStartWith($"{Store.Current.Find(target)!.Name} gets no new chat contacts; still busy with {chat.Slots}/{chat.MaxSlots} in hand");
        Simulator.GetLive(target)!.Chat.Busy.ShouldBeTrue();
        // iAdvize reports a full channel busy whether switched on or off: the verified change is what tells, and the
        // polls that follow, saying busy as before, leave the switch off.
        (chat.SwitchedOff, chat.IsTakingContacts).ShouldBe((true, false));
        var seen = Store.Current.TakenAt;
        await Eventually.TrueAsync(() => Store.Current.TakenAt > seen, "another poll", TimeSpan.FromSeconds(10));
        Store.Current.Find(target)!.Chat.SwitchedOff.ShouldBeTrue();
    }
}
