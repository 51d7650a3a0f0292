using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Gamification.Tests.Support.LongestFirstCollectionOrderer", "Gamification.Tests")]

namespace Gamification.Tests.Support;

/// <summary>
/// Starts the longest test collections first. xunit runs <c>maxParallelThreads</c> collections at a time
/// (xunit.runner.json: 2, one per core) and starts the next when one ends; the axe walks and the browser flows take
/// minutes each (an app and a Chromium each, their tests in sequence), so started late they would run on alone at the
/// end while the other core idles. Longest first, the hundreds of short classes fill in beside them. The order changes
/// when tests run, never what they do. (4 at a time was tried: the suite is CPU-bound, and it took longer.)
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    /// <summary>Collections (by display name) that take much longer than a class's usual seconds, longest first.</summary>
    private static readonly string[] Long =
    [
        "browser-axe",
        "browser",
        "Points.ConcurrencyTests",
        "Security.FuzzCorpusTests",
        "Scale.ThreeInstancesTests",
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.Select((collection, index) => (collection, index))
            .OrderBy(x => Rank(x.collection.DisplayName))
            .ThenBy(x => x.index)
            .Select(x => x.collection);

    private static int Rank(string name)
    {
        for (var i = 0; i < Long.Length; i++)
        {
            if (name.StartsWith(Long[i], StringComparison.Ordinal) || name.EndsWith(Long[i], StringComparison.Ordinal))
            {
                return i;
            }
        }
        return Long.Length;
    }
}
