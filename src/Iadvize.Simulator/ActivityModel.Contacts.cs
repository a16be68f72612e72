namespace Iadvize.Simulator;

/// <summary>
/// The contacts part of the activity model: visitors arrive per channel, skill and website at the rate that keeps each
/// channel near its target occupancy, and are answered by the less loaded of two free operators, wait in a queue, give
/// up or are missed; every outcome is counted for the statistic endpoints.
/// </summary>
internal sealed partial class ActivityModel
{
    // The share of the roster connected on average (never-logged-in and offline excluded), used to size the
    // automatic contact rate so that occupancy lands near each channel's target.
    private const double ExpectedConnectedShare = 0.66;

    private static readonly ChannelModel[] Models =
    [
        new(TargetOccupancy: 0.6, MinHandleTicks: 20, MaxHandleTicks: 120, MinResponseSeconds: 5, MaxResponseSeconds: 30, HasQueue: true),
        new(TargetOccupancy: 0.45, MinHandleTicks: 30, MaxHandleTicks: 180, MinResponseSeconds: 3, MaxResponseSeconds: 15, HasQueue: false),
        new(TargetOccupancy: 0.35, MinHandleTicks: 30, MaxHandleTicks: 180, MinResponseSeconds: 3, MaxResponseSeconds: 15, HasQueue: true),
    ];

    // Contacts per hour of the day (UTC) relative to the busiest hour, when the day cycle is on.
    private static readonly double[] DayCurve =
    [
        0.05, 0.03, 0.02, 0.02, 0.02, 0.04, 0.1, 0.3, 0.6, 0.9, 1.0, 1.0,
        0.8, 0.85, 1.0, 1.0, 0.95, 0.85, 0.7, 0.5, 0.35, 0.2, 0.12, 0.08,
    ];

    // Indexed by channel * skill count + skill: who can take a contact now, who is in production, who waits.
    private readonly List<OperatorState>[] _candidates;
    private readonly int[] _inProduction;
    private readonly List<WaitingContact>[] _queues;

    private readonly double[] _ratePerTick = new double[Channels.Count];
    private readonly double[][] _skillWeights;
    private readonly double[][] _websiteWeights;

    /// <summary>Visitors in the queues are served first come, first served, or give up when their patience runs out.</summary>
    private bool ServeQueues()
    {
        var any = false;
        var skills = _skillCount;
        for (var cell = 0; cell < _queues.Length; cell++)
        {
            var queue = _queues[cell];
            if (queue.Count == 0)
            {
                continue;
            }

            var channel = (Channel)(cell / skills);
            var kept = 0;
            for (var i = 0; i < queue.Count; i++)
            {
                var waiting = queue[i];
                var waited = _tick - waiting.ArrivedAt;
                if (waiting.GivesUpAt <= _tick)
                {
                    ref var counters = ref Statistics.Contact(waiting.Cell);
                    counters.QueueAborted++;
                    counters.AbortWaitSeconds += waited * _tickSeconds;
                    continue;
                }

                if (TakeCandidate(channel, cell) is { } op)
                {
                    Answer(op, channel, waiting.Cell, waited, fromQueue: true);
                    any = true;
                    continue;
                }

                queue[kept++] = waiting;
            }

            queue.RemoveRange(kept, queue.Count - kept);
        }

        return any;
    }

    private bool Arrive()
    {
        var any = false;
        var skills = _skillCount;
        var curve = _dayCycle ? DayCurve[HourOfDay] : 1;
        foreach (var channel in Channels.All)
        {
            var c = (int)channel;
            var arrivals = Poisson(_ratePerTick[c] * curve);
            for (var n = 0; n < arrivals; n++)
            {
                var skill = Pick(_skillWeights[c]);
                var cellIndex = (c * skills) + skill;
                var cell = Statistics.NewContact(channel, skill, Pick(_websiteWeights[skill]));
                ref var counters = ref Statistics.Contact(cell);
                counters.Number++;
                if (TakeCandidate(channel, cellIndex) is { } op)
                {
                    Answer(op, channel, cell, 0, fromQueue: false);
                    any = true;
                }
                else if (_inProduction[cellIndex] == 0)
                {
                    counters.MissedNone++;
                }
                else if (Models[c].HasQueue && _queues[cellIndex].Count < _inProduction[cellIndex])
                {
                    // The waiting room holds one visitor per operator in production on the skill.
                    counters.Queued++;
                    var patience = (long)Math.Ceiling(_patienceTicks * (0.5 + _random.NextDouble()));
                    _queues[cellIndex].Add(new WaitingContact(_tick, _tick + patience, cell));
                }
                else
                {
                    counters.MissedBusy++;
                }
            }
        }

        return any;
    }

    /// <summary>The less loaded of two random candidates of the skill; no sorting, so O(1) per contact.</summary>
    private OperatorState? TakeCandidate(Channel channel, int cell)
    {
        var candidates = _candidates[cell];
        while (candidates.Count > 0)
        {
            // An operator is listed under each of their skills, so one filled through another skill is dropped here.
            var pick = _random.Next(candidates.Count);
            if (!Roster.CanTake(candidates[pick], channel))
            {
                RemoveAt(candidates, pick);
                continue;
            }

            var other = _random.Next(candidates.Count);
            if (!Roster.CanTake(candidates[other], channel))
            {
                RemoveAt(candidates, other);
                continue;
            }

            return IsLessLoaded(candidates[other], candidates[pick], channel) ? candidates[other] : candidates[pick];
        }

        return null;
    }

    private static void RemoveAt(List<OperatorState> list, int index)
    {
        list[index] = list[^1];
        list.RemoveAt(list.Count - 1);
    }

    private static bool IsLessLoaded(OperatorState a, OperatorState b, Channel channel) =>
        (long)a.Slots[(int)channel] * b.Profile.SlotMax(channel) < (long)b.Slots[(int)channel] * a.Profile.SlotMax(channel);

    private void Answer(OperatorState op, Channel channel, StatisticCell cell, long waitedTicks, bool fromQueue)
    {
        var model = Models[(int)channel];
        var handle = HandleTicks(channel);
        Assign(op, channel, handle);
        var waited = waitedTicks * _tickSeconds;
        ref var counters = ref Statistics.Contact(cell);
        if (fromQueue)
        {
            counters.QueueAnswered++;
            counters.QueueWaitSeconds += waited;
        }
        else
        {
            counters.AnsweredDirectly++;
        }

        counters.AnsweredSeconds += waited + _random.Next(model.MinResponseSeconds, model.MaxResponseSeconds + 1);
        counters.HandleSeconds += handle * _tickSeconds;
    }

    private int HandleTicks(Channel channel)
    {
        var model = Models[(int)channel];
        return _random.Next(model.MinHandleTicks, model.MaxHandleTicks + 1);
    }

    private int Pick(double[] cumulative)
    {
        var roll = _random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, roll);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }

    private int Poisson(double rate)
    {
        if (rate < 30)
        {
            var threshold = Math.Exp(-rate);
            var count = 0;
            for (var product = _random.NextDouble(); product > threshold; product *= _random.NextDouble())
            {
                count++;
            }

            return count;
        }

        // Knuth's method underflows for large rates; the normal approximation is good there.
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return Math.Max(0, (int)Math.Round(rate + (Math.Sqrt(rate) * gaussian)));
    }

    /// <summary>
    /// Demand per skill follows the capacity that serves it (each operator's slots shared among their skills), so no
    /// skill is starved by construction; websites per skill follow the operators who work on them.
    /// </summary>
    private (double[][] Skills, double[][] Websites) DemandWeights()
    {
        var skills = new double[Channels.Count][];
        var websites = new double[_skillCount][];
        for (var c = 0; c < Channels.Count; c++)
        {
            skills[c] = new double[_skillCount];
        }

        for (var s = 0; s < _skillCount; s++)
        {
            websites[s] = new double[_websiteCount];
        }

        foreach (var op in _roster.Operators)
        {
            foreach (var channel in Channels.All)
            {
                if (op.Profile.IsEnabled(channel))
                {
                    foreach (var skill in op.SkillIndexes)
                    {
                        skills[(int)channel][skill] += op.Profile.SlotMax(channel) / (double)op.SkillIndexes.Length;
                    }
                }
            }

            foreach (var skill in op.SkillIndexes)
            {
                for (var w = 0; w < _websiteCount; w++)
                {
                    if (((op.WebsiteSet + 1) & (1 << w)) != 0)
                    {
                        websites[skill][w]++;
                    }
                }
            }
        }

        foreach (var weights in skills.Concat(websites))
        {
            for (var i = 1; i < weights.Length; i++)
            {
                weights[i] += weights[i - 1];
            }
        }

        return (skills, websites);
    }

    private void SetArrivalRates(double? contactsPerMinute)
    {
        for (var c = 0; c < Channels.Count; c++)
        {
            var model = Models[c];
            var capacity = _roster.Operators.Where(o => o.Profile.IsEnabled((Channel)c) && o.SkillIndexes.Length > 0)
                .Sum(o => o.Profile.SlotMax((Channel)c));
            _ratePerTick[c] = model.TargetOccupancy * capacity * ExpectedConnectedShare / model.MeanHandleTicks;
        }

        if (contactsPerMinute is { } perMinute)
        {
            // The channels keep the shares the roster gives them; only the total changes.
            var automatic = _ratePerTick.Sum();
            var perTick = perMinute * _tickSeconds / 60;
            for (var c = 0; c < Channels.Count; c++)
            {
                _ratePerTick[c] = automatic > 0 ? perTick * _ratePerTick[c] / automatic : 0;
            }
        }
    }

    private sealed record ChannelModel(
        double TargetOccupancy, int MinHandleTicks, int MaxHandleTicks, int MinResponseSeconds, int MaxResponseSeconds, bool HasQueue)
    {
        public double MeanHandleTicks => (MinHandleTicks + MaxHandleTicks) / 2.0;
    }

    private readonly record struct WaitingContact(long ArrivedAt, long GivesUpAt, StatisticCell Cell);
}
