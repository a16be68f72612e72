using Dashboard.Live;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Widgets;

/// <summary>
/// Paces the rows a change set changes, so that no render batch grows past a budget. One change set can change a large
/// share of a Manager's rows (some 2,000 characters each); drawn at once, such a batch outgrows the shared array pool's
/// 32 and 64 KB buffers, and the pool then keeps a 128 or 256 KB buffer for every page that drew at the same moment.
/// A changed row beyond the budget keeps the markup already on the screen until a later batch takes it, oldest change
/// first. One per grid (circuit): it remembers a reference per drawn row, not the rows' markup, which is shared.
/// </summary>
public sealed class RowPacing
{
    private readonly Dictionary<int, MarkupString> _shown = [];
    private readonly Dictionary<int, MarkupString> _held = [];
    private readonly Queue<int> _waiting = new();

    /// <summary>Whether rows are still held back: the grid draws again once the last batch has reached the browser.</summary>
    public bool IsHolding => _waiting.Count > 0;

    /// <summary>The grid draws every row anew (another filter or order): nothing on the screen is kept.</summary>
    public void Reset()
    {
        _shown.Clear();
        _held.Clear();
        _waiting.Clear();
    }

    /// <summary>
    /// Before the grid takes the snapshot after <paramref name="changeSet"/>: each drawn row that it changes is held with
    /// the markup on the screen, unless it is held already (then the screen still shows that markup).
    /// </summary>
    public void Hold(ChangeSet changeSet)
    {
        foreach (var change in changeSet.Changes)
        {
            if (change.Kind == ChangeKind.Removed)
            {
                _shown.Remove(change.OperatorId);
            }
            else if (change.Kind == ChangeKind.Updated && _shown.TryGetValue(change.OperatorId, out var onScreen)
                && _held.TryAdd(change.OperatorId, onScreen))
            {
                _waiting.Enqueue(change.OperatorId);
            }
        }
    }

    /// <summary>
    /// Lets held rows go, oldest change first, until their new markup (<paramref name="sizeOf"/>, in characters; 0 for
    /// a row no longer shown) reaches <paramref name="budget"/>; at least one goes, so that drawing always moves on.
    /// </summary>
    public void Release(int budget, Func<int, int> sizeOf)
    {
        var size = 0;
        while ((size == 0 || size < budget) && _waiting.TryDequeue(out var id))
        {
            if (_held.Remove(id))
            {
                size += sizeOf(id);
            }
        }
    }

    /// <summary>
    /// The row of <paramref name="op"/> to draw: the held markup, or <paramref name="fresh"/>'s, then remembered as what
    /// the screen shows.
    /// </summary>
    public MarkupString Draw(OperatorState op, Func<OperatorState, MarkupString> fresh)
    {
        if (_held.TryGetValue(op.Id, out var onScreen))
        {
            return onScreen;
        }

        var markup = fresh(op);
        _shown[op.Id] = markup;
        return markup;
    }
}
