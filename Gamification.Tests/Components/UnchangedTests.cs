using Gamification.Web.Components.Shared;

namespace Gamification.Tests.Components;

/// <summary>
/// <see cref="Unchanged.Keep"/>: a page that loads its rows again keeps the ones it holds where nothing changed, so an
/// open tab does not hold two copies of them (its previous render tree keeps the old ones alive).
/// </summary>
public sealed class UnchangedTests
{
    private sealed record Row(long Id, string Name, int Count, TimeSpan Age = default);

    [Fact]
    public void An_equal_list_is_kept_whole()
    {
        IReadOnlyList<Row> held = [new(1, "a", 1), new(2, "b", 2)];

        var kept = Unchanged.Keep(held, [new(1, "a", 1), new(2, "b", 2)]);

        Assert.Same(held, kept);
    }

    [Fact]
    public void A_changed_list_keeps_the_rows_that_did_not_change_and_takes_the_new_ones()
    {
        IReadOnlyList<Row> held = [new(1, "a", 1), new(2, "b", 2)];
        var changed = new Row(2, "b", 3);
        var added = new Row(3, "c", 1);

        var kept = Unchanged.Keep(held, [new(1, "a", 1), changed, added]);

        Assert.NotSame(held, kept);
        Assert.Equal([held[0], changed, added], kept);
        Assert.Same(held[0], kept[0]);
        Assert.Same(changed, kept[1]);
        Assert.Same(added, kept[2]);
    }

    [Fact]
    public void Nothing_held_takes_the_loaded_list_and_a_comparer_decides_what_is_the_same()
    {
        IReadOnlyList<Row> loaded = [new(1, "a", 1, TimeSpan.FromMinutes(1))];
        Assert.Same(loaded, Unchanged.Keep(null, loaded));

        var ignoringAge = EqualityComparer<Row>.Create((x, y) => x!.Id == y!.Id && x.Name == y.Name && x.Count == y.Count, r => r.Id.GetHashCode());
        Assert.Same(loaded, Unchanged.Keep(loaded, [new(1, "a", 1, TimeSpan.FromMinutes(2))], ignoringAge));
        Assert.NotSame(loaded, Unchanged.Keep(loaded, [new(1, "a", 1, TimeSpan.FromMinutes(2))]));
    }
}
