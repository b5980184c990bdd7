// Fault tolerance: with about 10% of requests to both emulators answered by transient faults (429 with
// Retry-After, 502/503/504, resets, answers slower than the timeout, cut-off bodies, HTML pages), seeded
// runs of a full sync, an incremental sync, a buy order export and the pull after it end in exactly the
// state a clean run produces. scripts/soak.sh runs many more seeds (FAULT_SEEDS).
using Xunit.Abstractions;

namespace OdooOptiply.Sync.Tests.Reliability;

public sealed class FaultToleranceTests(ITestOutputHelper output)
{
    private static readonly SemaphoreSlim CleanGate = new(1, 1);
    private static WorldSnapshot? _clean;

    /// <summary>The clean run's end state, computed once per test process.</summary>
    private static async Task<WorldSnapshot> CleanAsync()
    {
        await CleanGate.WaitAsync();
        try
        {
            if (_clean is not null) return _clean;
            await using var w = await FaultWorld.StartAsync();
            var reports = await w.ScenarioAsync();
            Assert.All(reports, r => Assert.True(r.Succeeded));
            return _clean = w.Snapshot();
        }
        finally { CleanGate.Release(); }
    }

    public static IEnumerable<object[]> Seeds() =>
        (Environment.GetEnvironmentVariable("FAULT_SEEDS") ?? "11,12,13").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => new object[] { int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) });

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Scenario_TenPercentTransientFaults_EndsInTheCleanRunsState(int seed)
    {
        var clean = await CleanAsync();
        await using var w = await FaultWorld.StartAsync();
        w.SetFaults(FaultWorld.TenPercent(seed));
        var reports = await w.ScenarioAsync();
        w.SetFaults(null);
        output.WriteLine($"FAULTS seed={seed} injected={w.FaultsInjected} odoo={string.Join(",", w.Odoo.Faults.Injected.Select(kv => $"{kv.Key}:{kv.Value}"))} " +
                         $"optiply={string.Join(",", w.Optiply.Faults.Injected.Select(kv => $"{kv.Key}:{kv.Value}"))} reruns={w.Reruns.Count}");
        foreach (var r in w.Reruns) output.WriteLine("  rerun " + r);
        Assert.All(reports, r => Assert.True(r.Succeeded && r.Streams.All(s => s.Failed == 0), string.Join("; ", r.Streams.SelectMany(s => s.Errors))));
        Assert.True(w.FaultsInjected >= 10, $"only {w.FaultsInjected} faults injected");
        var faulty = w.Snapshot();
        Assert.True(clean.Lines.SequenceEqual(faulty.Lines), clean.DifferenceFrom(faulty));
    }

    /// <summary>The same faults, and the state file deleted after the full sync (issue 9): adoption under faults ends in the
    /// clean run's state too — nothing created twice, nothing lost.</summary>
    [Fact]
    public async Task Scenario_StateFileDeletedAfterTheFullSync_UnderFaults_EndsInTheCleanRunsState()
    {
        var clean = await CleanAsync();
        await using var w = await FaultWorld.StartAsync();
        w.SetFaults(FaultWorld.TenPercent(21));
        var reports = await w.ScenarioAsync(loseState: true);
        w.SetFaults(null);
        output.WriteLine($"FAULTS seed=21 injected={w.FaultsInjected} reruns={w.Reruns.Count}");
        Assert.All(reports, r => Assert.True(r.Succeeded && r.Streams.All(s => s.Failed == 0), string.Join("; ", r.Streams.SelectMany(s => s.Errors))));
        Assert.True(reports[1].Streams.Any(s => s.Adoption is { Adopted: > 0 }), "the run after the loss adopts");
        var faulty = w.Snapshot();
        Assert.True(clean.Lines.SequenceEqual(faulty.Lines), clean.DifferenceFrom(faulty));
    }
}
