namespace Dashboard.Live;

/// <summary>
/// Who is told of a store's changes: a copy-on-write array, so that telling them reads it without a lock and allocates
/// nothing, while adding and removing (rare: a page opens or closes) copy it. Safe from any thread.
/// </summary>
public sealed class Listeners<T>
    where T : class
{
    private T[] _items = [];

    /// <summary>The listeners now; a later change makes a new array and leaves this one as it is.</summary>
    public T[] Current => Volatile.Read(ref _items);

    public int Count => Current.Length;

    /// <summary>Adds <paramref name="listener"/>; dispose the answer to remove it (a forgotten one keeps a whole circuit alive).</summary>
    public IDisposable Add(T listener)
    {
        Swap(items => [.. items, listener]);
        return new Subscription(this, listener);
    }

    private void Remove(T listener) => Swap(items => Array.IndexOf(items, listener) is var index and >= 0
        ? [.. items.AsSpan(0, index), .. items.AsSpan(index + 1)]
        : items);

    private void Swap(Func<T[], T[]> change)
    {
        while (true)
        {
            var before = Volatile.Read(ref _items);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _items, change(before), before), before))
            {
                return;
            }
        }
    }

    private sealed class Subscription(Listeners<T> listeners, T listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                listeners.Remove(listener);
            }
        }
    }
}
