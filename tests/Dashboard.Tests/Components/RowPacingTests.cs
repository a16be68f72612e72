using Dashboard.Components.Widgets;
using Dashboard.Live;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Components;

public sealed class RowPacingTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static OperatorState Op(int id) => OperatorBuilder.An(id);

    private static ChangeSet Changed(long sequence, params int[] ids) =>
        new(sequence, At, [.. ids.Select(id => new OperatorChange(id, ChangeKind.Updated, Op(id), ChannelMask.Chat))]);

    private static Func<OperatorState, MarkupString> Markup(string version) => op => new MarkupString($"<tr>{op.Id} {version}</tr>");

    // Draws every row of ids with markup of the given version, as a render of the grid would.
    private static string[] DrawAll(RowPacing pacing, string version, params int[] ids) =>
        [.. ids.Select(id => pacing.Draw(Op(id), Markup(version)).Value)];

    [Fact]
    public void Rows_changed_beyond_the_budget_keep_the_markup_on_the_screen_until_released()
    {
        var pacing = new RowPacing();
        DrawAll(pacing, "old", 1, 2, 3, 4);

        pacing.Hold(Changed(1, 1, 2, 3, 4));
        pacing.Release(budget: 20, sizeOf: _ => 10);

        DrawAll(pacing, "new", 1, 2, 3, 4).ShouldBe(["<tr>1 new</tr>", "<tr>2 new</tr>", "<tr>3 old</tr>", "<tr>4 old</tr>"]);
        pacing.IsHolding.ShouldBeTrue();

        pacing.Release(budget: 20, sizeOf: _ => 10);

        DrawAll(pacing, "new", 1, 2, 3, 4).ShouldAllBe(markup => markup.EndsWith("new</tr>", StringComparison.Ordinal));
        pacing.IsHolding.ShouldBeFalse();
    }

    [Fact]
    public void At_least_one_row_goes_however_large_it_is()
    {
        var pacing = new RowPacing();
        DrawAll(pacing, "old", 1, 2);
        pacing.Hold(Changed(1, 1, 2));

        pacing.Release(budget: 100, sizeOf: _ => 5_000);

        DrawAll(pacing, "new", 1, 2).ShouldBe(["<tr>1 new</tr>", "<tr>2 old</tr>"]);
    }

    [Fact]
    public void A_held_row_that_changes_again_still_shows_what_the_screen_has_and_waits_its_first_turn()
    {
        var pacing = new RowPacing();
        DrawAll(pacing, "v1", 1, 2);
        pacing.Hold(Changed(1, 1, 2));
        pacing.Release(budget: 10, sizeOf: _ => 10);
        DrawAll(pacing, "v2", 1, 2).ShouldBe(["<tr>1 v2</tr>", "<tr>2 v1</tr>"]);

        pacing.Hold(Changed(2, 2, 1));
        pacing.Release(budget: 10, sizeOf: _ => 10);

        DrawAll(pacing, "v3", 1, 2).ShouldBe(["<tr>1 v2</tr>", "<tr>2 v3</tr>"], "operator 2 waited longest; 1 keeps the v2 on screen");
    }

    [Fact]
    public void Rows_never_drawn_and_removed_operators_are_not_held()
    {
        var pacing = new RowPacing();
        DrawAll(pacing, "old", 1);
        pacing.Hold(new ChangeSet(1, At, [new OperatorChange(1, ChangeKind.Removed, null, ChannelMask.None)]));

        pacing.Hold(Changed(2, 1, 2));

        pacing.IsHolding.ShouldBeFalse("operator 1 left the grid and operator 2 was never drawn");
        DrawAll(pacing, "new", 1, 2).ShouldBe(["<tr>1 new</tr>", "<tr>2 new</tr>"]);
    }

    [Fact]
    public void A_new_filter_or_order_draws_everything_fresh()
    {
        var pacing = new RowPacing();
        DrawAll(pacing, "old", 1, 2);
        pacing.Hold(Changed(1, 1, 2));

        pacing.Reset();

        pacing.IsHolding.ShouldBeFalse();
        DrawAll(pacing, "new", 1, 2).ShouldBe(["<tr>1 new</tr>", "<tr>2 new</tr>"]);
    }
}
