using Dashboard.Audit;
using Dashboard.Live;
using Iadvize.Client;

namespace Dashboard.Commands;

/// <summary>What a bulk change does to each operator: one channel's availability, or a forced disconnection.</summary>
public sealed record BulkAction(ChannelKind? Channel, bool Available, bool Disconnect = false)
{
    public static BulkAction SetChannel(ChannelKind channel, bool available) => new(channel, available);

    public static BulkAction ForceOffline() => new(null, false, Disconnect: true);

    public string Describe() => Disconnect
        ? "force offline"
        : $"make {(Available ? "available" : "unavailable")} on {Channel!.Value.ToWire()}";
}

/// <summary>One operator in a bulk change: whether it will be changed, and if not, why.</summary>
public sealed record BulkItem(int OperatorId, string Name, string From, string? SkipReason)
{
    public bool WillChange => SkipReason is null;
}

/// <summary>Who a bulk change would touch, computed before anything is sent so that a person can confirm it.</summary>
public sealed record BulkPlan(BulkAction Action, IReadOnlyList<BulkItem> Items)
{
    public IReadOnlyList<BulkItem> ToChange { get; } = [.. Items.Where(i => i.WillChange)];

    public int Skipped => Items.Count - ToChange.Count;
}

/// <summary>The outcome for one operator of a bulk change; <paramref name="Sent"/> is false when it was cancelled before its turn.</summary>
public sealed record BulkResult(int OperatorId, string Name, bool Succeeded, string Message, bool Sent = true);

/// <summary>Where a running bulk change stands.</summary>
public sealed record BulkProgress(int Done, int Total, BulkResult? Last);

/// <summary>
/// Applies one action to many operators through the same checked, verified command path as a single change, one
/// operator at a time, paced so that it never spends more than the request budget allows, and cancellable midway.
/// </summary>
public sealed class BulkAvailability(
    IAvailabilityCommands commands,
    AvailabilityStore store,
    TimeProvider time,
    RequestBudget budget,
    Polling.PollCycle poll,
    Microsoft.Extensions.Options.IOptions<Polling.PollingOptions> polling)
{
    // A change costs a PUT and a read-back GET.
    private const int RequestsPerChange = 2;

    public BulkPlan Preview(IEnumerable<int> operatorIds, BulkAction action)
    {
        var snapshot = store.Current;
        var items = new List<BulkItem>();
        foreach (var id in operatorIds.Distinct())
        {
            if (snapshot.Find(id) is not { } op)
            {
                items.Add(new BulkItem(id, $"Operator {id}", "unknown", "not known to the dashboard"));
                continue;
            }

            items.Add(new BulkItem(op.Id, op.Name, From(op, action), WhySkip(op, action)));
        }

        return new BulkPlan(action, items);
    }

    public async Task<IReadOnlyList<BulkResult>> RunAsync(BulkPlan plan, CommandActor actor, IProgress<BulkProgress>? progress, CancellationToken cancellationToken)
    {
        actor = actor.InBulk();
        var toChange = plan.ToChange;
        var results = new List<BulkResult>(toChange.Count);
        foreach (var item in toChange)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await WaitForBudgetAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Once sent, a change is seen through to its verified result even if the person cancels meanwhile.
            BulkResult result;
            try
            {
                var outcome = plan.Action.Disconnect
                    ? await commands.DisconnectAsync(actor, item.OperatorId, CancellationToken.None)
                    : await commands.SetChannelAvailabilityAsync(actor, item.OperatorId, plan.Action.Channel!.Value, plan.Action.Available, CancellationToken.None);
                result = new BulkResult(item.OperatorId, item.Name, outcome.Succeeded, outcome.Message);
            }
            catch (Exception exception)
            {
                // One operator's failure is that operator's result; the others still get their turn.
                result = new BulkResult(item.OperatorId, item.Name, false, $"Not changed: {exception.Message}");
            }

            results.Add(result);
            progress?.Report(new BulkProgress(results.Count, toChange.Count, result));
        }

        foreach (var item in toChange.Skip(results.Count))
        {
            results.Add(new BulkResult(item.OperatorId, item.Name, false, "Not sent: the bulk change was cancelled.", Sent: false));
        }

        return results;
    }

    // The bulk change leaves room for the next live poll and for people's single changes, so the picture stays fresh
    // while it runs; it goes as fast as what is left allows.
    private int Headroom => poll.LiveRequestsPerCycle + polling.Value.ReservedForCommands;

    private async Task WaitForBudgetAsync(CancellationToken cancellationToken)
    {
        while (budget.Remaining - Headroom < RequestsPerChange)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }
    }

    private static string From(OperatorState op, BulkAction action) =>
        action.Disconnect ? (op.Connected ? "connected" : "offline") : op[action.Channel!.Value].Status.ToWire();

    private static string? WhySkip(OperatorState op, BulkAction action) =>
        (action.Disconnect ? ChangeRules.ForDisconnect(op) : ChangeRules.ForChannel(op, action.Channel!.Value, action.Available))?.Reason;
}
