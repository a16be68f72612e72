namespace Iadvize.Simulator;

/// <summary>What happened to the contacts that arrived in one hour, for one channel, skill and website.</summary>
internal struct ContactCounters
{
    public long Number;
    public long AnsweredDirectly;
    public long Queued;
    public long QueueAnswered;
    public long QueueAborted;
    public long MissedBusy;
    public long MissedNone;
    public double AnsweredSeconds;
    public double HandleSeconds;
    public double QueueWaitSeconds;
    public double AbortWaitSeconds;

    public readonly long Answered => AnsweredDirectly + QueueAnswered;

    public readonly long StillWaiting => Queued - QueueAnswered - QueueAborted;

    public void Add(in ContactCounters other)
    {
        Number += other.Number;
        AnsweredDirectly += other.AnsweredDirectly;
        Queued += other.Queued;
        QueueAnswered += other.QueueAnswered;
        QueueAborted += other.QueueAborted;
        MissedBusy += other.MissedBusy;
        MissedNone += other.MissedNone;
        AnsweredSeconds += other.AnsweredSeconds;
        HandleSeconds += other.HandleSeconds;
        QueueWaitSeconds += other.QueueWaitSeconds;
        AbortWaitSeconds += other.AbortWaitSeconds;
    }
}

/// <summary>Operator-ticks spent in each presence state in one hour, for one channel, skill and set of websites.</summary>
internal struct PresenceCounters
{
    public long Presence;
    public long Production;
    public long MaxOccupied;
    public long PartiallyOccupied;
    public long NotOccupied;
    public long NonProduction;

    public void Add(in PresenceCounters other)
    {
        Presence += other.Presence;
        Production += other.Production;
        MaxOccupied += other.MaxOccupied;
        PartiallyOccupied += other.PartiallyOccupied;
        NotOccupied += other.NotOccupied;
        NonProduction += other.NonProduction;
    }
}

/// <summary>Where a waiting or finished contact is counted: the hour it arrived in and its cell there.</summary>
internal readonly record struct StatisticCell(int Slot, long HourKey, int Cell);

/// <summary>
/// Hourly aggregates of the activity for the last <see cref="Hours"/> hours, in a ring so memory stays bounded however
/// long the simulator runs. Contacts are counted in the hour they arrived, whenever they end, so that an hour's
/// contacts always add up. Not thread-safe: the platform's lock guards it.
/// </summary>
internal sealed class StatisticsBook
{
    public const int Hours = 48;
    private const long NoHour = long.MinValue;

    private readonly long[] _hourKeys = new long[Hours];
    private readonly ContactCounters[][] _contacts;
    private readonly PresenceCounters[][] _presence;
    private int _current = -1;
    private ContactCounters _discarded;

    public StatisticsBook(int skillCount, int websiteCount)
    {
        SkillCount = skillCount;
        WebsiteCount = websiteCount;
        WebsiteSetCount = (1 << websiteCount) - 1;
        Array.Fill(_hourKeys, NoHour);
        _contacts = new ContactCounters[Hours][];
        _presence = new PresenceCounters[Hours][];
        for (var i = 0; i < Hours; i++)
        {
            _contacts[i] = new ContactCounters[Channels.Count * skillCount * websiteCount];
            // One more skill slot holds every operator once, whatever their skills.
            _presence[i] = new PresenceCounters[Channels.Count * (skillCount + 1) * WebsiteSetCount];
        }
    }

    public int SkillCount { get; }

    public int WebsiteCount { get; }

    public int WebsiteSetCount { get; }

    public int AllSkills => SkillCount;

    /// <summary>Moves to the hour of <paramref name="hourKey"/> (hours since 0001-01-01), clearing the slot it reuses.</summary>
    public void Enter(long hourKey)
    {
        var slot = (int)(hourKey % Hours);
        if (_hourKeys[slot] != hourKey)
        {
            _hourKeys[slot] = hourKey;
            Array.Clear(_contacts[slot]);
            Array.Clear(_presence[slot]);
        }

        _current = slot;
    }

    public StatisticCell NewContact(Channel channel, int skill, int website) =>
        new(_current, _hourKeys[_current], ((((int)channel * SkillCount) + skill) * WebsiteCount) + website);

    /// <summary>The counters of a contact, or a throwaway when its hour has left the ring.</summary>
    public ref ContactCounters Contact(StatisticCell cell)
    {
        if (_hourKeys[cell.Slot] == cell.HourKey)
        {
            return ref _contacts[cell.Slot][cell.Cell];
        }

        _discarded = default;
        return ref _discarded;
    }

    public ref PresenceCounters Presence(Channel channel, int skillSlot, int websiteSet) =>
        ref _presence[_current][((((int)channel * (SkillCount + 1)) + skillSlot) * WebsiteSetCount) + websiteSet];

    /// <summary>Sums the hours kept in the ring into groups.</summary>
    /// <param name="fromHour">First hour included (hours since 0001-01-01).</param>
    /// <param name="toHour">First hour excluded.</param>
    /// <param name="channels">Bit per channel to include.</param>
    /// <param name="websites">Bit per website index to include.</param>
    /// <param name="skill">A skill index to keep, or null for all.</param>
    /// <param name="bySkill">One group per skill (else one group for all skills).</param>
    /// <param name="period">The period an hour belongs to (else one period for all hours).</param>
    public SortedDictionary<(long Period, int Skill), (ContactCounters Contacts, PresenceCounters Presence)> Sum(
        long fromHour, long toHour, int channels, int websites, int? skill, bool bySkill, Func<long, long>? period)
    {
        var groups = new SortedDictionary<(long Period, int Skill), (ContactCounters Contacts, PresenceCounters Presence)>();
        for (var slot = 0; slot < Hours; slot++)
        {
            var hour = _hourKeys[slot];
            if (hour == NoHour || hour < fromHour || hour >= toHour)
            {
                continue;
            }

            var periodKey = period?.Invoke(hour) ?? 0;
            for (var c = 0; c < Channels.Count; c++)
            {
                if ((channels & (1 << c)) == 0)
                {
                    continue;
                }

                for (var s = 0; s < SkillCount; s++)
                {
                    if (skill is { } only && s != only)
                    {
                        continue;
                    }

                    var key = (periodKey, bySkill ? s : -1);
                    groups.TryGetValue(key, out var sums);
                    for (var w = 0; w < WebsiteCount; w++)
                    {
                        if ((websites & (1 << w)) != 0)
                        {
                            sums.Contacts.Add(_contacts[slot][(((c * SkillCount) + s) * WebsiteCount) + w]);
                        }
                    }

                    if (bySkill || skill is not null)
                    {
                        AddPresence(ref sums.Presence, slot, c, s, websites);
                    }

                    groups[key] = sums;
                }

                if (!bySkill && skill is null)
                {
                    var key = (periodKey, -1);
                    groups.TryGetValue(key, out var sums);
                    AddPresence(ref sums.Presence, slot, c, AllSkills, websites);
                    groups[key] = sums;
                }
            }
        }

        return groups;
    }

    private void AddPresence(ref PresenceCounters sums, int slot, int channel, int skillSlot, int websites)
    {
        for (var set = 0; set < WebsiteSetCount; set++)
        {
            // Set index + 1 is the mask of the websites an operator works on.
            if (((set + 1) & websites) != 0)
            {
                sums.Add(_presence[slot][(((channel * (SkillCount + 1)) + skillSlot) * WebsiteSetCount) + set]);
            }
        }
    }
}
