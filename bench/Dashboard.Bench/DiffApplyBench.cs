using System.Globalization;
using System.Diagnostics;
using System.Text.Json;
using Dashboard.Live;

namespace Dashboard.Bench;

/// <summary>
/// The store's diff-and-apply step (<see cref="AvailabilityStore.PublishSnapshot"/>: a fresh list of N operator states in,
/// a change set and the next snapshot out) for N operators with a share of them changed, next to a naive baseline that
/// serializes every operator with System.Text.Json and compares the bytes with the previous cycle's, measured in the
/// same run.
/// </summary>
/// <remarks>
/// A Stopwatch harness rather than BenchmarkDotNet: on this 2-core machine BenchmarkDotNet's generated project and
/// per-case processes take most of the five-minute budget for 18 cases; here every case gets warm-up cycles, then
/// the median of many measured cycles, and allocations are exact per thread.
/// </remarks>
internal static class DiffApplyBench
{
    private static readonly TimeSpan MeasureFor = TimeSpan.FromMilliseconds(1_500);
    // Long enough for tiered compilation to have promoted the hot methods: a few cycles alone would time tier-0 code.
    private static readonly TimeSpan WarmUpFor = TimeSpan.FromMilliseconds(600);
    private const int MinCycles = 7;
    private const int MaxCycles = 1_000;
    private const int WarmupCycles = 5;

    public static void Run(int[] sizes, double[] changedShares, int rosterChangesAt)
    {
        Console.WriteLine("Diff and apply per poll cycle: AvailabilityStore.PublishSnapshot vs naive (serialize every operator with System.Text.Json, compare bytes, rebuild the snapshot)");
        Console.WriteLine();
        Console.WriteLine("| operators | changed | store time (median) | store allocated | naive time (median) | naive allocated | faster | input list (not counted) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            foreach (var share in changedShares)
            {
                Row(size, $"{share:P0} ({(int)Math.Round(size * share):N0})", Lists.Create(size, (int)Math.Round(size * share), rosterChanges: 0));
            }
        }

        // The rare cycle that moves operators in the order (the roster changed): the only one that re-sorts and re-indexes.
        Row(rosterChangesAt, "10 added, 10 removed, 10 renamed", Lists.Create(rosterChangesAt, changed: 0, rosterChanges: 10));

        Console.WriteLine();
        Console.WriteLine("Each cycle publishes the next of two pre-built lists whose unchanged operators are equal by value but distinct instances");
        Console.WriteLine("(as the poller makes them) and whose changed operators differ in one channel; one no-op observer is subscribed.");
        Console.WriteLine("Time is the median cycle after warm-up; allocated is the mean per cycle on the publishing thread. The input list is built");
        Console.WriteLine("by the poller every cycle whatever the store does (N records, their channels and strings): shown for scale, not counted.");
        Console.WriteLine("What stays O(N) in the store: one index lookup and one value comparison per operator of that list (memory-bound at");
        Console.WriteLine("50,000), and, when anything changed, one copy of the N references of Snapshot.Operators (8 bytes each: 80 KB at 10,000;");
        Console.WriteLine("an ImmutableArray cannot share storage). Everything else (change set, changed slots) grows with the changes; the index");
        Console.WriteLine("is shared between snapshots and only adds, removals and renames re-index and place the moved operators by binary search.");
        Console.WriteLine();
    }

    private static void Row(int size, string changed, Lists lists)
    {
        var store = Measure(StoreCycle(lists));
        var naive = Measure(NaiveCycle(lists));
        Console.WriteLine($"| {size:N0} | {changed} | {Time(store.Median)} | {Bytes(store.Allocated)} | {Time(naive.Median)} | {Bytes(naive.Allocated)} | {naive.Median / store.Median:N0}x | {Bytes(lists.InputBytes)} |");
    }

    private static Func<Action> StoreCycle(Lists lists) => () =>
    {
        var store = new AvailabilityStore();
        using var subscription = store.Subscribe(new QuietObserver());
        var at = DateTimeOffset.UnixEpoch;
        store.PublishSnapshot(lists.Initial, at);
        var next = 0;
        return () =>
        {
            at = at.AddSeconds(3);
            store.PublishSnapshot(next++ % 2 == 0 ? lists.Even : lists.Odd, at);
        };
    };

    private static Func<Action> NaiveCycle(Lists lists) => () =>
    {
        var naive = new NaiveSerializedDiff();
        var at = DateTimeOffset.UnixEpoch;
        naive.Publish(lists.Initial, at);
        var next = 0;
        return () =>
        {
            at = at.AddSeconds(3);
            naive.Publish(next++ % 2 == 0 ? lists.Even : lists.Odd, at);
        };
    };

    private static Result Measure(Func<Action> setUp)
    {
        var cycle = setUp();
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < WarmupCycles || warmUp.Elapsed < WarmUpFor; i++)
        {
            cycle();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var times = new List<double>();
        long allocated = 0;
        var total = Stopwatch.StartNew();
        while (times.Count < MinCycles || (times.Count < MaxCycles && total.Elapsed < MeasureFor))
        {
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            cycle();
            var elapsed = Stopwatch.GetElapsedTime(start);
            allocated += GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            times.Add(elapsed.TotalMilliseconds);
        }

        times.Sort();
        return new Result(times[times.Count / 2], allocated / times.Count);
    }

    private static string Time(double milliseconds) => milliseconds < 1 ? $"{milliseconds * 1000:N0} µs" : $"{milliseconds:N1} ms";

    private static string Bytes(long bytes) => bytes switch
    {
        < 10 * 1024 => $"{bytes:N0} B",
        < 10 * 1024 * 1024 => $"{bytes / 1024.0:N0} KB",
        _ => $"{bytes / (1024.0 * 1024):N1} MB",
    };

    private sealed record Result(double Median, long Allocated);

    /// <summary>
    /// Three lists of the same N operators: the first publish, then two that alternate. Every list holds its own record
    /// instances, so no comparison is won by reference. The odd list differs from the others in the chat slots of
    /// <c>changed</c> operators, and with <c>rosterChanges</c>, that many operators replaced by new ones and renamed.
    /// </summary>
    private sealed record Lists(List<OperatorState> Initial, List<OperatorState> Even, List<OperatorState> Odd, long InputBytes)
    {
        public static Lists Create(int size, int changed, int rosterChanges)
        {
            var initial = Build(size, _ => Variant.Same);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var even = Build(size, _ => Variant.Same);
            var inputBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            var odd = Build(size, i =>
                Picked(i, size, changed) ? Variant.ChatSlot
                : Picked(i, size, rosterChanges) ? Variant.Replaced
                : Picked(i + size / 2, size, rosterChanges) ? Variant.Renamed
                : Variant.Same);
            return new Lists(initial, even, odd, inputBytes);
        }

        // Exactly `count` indexes, spread across the whole list as a real poll's would be rather than bunched at its start.
        private static bool Picked(int index, int size, int count) =>
            (long)((index % size) + 1) * count / size > (long)(index % size) * count / size;

        private static List<OperatorState> Build(int size, Func<int, Variant> variant)
        {
            var operators = new List<OperatorState>(size);
            for (var i = 0; i < size; i++)
            {
                var which = variant(i);
                // Poll order is the upstream's (by id), not the dashboard's (by name): the store has to sort once.
                var id = which == Variant.Replaced ? 1_000_000 + i : 1_000 + i;
                var name = string.Concat(which == Variant.Renamed ? "Renamed " : "Operator ", ((id * 7_919) % 100_003).ToString("D6", CultureInfo.InvariantCulture));
                var connected = i % 5 != 0;
                operators.Add(new OperatorState(
                    id,
                    name,
                    i % 3 == 0 ? string.Concat("op", id.ToString(CultureInfo.InvariantCulture)) : null,
                    string.Concat("op", id.ToString(CultureInfo.InvariantCulture), "@example.com"),
                    null,
                    string.Concat("Group ", (i % 12).ToString(CultureInfo.InvariantCulture)),
                    connected,
                    ChannelState.From(connected, true, i % 2 == 0, false, which == Variant.ChatSlot ? 1 : 0, 3),
                    ChannelState.From(connected, i % 4 == 0, true, false, 0, 1),
                    ChannelState.From(connected, false, false, false, 0, 1)));
            }

            return operators;
        }

        private enum Variant
        {
            Same,
            ChatSlot,
            Replaced,
            Renamed,
        }
    }

    private sealed class QuietObserver : IAvailabilityObserver
    {
        public void OnChanges(ChangeSet changeSet)
        {
        }

        public void OnHealth(UpstreamHealth health)
        {
        }
    }

    /// <summary>The obvious design: remember every operator's JSON, serialize the new list, compare, rebuild the snapshot.</summary>
    private sealed class NaiveSerializedDiff
    {
        private Dictionary<int, byte[]> _json = [];
        private Snapshot _current = Snapshot.Empty;

        public ChangeSet? Publish(IReadOnlyCollection<OperatorState> operators, DateTimeOffset at)
        {
            var json = new Dictionary<int, byte[]>(operators.Count);
            var changes = new List<OperatorChange>();
            foreach (var op in operators)
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(op);
                json[op.Id] = bytes;
                if (!_json.TryGetValue(op.Id, out var previous))
                {
                    changes.Add(new OperatorChange(op.Id, ChangeKind.Added, op, ChannelMask.Chat | ChannelMask.Call | ChannelMask.Video));
                }
                else if (!previous.AsSpan().SequenceEqual(bytes))
                {
                    changes.Add(new OperatorChange(op.Id, ChangeKind.Updated, op, op.ChannelsDifferentFrom(_current.Find(op.Id)!)));
                }
            }

            foreach (var id in _json.Keys)
            {
                if (!json.ContainsKey(id))
                {
                    changes.Add(new OperatorChange(id, ChangeKind.Removed, null, ChannelMask.None));
                }
            }

            var sequence = changes.Count > 0 ? _current.Sequence + 1 : _current.Sequence;
            _current = new Snapshot(sequence, at, operators);
            _json = json;
            return changes.Count > 0 ? new ChangeSet(sequence, at, changes) : null;
        }
    }
}
