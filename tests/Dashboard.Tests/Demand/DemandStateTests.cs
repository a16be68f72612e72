using Dashboard.Demand;
using Dashboard.Live;
using Dashboard.Tests.Localization;

namespace Dashboard.Tests.Demand;

public sealed class DemandStateTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 11, 25, 14, 5, 0, TimeSpan.FromHours(1));

    private static readonly Microsoft.Extensions.Localization.IStringLocalizer English = TestTexts.Localizer;

    private static DemandState Loaded() =>
        new(DemandBuilder.Today(ReadAt.Date).With(ChannelKind.Chat, DemandIndicator.Waiting, 4).Build(), ReadAt, ReadAt.AddMinutes(2), null);

    [Fact]
    public void Nothing_read_yet_is_stale_and_says_so()
    {
        DemandState.NotLoaded.IsStale(ReadAt).ShouldBeTrue();
        DemandState.NotLoaded.Describe(ReadAt, English).ShouldBe("Demand not loaded yet.");
        (DemandState.NotLoaded with { Problem = "The request budget is kept for the live poll." }).Describe(ReadAt, English)
            .ShouldBe("Demand not loaded yet. The request budget is kept for the live poll.");
    }

    [Fact]
    public void Fresh_figures_are_not_stale_until_two_periods_pass()
    {
        var state = Loaded();

        state.IsStale(ReadAt.AddMinutes(2)).ShouldBeFalse();
        state.Describe(ReadAt.AddMinutes(1), English).ShouldBeNull();
        state.IsStale(ReadAt.AddMinutes(2).AddSeconds(1)).ShouldBeTrue();
        state.Describe(ReadAt.AddMinutes(3), English).ShouldBe("Demand not updated since 14:05.");
    }

    [Fact]
    public void A_failed_read_keeps_the_figures_and_says_since_when_and_why()
    {
        var before = Loaded();

        var after = before with { Problem = "Reading the chat statistics failed: The iAdvize API failed (HTTP 500)." };

        after.Figures.ShouldBeSameAs(before.Figures);
        after.IsStale(ReadAt.AddSeconds(1)).ShouldBeTrue();
        after.Describe(ReadAt.AddSeconds(1), English).ShouldBe("Demand not updated since 14:05. Reading the chat statistics failed: The iAdvize API failed (HTTP 500).");
    }

    [Fact]
    public void The_reason_is_told_in_the_persons_language()
    {
        using var french = TestTexts.InCulture("fr-FR");

        Loaded().Describe(ReadAt.AddMinutes(3), TestTexts.Localizer).ShouldBe("Demande non mise à jour depuis 14:05.");
        DemandState.NotLoaded.Describe(ReadAt, TestTexts.Localizer).ShouldBe("Demande pas encore chargée.");
    }

    [Fact]
    public void The_store_tells_listeners_of_changes_only_and_keeps_figures_through_problems()
    {
        var store = new DemandStore();
        var told = 0;
        using var subscription = store.Subscribe(() => told++);
        var figures = Loaded().Figures!;

        store.Publish(figures, ReadAt, ReadAt.AddMinutes(2));
        store.ReportProblem("Down.");
        store.ReportProblem("Down.");

        told.ShouldBe(2);
        store.Current.Figures.ShouldBeSameAs(figures);
        store.Current.Problem.ShouldBe("Down.");
        subscription.Dispose();
        store.ListenerCount.ShouldBe(0);
    }
}
