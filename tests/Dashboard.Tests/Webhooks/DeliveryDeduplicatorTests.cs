using Dashboard.Webhooks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Webhooks;

public sealed class DeliveryDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Memory_stays_bounded_by_forgetting_the_oldest_ids_first()
    {
        var deduplicator = new DeliveryDeduplicator(Options.Create(new WebhookOptions { MaxRememberedIds = 100 }), _time);

        for (var i = 0; i < 1_000; i++)
        {
            deduplicator.TryRemember($"evt-{i}", $"corr-{i}").ShouldBeTrue();
        }

        deduplicator.Count.ShouldBeLessThanOrEqualTo(100);
        deduplicator.TryRemember("evt-999", null).ShouldBeFalse();
        deduplicator.TryRemember("evt-0", null).ShouldBeTrue();
    }

    [Fact]
    public void Ids_older_than_the_window_are_dropped_from_memory()
    {
        var deduplicator = new DeliveryDeduplicator(Options.Create(new WebhookOptions { DeduplicationWindow = TimeSpan.FromMinutes(10) }), _time);
        for (var i = 0; i < 50; i++)
        {
            deduplicator.TryRemember($"evt-{i}", null);
        }

        _time.Advance(TimeSpan.FromMinutes(10));
        deduplicator.TryRemember("evt-new", null);

        deduplicator.Count.ShouldBe(1);
    }
}
