// The write-into-Odoo loop's exactly-once rules (OdooWriter, what the export and the Singer sinks run on), through
// the IOdooTarget port in memory: a rerun writes nothing; a process that died between the create and the bind
// leaves a record carrying its mark, which the rerun binds instead of creating; a lost create answer is looked up
// by the mark, never re-sent; the search right before the create (SearchBeforeCreate) finds what another run made
// meanwhile.
using System.Text.Json.Nodes;
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Bindings;
using OdooOptiply.Sync.OdooWrites;
using OdooOptiply.TestWorld.InMemory;

namespace OdooOptiply.Sync.Tests.Engine;

public sealed class OdooWriterTests
{
    private sealed record Order(string Id, string Name);

    private const string Model = "purchase.order", Space = "exportTest";

    private static readonly OdooSink<Order> Sink = new()
    {
        Name = "orders", Model = Model, Space = Space, Key = o => o.Id,
        Marked = (_, key) => OdooDomain.Leaf("origin", "=", ExportMark.Origin(key)),
        MapAsync = (o, key, _, _) => Task.FromResult(new SinkValues(new Dictionary<string, object?> { ["origin"] = ExportMark.Origin(key), ["partner_ref"] = o.Name })),
        SearchBeforeCreate = true,
    };

    private static async Task<WriteOutcome> WriteAsync(MemoryWorld w, Order order)
    {
        var binder = await Binder.LoadAsync(w.Store, Space, w.Clock); // as a new run (process) loads it
        return await new OdooWriter<Order>(Sink, binder, new OdooWriteContext(w.Odoo), o => JsonValue.Create(o.Name)).WriteAsync(order, CancellationToken.None);
    }

    private static int Orders(MemoryWorld w, string id) =>
        w.Odoo.All(Model).Count(r => (string?)r["origin"] == ExportMark.Origin(id));

    [Fact]
    public async Task Create_ThenRerun_WritesNothing()
    {
        await using var w = await MemoryWorld.StartAsync();
        var first = await WriteAsync(w, new Order("7", "BO-7"));
        var again = await WriteAsync(w, new Order("7", "BO-7"));
        Assert.Equal(WriteKind.Created, first.Kind);
        Assert.Equal((WriteKind.Existing, first.OdooId), (again.Kind, again.OdooId));
        Assert.Equal(1, w.Odoo.CallCount(Model, "create"));
        Assert.Equal(0, w.Odoo.CallCount(Model, "write"));
    }

    [Fact]
    public async Task ProcessDiesBetweenCreateAndBind_TheRerunBindsTheMarkedRecord()
    {
        await using var w = await MemoryWorld.StartAsync();
        w.Odoo.AfterCreate = (_, _) => new InvalidOperationException("killed (SIGKILL) after the create");
        await Assert.ThrowsAsync<InvalidOperationException>(() => WriteAsync(w, new Order("8", "BO-8")));
        Assert.True((await w.Store.GetBindingAsync(Space, "8"))!.IsPending);

        w.Odoo.AfterCreate = null;
        var rerun = await WriteAsync(w, new Order("8", "BO-8"));
        Assert.Equal(WriteKind.Existing, rerun.Kind);
        Assert.Equal("already in Odoo (carries its mark), bound now", rerun.Reason);
        Assert.Equal(1, w.Odoo.CallCount(Model, "create"));
        Assert.Equal(1, Orders(w, "8"));
        Assert.Equal(rerun.OdooId.ToString(), (await w.Store.GetBindingAsync(Space, "8"))!.TargetId);
    }

    [Fact]
    public async Task CreateAnswerLost_IsFoundByItsMark_NotSentAgain()
    {
        await using var w = await MemoryWorld.StartAsync();
        w.Odoo.AfterCreate = (_, _) => new OdooException(Outcome.Retriable, "connection reset");
        var outcome = await WriteAsync(w, new Order("9", "BO-9"));
        Assert.Equal(WriteKind.Created, outcome.Kind);
        Assert.Equal(1, w.Odoo.CallCount(Model, "create"));
        Assert.Equal(1, Orders(w, "9"));
    }

    [Fact]
    public async Task AnotherRunCreatedItMeanwhile_TheSearchRightBeforeTheCreateBindsIt()
    {
        await using var w = await MemoryWorld.StartAsync();
        var searches = 0;
        // The first search finds nothing; before the second (right before the create) another run has created the order.
        w.Odoo.Fail = call =>
        {
            if (call.Method == "search" && ++searches == 2) w.Odoo.Add(Model, ("origin", ExportMark.Origin("10")), ("partner_ref", "BO-10"));
            return null;
        };
        var outcome = await WriteAsync(w, new Order("10", "BO-10"));
        Assert.Equal(WriteKind.Existing, outcome.Kind);
        Assert.Equal("already in Odoo (found right before the create), bound now", outcome.Reason);
        Assert.Equal(0, w.Odoo.CallCount(Model, "create"));
        Assert.Equal(1, Orders(w, "10"));
    }

    [Fact]
    public async Task ChangedRecord_IsUpdatedInPlace()
    {
        await using var w = await MemoryWorld.StartAsync();
        var created = await WriteAsync(w, new Order("11", "BO-11"));
        var changed = await WriteAsync(w, new Order("11", "BO-11 (edited)"));
        Assert.Equal((WriteKind.Updated, created.OdooId), (changed.Kind, changed.OdooId));
        Assert.Equal("BO-11 (edited)", (string?)w.Odoo.Get(Model, created.OdooId!.Value)!["partner_ref"]);
        Assert.Equal(1, w.Odoo.CallCount(Model, "create"));
    }
}
