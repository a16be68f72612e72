using Xunit.Sdk;
using Xunit.v3;

namespace Dashboard.Tests;

/// <summary>
/// Starts the test classes that take longest first (<see cref="Longest"/>, from a run's TRX durations), the others after
/// them in xunit's own order. Classes run in parallel a few at a time: a long class started last would run alone at the
/// end while the other threads have nothing left to do.
/// </summary>
public abstract class LongestFirstOrderer : ITestCollectionOrderer
{
    /// <summary>Simple names of the longest test classes, longest first.</summary>
    protected abstract IReadOnlyList<string> Longest { get; }

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        [.. DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections).OrderBy(collection => Rank(collection))];

    // A class's own collection is named "Test collection for Namespace.Class (id: ...)".
    private int Rank(ITestCollection collection)
    {
        var name = collection.TestCollectionDisplayName;
        for (var i = 0; i < Longest.Count; i++)
        {
            if (name.Contains($".{Longest[i]} ", StringComparison.Ordinal) || name.EndsWith($".{Longest[i]}", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Longest.Count;
    }
}
