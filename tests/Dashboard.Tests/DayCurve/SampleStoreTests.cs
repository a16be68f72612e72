using Dashboard.DayCurve;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.DayCurve;

[Trait("Database", "Postgres")]
public sealed class SampleStoreTests : IAsyncDisposable
{
    private readonly SampleDatabase _db = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static AvailabilitySample Sample(DateTimeOffset at, int freeChat) =>
        new() { At = at, AvailableChat = 4, AvailableCall = 2, AvailableVideo = 1, FreeSlotsChat = freeChat, FreeSlotsCall = 2, FreeSlotsVideo = 0 };

    [Fact]
    public async Task Samples_are_read_back_from_a_moment_on_oldest_first_with_every_figure()
    {
        var start = _db.Clock.GetUtcNow();
        await _db.Store.AddAsync(Sample(start.AddMinutes(2), 5), Token);
        await _db.Store.AddAsync(Sample(start.AddMinutes(-1), 9), Token);
        await _db.Store.AddAsync(Sample(start, 7), Token);

        var read = await _db.Store.ReadSinceAsync(start, Token);

        read.Select(s => (s.At, s.FreeSlotsChat)).ShouldBe([(start, 7), (start.AddMinutes(2), 5)]);
        read[0].AvailableChat.ShouldBe(4);
        read[0].AvailableCall.ShouldBe(2);
        read[0].AvailableVideo.ShouldBe(1);
        read[0].FreeSlotsCall.ShouldBe(2);
        read[0].FreeSlotsVideo.ShouldBe(0);
    }

    [Fact]
    public async Task The_retention_sweep_deletes_only_samples_older_than_the_retention()
    {
        var now = _db.Clock.GetUtcNow();
        await _db.Store.AddAsync(Sample(now - TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1), 1), Token);
        await _db.Store.AddAsync(Sample(now - TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1), 2), Token);
        await _db.Store.AddAsync(Sample(now, 3), Token);
        var retention = new SampleRetention(_db.Store, Options.Create(new SampleOptions { Retention = TimeSpan.FromDays(3) }), _db.Clock, NullLogger<SampleRetention>.Instance);

        var deleted = await retention.SweepAsync(Token);

        deleted.ShouldBe(1);
        (await _db.AllAsync()).Select(s => s.FreeSlotsChat).ShouldBe([2, 3]);
    }
}
