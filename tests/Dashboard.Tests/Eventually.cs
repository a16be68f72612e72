using System.Diagnostics;

namespace Dashboard.Tests;

/// <summary>
/// The one way tests wait for what the code under test does in its own time (a poll, a push, a background write, a
/// process starting): ask again every few milliseconds until it holds, and otherwise fail saying what did not happen
/// and what was seen last. Never a fixed sleep: a wait ends as soon as the thing happens.
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts unless the test says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> holds; <paramref name="what"/> names it for the failure message.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout, interval);

    /// <summary>Waits until <paramref name="condition"/> holds; <paramref name="what"/> names it for the failure message.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        await ValueAsync(condition, done => done, what, timeout, interval);

    /// <summary>
    /// Asks <paramref name="probe"/> until its answer is <paramref name="done"/>, and returns that answer. On timeout the
    /// failure says <paramref name="what"/> did not happen and shows the last answer.
    /// </summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var token = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        using var ticks = new PeriodicTimer(interval ?? DefaultInterval);
        while (true)
        {
            var last = await probe();
            if (done(last))
            {
                return last;
            }

            if (clock.Elapsed >= limit)
            {
                var seen = last is bool ? "" : $" (last seen: {Describe(last)})";
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what}, but it did not happen{seen}.");
            }

            await ticks.WaitForNextTickAsync(token);
        }
    }

    /// <summary>
    /// Runs <paramref name="assertion"/> until it passes; on timeout fails with the last assertion's own message, after
    /// saying what did not happen.
    /// </summary>
    public static async Task PassesAsync(Func<Task> assertion, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var token = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        using var ticks = new PeriodicTimer(interval ?? DefaultInterval);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !token.IsCancellationRequested)
            {
                if (clock.Elapsed >= limit)
                {
                    throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what}, but it did not happen: {failure.Message}", failure);
                }
            }

            await ticks.WaitForNextTickAsync(token);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "nothing",
        string text => $"\"{text}\"",
        System.Collections.ICollection items => $"{items.Count} item(s)",
        _ => value.ToString() ?? "?",
    };
}
