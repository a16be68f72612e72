namespace Iadvize.Simulator;

/// <summary>
/// The faults the API answers with now, and the dice that pick one for each request. The dice have their own
/// generator, so switching faults on never changes the simulated activity, and their own lock, so a request never
/// waits for a tick.
/// </summary>
internal sealed class FaultDice
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private SimulatorFaults _faults;

    public FaultDice(int seed, SimulatorFaults faults)
    {
        ThrowIfInvalid(faults);
        _faults = faults;
        _random = new Random(unchecked(seed ^ 0x5EED_FA17));
    }

    /// <summary>Takes effect on the next request; invalid settings throw <see cref="ArgumentException"/>.</summary>
    public SimulatorFaults Faults
    {
        get => Volatile.Read(ref _faults);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ThrowIfInvalid(value);
            Volatile.Write(ref _faults, value);
        }
    }

    /// <summary>Picks the fault of one API request; reproducible for a seed.</summary>
    public FaultKind Next(SimulatorFaults faults)
    {
        if (faults.ErrorRate + faults.RateLimitRate + faults.TimeoutRate + faults.MalformedRate <= 0)
        {
            return FaultKind.None;
        }

        double roll, pick;
        lock (_gate)
        {
            roll = _random.NextDouble();
            pick = _random.NextDouble();
        }

        if ((roll -= faults.ErrorRate) < 0)
        {
            return pick < 0.6 ? FaultKind.ServerError : pick < 0.8 ? FaultKind.BadGateway : FaultKind.ServiceUnavailable;
        }

        if ((roll -= faults.RateLimitRate) < 0)
        {
            return FaultKind.RateLimited;
        }

        if ((roll -= faults.TimeoutRate) < 0)
        {
            return FaultKind.Hang;
        }

        return roll - faults.MalformedRate < 0
            ? pick < 0.5 ? FaultKind.HtmlBody : FaultKind.TruncatedJson
            : FaultKind.None;
    }

    private static void ThrowIfInvalid(SimulatorFaults faults)
    {
        var errors = faults.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(' ', errors), nameof(faults));
        }
    }
}
