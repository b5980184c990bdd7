// Issue 11, the one rule (RunFailures): a failure fatal for the run stops its writes at once and names the
// reason; a record Optiply rejects is counted and named, and the run goes on.
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;
using OdooOptiply.Sync.Ports;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests;

public class RunFailuresTests
{
    [Fact]
    public void FatalReason_TheTable()
    {
        Assert.NotNull(RunFailures.FatalReason(new OptiplyException(400, Outcome.Fatal, "token refused") { Authentication = true }));
        Assert.NotNull(RunFailures.FatalReason(new TargetWriteException(Outcome.Rejected, "x",
            new OptiplyException(400, Outcome.Fatal, "token refused") { Authentication = true })));
        Assert.NotNull(RunFailures.FatalReason(new OptiplyException(403, Outcome.Fatal, "forbidden")));
        Assert.NotNull(RunFailures.FatalReason(new OdooException(Outcome.Fatal, "Access Denied") { FaultCode = 3 }));
        Assert.NotNull(RunFailures.FatalReason(new OdooException(Outcome.Fatal, "Object pos.order doesn't exist") { FaultCode = 2 }));
        Assert.NotNull(RunFailures.FatalReason(new HttpRequestException(HttpRequestError.SecureConnectionError, "bad certificate")));
        Assert.Null(RunFailures.FatalReason(new OptiplyException(422, Outcome.Rejected, "name too long")));
        Assert.Null(RunFailures.FatalReason(new TargetWriteException(Outcome.Rejected, "name too long")));
        Assert.Null(RunFailures.FatalReason(new OdooException(Outcome.Rejected, "ValueError: bad value") { FaultCode = 1 }));
    }

    private sealed class RefusingTarget(IOptiplyTarget inner, Func<TargetWriteException> refusal) : PassThroughTarget(inner)
    {
        public int Creates;
        public override Task<string> CreateAsync(string resource, JsonObject attributes, CancellationToken ct)
        {
            Creates++;
            throw refusal();
        }
    }

    [Fact]
    public async Task RunAsync_FatalOnFirstCreate_StopsTheRunAfterOneAttemptWithTheReason()
    {
        await using var h = await SyncHarness.StartAsync();
        var target = new RefusingTarget(h.Target, () => new TargetWriteException(Outcome.Fatal, "Optiply token request failed (400): Bad credentials"));
        var run = await h.SyncAsync(target: target);
        Assert.False(run.Succeeded);
        Assert.Equal(1, target.Creates);
        Assert.Contains("Bad credentials", run.Reason);
        Assert.All(run.Streams.Where(s => s.Stream != "products"), s => Assert.NotEqual(StreamStatus.Ok, s.Status));
        Assert.Contains(run.Streams, s => s.Status == StreamStatus.NotRun && s.Errors.Any(e => e.Contains("Bad credentials", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_RejectedRecords_RunSucceedsAndCountsThem()
    {
        await using var h = await SyncHarness.StartAsync();
        var target = new RefusingTarget(h.Target, () => new TargetWriteException(Outcome.Rejected, "422 Optiply refused the data: name too long"));
        var run = await h.SyncAsync(target: target);
        Assert.True(target.Creates > 1);
        Assert.True(run.Rejected > 1);
        Assert.Null(run.Reason);
        Assert.Contains(run.Streams.SelectMany(s => s.Errors), e => e.Contains("name too long", StringComparison.Ordinal));
    }
}
