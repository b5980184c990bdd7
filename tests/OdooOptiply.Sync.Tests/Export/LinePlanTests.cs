// Pure tests of the line planner: edits, additions, removals (delete on an RFQ, zero on a confirmed order)
// and adoption of an unbound Odoo line of the same product, which is what keeps a retried edit from
// adding a line twice.
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Export;

namespace OdooOptiply.Sync.Tests.Export;

public class LinePlanTests
{
    private static readonly BuyOrder Bo = new("42", 7, DateTime.UnixEpoch, null, false, false, null, []);
    private static ResolvedLine L(string id, long product, long qty, decimal subtotal) => new(new BuyOrderLine(id, product, qty, subtotal, null), new ProductUnit(product, 1, "Units"));
    private static PurchaseOrder Po(string state, params PurchaseLine[] lines) => new(9, "Optiply buy order 42", state, false, lines);
    private static IReadOnlyList<object?> Cmd(LinePlan p, int i) => (IReadOnlyList<object?>)p.Commands[i]!;

    [Fact]
    public void Plan_NothingChanged_IsEmpty()
    {
        var plan = LinePlanner.Plan(Bo, [L("a", 5, 2, 4m)], new Dictionary<string, long> { ["a"] = 70 }, Po("purchase", new PurchaseLine(70, 5, 2, 0, 2)), new SyncFlags(), "product_uom");
        Assert.True(plan.Empty);
    }

    [Fact]
    public void Plan_QuantityChanged_OneUpdateCommandWithPrice()
    {
        var plan = LinePlanner.Plan(Bo, [L("a", 5, 3, 9m)], new Dictionary<string, long> { ["a"] = 70 }, Po("purchase", new PurchaseLine(70, 5, 2, 0, 2)), new SyncFlags(), "product_uom");
        Assert.Single(plan.Commands);
        Assert.Equal(1L, Cmd(plan, 0)[0]);
        Assert.Equal(70L, Cmd(plan, 0)[1]);
        Assert.Equal(3.0, ((Dictionary<string, object?>)Cmd(plan, 0)[2]!)["price_unit"]);
    }

    [Theory]
    [InlineData("draft", 2L)]
    [InlineData("purchase", 1L)]
    public void Plan_LineRemoved_DeletedOnRfqZeroedOnConfirmed(string state, long command)
    {
        var plan = LinePlanner.Plan(Bo, [], new Dictionary<string, long> { ["a"] = 70 }, Po(state, new PurchaseLine(70, 5, 2, 0, 2)), new SyncFlags(), "product_uom");
        Assert.Equal(command, Cmd(plan, 0)[0]);
        Assert.Equal(["a"], plan.Removed);
    }

    [Fact]
    public void Plan_NewLineWhoseOdooLineExistsUnbound_AdoptsInsteadOfAdding()
    {
        var plan = LinePlanner.Plan(Bo, [L("a", 5, 2, 4m), L("b", 6, 1, 1m)], new Dictionary<string, long> { ["a"] = 70 },
            Po("purchase", new PurchaseLine(70, 5, 2, 0, 2), new PurchaseLine(71, 6, 1, 0, 1)), new SyncFlags(), "product_uom");
        Assert.Empty(plan.Commands);
        Assert.Equal(71L, plan.Adopted["b"]);
    }

    [Fact]
    public void Plan_NewLine_AddedWithCreateCommand()
    {
        var plan = LinePlanner.Plan(Bo, [L("a", 5, 2, 4m), L("b", 6, 1, 1m)], new Dictionary<string, long> { ["a"] = 70 },
            Po("purchase", new PurchaseLine(70, 5, 2, 0, 2)), new SyncFlags(), "product_uom");
        Assert.True(plan.AddsLines);
        Assert.Equal(6L, ((Dictionary<string, object?>)Cmd(plan, 0)[2]!)["product_id"]);
    }
}
