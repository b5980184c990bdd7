// Deletions found by counting (issue 16): instead of reading the id of every live record each run, a
// search_count of the live domain over the id range the bindings span is compared with the number of ids
// expected there (the bound ones, plus the live ones known to have no binding). Equal: nothing was deleted,
// one call. Different: the range is halved (by expected ids, so sparse ids split evenly) and the left half
// counted (the right half is the difference), down to ranges of at most a page of expected ids, whose live
// ids are then read. d deletions cost about d·log2(n / page) calls. A range counted empty is gone whole,
// without a read. What is deleted is decided only from ids read or ranges counted empty, never inferred.
// The live records known to have no binding (skipped when mapped, below start_date, held) are remembered in
// the state's key/value table, so they neither hide a deletion in their range nor make every run descend.
using System.Globalization;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Sync.Streams;

public sealed class CountedDeletions(IOdooSource odoo, string model, OdooDomain live, ReadContext? context, int leafSize)
{
    /// <summary>Odoo calls made (counts and id reads).</summary>
    public int Calls { get; private set; }

    /// <param name="Gone">expected ids no longer live (bound ones among them are to be deleted)</param>
    /// <param name="Unbound">the live ids without a binding, as known after this pass</param>
    public sealed record Result(IReadOnlyList<long> Gone, IReadOnlyList<long> Unbound);

    /// <param name="bound">the Odoo ids the bindings name</param>
    /// <param name="knownUnbound">live ids known (from an earlier pass) to have no binding</param>
    public async Task<Result> FindAsync(IReadOnlyCollection<long> bound, IReadOnlyCollection<long> knownUnbound, CancellationToken ct)
    {
        var boundSet = bound.ToHashSet();
        if (boundSet.Count == 0) return new([], []);
        long lo = boundSet.Min(), hi = boundSet.Max();
        // Only the range the bindings span matters: a live record outside it cannot hide a deletion.
        var unbound = knownUnbound.Where(id => id >= lo && id <= hi && !boundSet.Contains(id)).ToHashSet();
        var expected = boundSet.Concat(unbound).Order().ToArray();
        var gone = new List<long>();
        var count = await CountAsync(lo, hi, ct);
        await DescendAsync(expected, 0, expected.Length, lo, hi, count, boundSet, unbound, gone, ct);
        return new(gone, unbound.Order().ToList());
    }

    /// <summary>The idle poll's check, from the store's span of the bound ids alone (nothing loaded): one count over
    /// [span.Min, span.Max] compared with the bound ids plus the known unbound ones in that range. True: nothing was deleted.
    /// False: something may have been (or the known unbound list is stale); FindAsync, on the loaded bindings, decides.</summary>
    public async Task<bool> NothingGoneAsync(IdSpan span, IReadOnlyCollection<long> knownUnbound, CancellationToken ct)
    {
        if (span.Keys != span.Ids) return false; // a key naming no record: gone, the full pass deletes it
        if (span.Ids == 0) return knownUnbound.Count == 0;
        var expected = span.Ids + knownUnbound.Count(id => id >= span.Min && id <= span.Max);
        return await CountAsync(span.Min, span.Max, ct) == expected;
    }

    /// <summary>expected[from..to) lie in [lo, hi], whose live count is <paramref name="count"/>.</summary>
    private async Task DescendAsync(long[] expected, int from, int to, long lo, long hi, long count, HashSet<long> bound, HashSet<long> unbound,
        List<long> gone, CancellationToken ct)
    {
        var n = to - from;
        if (count == n) return;
        if (count == 0)
        {
            for (var i = from; i < to; i++) Gone(expected[i], bound, unbound, gone);
            return;
        }
        if (n <= leafSize)
        {
            Calls++;
            var liveIds = (await odoo.SearchAsync(model, InRange(lo, hi), context, ct)).ToHashSet();
            for (var i = from; i < to; i++)
                if (!liveIds.Contains(expected[i])) Gone(expected[i], bound, unbound, gone);
            foreach (var id in liveIds)
                if (!bound.Contains(id)) unbound.Add(id);
            return;
        }
        // Halves that together cover [lo, hi] exactly, so the right half's count is the parent's less the left's.
        var mid = from + n / 2;
        var split = expected[mid];
        var left = await CountAsync(lo, split - 1, ct);
        await DescendAsync(expected, from, mid, lo, split - 1, left, bound, unbound, gone, ct);
        await DescendAsync(expected, mid, to, split, hi, Math.Max(0, count - left), bound, unbound, gone, ct);
    }

    private static void Gone(long id, HashSet<long> bound, HashSet<long> unbound, List<long> gone)
    {
        if (bound.Contains(id)) gone.Add(id);
        unbound.Remove(id);
    }

    private async Task<long> CountAsync(long lo, long hi, CancellationToken ct)
    {
        Calls++;
        return await odoo.SearchCountAsync(model, InRange(lo, hi), context, ct);
    }

    private OdooDomain InRange(long lo, long hi) => live.And(OdooDomain.Leaf("id", ">=", lo), OdooDomain.Leaf("id", "<=", hi));

    /// <summary>The key/value entry holding a binding space's live ids without a binding.</summary>
    public static string StateKey(string space) => "deletions.unbound." + space;

    public static IReadOnlyList<long> Parse(string? stored) => stored is null ? [] :
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();

    public static string Format(IEnumerable<long> ids) => string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
