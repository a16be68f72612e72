using Dashboard.Commands;
using Dashboard.Live;
using Dashboard.Polling;
using Iadvize.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Commands;

public sealed class BulkAvailabilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly AvailabilityStore _store = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly ScriptedCommands _commands = new();

    public BulkAvailabilityTests() => _store.PublishSnapshot(
    [
        OperatorBuilder.An(1),
        OperatorBuilder.An(2).WithChat(available: false),
        OperatorBuilder.An(3).Offline(),
        OperatorBuilder.An(4).WithChat(enabled: false).WithCall(),
        OperatorBuilder.An(5).WithChat(slots: 3, max: 3),
    ], Now);

    // As the app makes it: the request budget, and the poller whose next live poll a bulk change leaves room for.
    private BulkAvailability Bulk(RequestBudget? budget = null)
    {
        budget ??= new RequestBudget(new PollingOptions().MaxRequestsPerMinute, _clock);
        var polling = Options.Create(new PollingOptions { MaxRequestsPerMinute = budget.PerMinute });
        var poll = new PollCycle(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), _store, _clock, polling,
            NullLogger<PollCycle>.Instance, budget);
        return new BulkAvailability(_commands, _store, _clock, budget, poll, polling);
    }

    [Fact]
    public void The_preview_says_who_changes_and_why_the_others_are_skipped()
    {
        var bulk = Bulk();

        var plan = bulk.Preview([1, 2, 3, 4, 5, 99], BulkAction.SetChannel(ChannelKind.Chat, available: true));

        plan.ToChange.Select(i => i.OperatorId).ShouldBe([2]);
        plan.Items.Single(i => i.OperatorId == 1).SkipReason.ShouldBe("already available");
        plan.Items.Single(i => i.OperatorId == 3).SkipReason.ShouldBe("offline: cannot be made available");
        plan.Items.Single(i => i.OperatorId == 4).SkipReason.ShouldBe("chat not enabled");
        plan.Items.Single(i => i.OperatorId == 5).SkipReason.ShouldBe("already available");
        plan.Items.Single(i => i.OperatorId == 99).SkipReason.ShouldBe("not known to the dashboard");
    }

    [Fact]
    public void Forcing_offline_skips_those_already_offline()
    {
        var plan = Bulk().Preview([1, 3], BulkAction.ForceOffline());

        plan.ToChange.Select(i => i.OperatorId).ShouldBe([1]);
    }

    [Fact]
    public async Task A_run_reports_each_result_as_it_goes()
    {
        var bulk = Bulk();
        var plan = bulk.Preview([1, 2, 5], BulkAction.SetChannel(ChannelKind.Chat, available: false));
        var progress = new List<BulkProgress>();

        var results = await bulk.RunAsync(plan, new Dashboard.Audit.CommandActor("test", Dashboard.Audit.CommandActor.Page, Dashboard.Auth.Role.Manager), new SynchronousProgress(progress.Add), TestContext.Current.CancellationToken);

        results.Select(r => r.OperatorId).ShouldBe([1, 5]);
        results.ShouldAllBe(r => r.Succeeded);
        progress.Select(p => p.Done).ShouldBe([1, 2]);
        progress.ShouldAllBe(p => p.Total == 2);
        _commands.Calls.ShouldBe(["chat:1:False", "chat:5:False"]);
    }

    [Fact]
    public async Task Cancelling_midway_stops_sending_and_reports_the_rest_as_not_sent()
    {
        var bulk = Bulk();
        var plan = bulk.Preview([1, 2, 4, 5], BulkAction.ForceOffline());
        using var cancel = new CancellationTokenSource();
        _commands.AfterCall = count =>
        {
            if (count == 2)
            {
                cancel.Cancel();
            }
        };

        var results = await bulk.RunAsync(plan, new Dashboard.Audit.CommandActor("test", Dashboard.Audit.CommandActor.Page, Dashboard.Auth.Role.Manager), null, cancel.Token);

        _commands.Calls.Count.ShouldBe(2);
        results.Count.ShouldBe(4);
        results.Skip(2).ShouldAllBe(r => !r.Succeeded && r.Message.StartsWith("Not sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_waits_for_the_request_budget_instead_of_exceeding_it()
    {
        var budget = new RequestBudget(10, _clock);
        for (var i = 0; i < 9; i++)
        {
            budget.TryTake(out _);
        }

        var bulk = Bulk(budget);
        var plan = bulk.Preview([1, 5], BulkAction.SetChannel(ChannelKind.Chat, available: false));

        var run = bulk.RunAsync(plan, new Dashboard.Audit.CommandActor("test", Dashboard.Audit.CommandActor.Page, Dashboard.Auth.Role.Manager), null, TestContext.Current.CancellationToken);

        _commands.Calls.ShouldBeEmpty();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var results = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        results.ShouldAllBe(r => r.Succeeded);
    }

    private sealed class SynchronousProgress(Action<BulkProgress> report) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => report(value);
    }

    /// <summary>Answers success at once and records what was asked; <see cref="RequestBudget"/> is spent as the real command would.</summary>
    private sealed class ScriptedCommands : IAvailabilityCommands
    {
        public List<string> Calls { get; } = [];

        public Action<int>? AfterCall { get; set; }

        public Task<CommandResult> SetChannelAvailabilityAsync(Dashboard.Audit.CommandActor actor, int operatorId, ChannelKind channel, bool available, CancellationToken cancellationToken) =>
            Record($"{channel.ToWire()}:{operatorId}:{available}");

        public Task<CommandResult> DisconnectAsync(Dashboard.Audit.CommandActor actor, int operatorId, CancellationToken cancellationToken) => Record($"offline:{operatorId}");

        private Task<CommandResult> Record(string call)
        {
            Calls.Add(call);
            AfterCall?.Invoke(Calls.Count);
            return Task.FromResult(new CommandResult(true, "ok"));
        }
    }
}
