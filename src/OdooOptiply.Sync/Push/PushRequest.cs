// A pull asked for by Odoo webhooks runs only the streams the changed models affect (issue 16), with the streams
// they depend on (so a new product a changed order names is created first and no record is mapped without it).
// The request travels as the run's "requested by" text ("odoo webhook: products,sellOrders"), which the daemon's
// job already carries from the board's run-now door to the run; the job makes it current for the run (Begin), and
// TenantSession.SyncAsync narrows an unnarrowed pull to those streams. A scheduled poll carries none and runs all.
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Streams;

namespace OdooOptiply.Sync.Push;

public static class PushRequest
{
    public const string Prefix = "odoo webhook";
    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The "requested by" text of a pushed run of these streams.</summary>
    public static string RequestedBy(IEnumerable<string> streams) => $"{Prefix}: {string.Join(",", streams.Order(StringComparer.Ordinal))}";

    /// <summary>The streams a "requested by" text names, null when it is not a pushed run's.</summary>
    public static IReadOnlySet<string>? StreamsOf(string? requestedBy)
    {
        if (requestedBy is null || !requestedBy.StartsWith(Prefix + ":", StringComparison.Ordinal)) return null;
        var names = requestedBy[(Prefix.Length + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(StreamNames.All.Contains).ToHashSet(StringComparer.Ordinal);
        return names.Count == 0 ? null : names;
    }

    /// <summary>Makes <paramref name="requestedBy"/> the current run's request until disposed (the daemon's job, around its run).</summary>
    public static IDisposable Begin(string? requestedBy)
    {
        var before = Current.Value;
        Current.Value = requestedBy;
        return new Restore(before);
    }

    /// <summary>The current pushed run's streams with every stream they depend on, in catalog terms; null outside a pushed run.</summary>
    public static IReadOnlySet<string>? CurrentStreams(SyncFlags flags) => StreamsOf(Current.Value) is { } asked ? WithDependencies(asked, flags) : null;

    public static IReadOnlySet<string> WithDependencies(IReadOnlySet<string> streams, SyncFlags flags)
    {
        var byName = StreamCatalog.For(flags).ToDictionary(d => d.Name, StringComparer.Ordinal);
        var all = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>(streams);
        while (todo.TryPop(out var s))
            if (all.Add(s) && byName.TryGetValue(s, out var def))
                foreach (var d in def.DependsOn) todo.Push(d);
        return all;
    }

    private sealed class Restore(string? before) : IDisposable
    {
        public void Dispose() => Current.Value = before;
    }
}
