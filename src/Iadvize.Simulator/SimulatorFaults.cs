namespace Iadvize.Simulator;

/// <summary>
/// Faults the simulated API injects into its answers, switchable at run time (<see cref="SimulatedPlatform.Faults"/>,
/// <c>GET</c>/<c>PUT /simulator/faults</c>, the <c>/simulator/admin</c> page) or at start (configuration section
/// <c>Simulator:Faults</c>). Faults only shape answers: a faulted request never changes the simulated state.
/// </summary>
public sealed record SimulatorFaults
{
    /// <summary>The longest <see cref="Latency"/> and <see cref="Hang"/> accepted.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    /// <summary>No fault: every request is answered at once and correctly.</summary>
    public static SimulatorFaults None { get; } = new();

    /// <summary>Delay added before every API answer, faulted or not (0 to 60 s).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Share of API requests (0 to 1) answered with a server error: 500 with an error envelope, or 502/503 from a "proxy".</summary>
    public double ErrorRate { get; init; }

    /// <summary>Share of API requests (0 to 1) answered <c>429 Too Many Requests</c> with a <c>Retry-After</c> header.</summary>
    public double RateLimitRate { get; init; }

    /// <summary>The <c>Retry-After</c> sent with a 429, rounded up to whole seconds.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of API requests (0 to 1) that hang for <see cref="Hang"/>, then answer <c>504</c>, unless the client gives up first.</summary>
    public double TimeoutRate { get; init; }

    /// <summary>How long a hanging request hangs (more than 0, at most 60 s).</summary>
    public TimeSpan Hang { get; init; } = MaxDelay;

    /// <summary>Share of API requests (0 to 1) answered <c>200</c> with a body that is not valid JSON (HTML or truncated JSON).</summary>
    public double MalformedRate { get; init; }

    /// <summary>When on, the right API key is answered <c>Forbidden</c>, as if it had been revoked.</summary>
    public bool RejectKey { get; init; }

    /// <summary>Whether any fault is switched on.</summary>
    public bool IsActive =>
        Latency > TimeSpan.Zero || ErrorRate > 0 || RateLimitRate > 0 || TimeoutRate > 0 || MalformedRate > 0 || RejectKey;

    /// <summary>What is wrong with these settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Latency < TimeSpan.Zero || Latency > MaxDelay)
        {
            errors.Add($"Latency must be between 0 and {MaxDelay.TotalSeconds} s.");
        }

        if (Hang <= TimeSpan.Zero || Hang > MaxDelay)
        {
            errors.Add($"Hang must be more than 0 and at most {MaxDelay.TotalSeconds} s.");
        }

        if (RetryAfter < TimeSpan.Zero || RetryAfter > TimeSpan.FromHours(1))
        {
            errors.Add("RetryAfter must be between 0 and 1 hour.");
        }

        foreach (var (name, rate) in new[] { (nameof(ErrorRate), ErrorRate), (nameof(RateLimitRate), RateLimitRate), (nameof(TimeoutRate), TimeoutRate), (nameof(MalformedRate), MalformedRate) })
        {
            if (!(rate >= 0 && rate <= 1))
            {
                errors.Add($"{name} must be between 0 and 1.");
            }
        }

        // One roll decides the fault of a request, so the shares have to fit in one.
        if (ErrorRate + RateLimitRate + TimeoutRate + MalformedRate > 1 + 1e-9)
        {
            errors.Add("ErrorRate + RateLimitRate + TimeoutRate + MalformedRate must be at most 1.");
        }

        return errors;
    }
}
