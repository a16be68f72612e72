using Dashboard.Live;

namespace Dashboard.Tests.Live;

public sealed class ListenersTests
{
    [Fact]
    public void A_listener_is_told_until_its_subscription_is_disposed_and_disposing_twice_removes_it_once()
    {
        var listeners = new Listeners<string>();
        var first = listeners.Add("a");
        using var second = listeners.Add("b");
        var before = listeners.Current;

        first.Dispose();
        first.Dispose();

        listeners.Current.ShouldBe(["b"]);
        before.ShouldBe(["a", "b"], "a change makes a new array and leaves the one being read as it was");
    }

    [Fact]
    public async Task Listeners_added_and_removed_from_many_threads_at_once_are_all_counted()
    {
        var listeners = new Listeners<object>();
        var kept = new System.Collections.Concurrent.ConcurrentBag<IDisposable>();

        await Parallel.ForAsync(0, 1_000, TestContext.Current.CancellationToken, (i, _) =>
        {
            var subscription = listeners.Add(new object());
            if (i % 2 == 0)
            {
                subscription.Dispose();
            }
            else
            {
                kept.Add(subscription);
            }

            return ValueTask.CompletedTask;
        });

        listeners.Count.ShouldBe(500);
        foreach (var subscription in kept)
        {
            subscription.Dispose();
        }

        listeners.Count.ShouldBe(0);
    }
}
