// Tests for SellOrderMapper, BuyOrderMapper and ReceiptLineMapper.
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Mapping;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Mapping;

public class OrderMapperTests
{
    private static long? Known(long productId) => productId < 100 ? productId + 1000 : null;

    private static readonly Odoo.OdooRecord Sale = Rec.Of(("id", 9L), ("state", "sale"), ("date_order", "2026-02-01 10:00:00"), ("amount_untaxed", 30.0), ("amount_total", 36.3));

    [Fact]
    public void MapSale_MergesLinesPerProductAndDropsUnknownAndSections()
    {
        var lines = new[]
        {
            Rec.Of(("id", 1L), ("product_id", Rec.M2o(1, "A")), ("product_uom_qty", 2.0), ("price_subtotal", 10.0), ("display_type", false)),
            Rec.Of(("id", 2L), ("product_id", Rec.M2o(1, "A")), ("product_uom_qty", 1.0), ("price_subtotal", 5.0), ("display_type", false)),
            Rec.Of(("id", 3L), ("product_id", Rec.M2o(200, "Unknown")), ("product_uom_qty", 1.0), ("price_subtotal", 15.0), ("display_type", false)),
            Rec.Of(("id", 4L), ("product_id", false), ("display_type", "line_section")),
        };
        var p = SellOrderMapper.MapSale(Sale, lines, Known, new SyncFlags()).Payload!;
        Assert.Equal("2026-02-01T10:00:00Z", (string)p["placed"]!);
        Assert.Equal(30.0, (double)p["totalValue"]!);
        Assert.Equal("9", (string)p["remoteId"]!);
        var line = Assert.Single(p["orderLines"]!.AsArray())!;
        Assert.Equal((1001L, 3L, 15.0), ((long)line["productId"]!, (long)line["quantity"]!, (double)line["subtotalValue"]!));
    }

    [Fact]
    public void MapSale_NoKnownProduct_IsSkipped() =>
        Assert.Equal(Outcome.Skipped, SellOrderMapper.MapSale(Sale, [], Known, new SyncFlags()).Outcome);

    [Fact]
    public void MapPos_UsesAmountTotalAndOwnIdSpace()
    {
        var line = Rec.Of(("id", 1L), ("product_id", Rec.M2o(2, "B")), ("qty", 4.0), ("price_subtotal", 20.0));
        var p = SellOrderMapper.MapPos(Sale, [line], Known, new SyncFlags()).Payload!;
        Assert.Equal(36.3, (double)p["totalValue"]!);
        Assert.Equal("pos_9", (string)p["remoteId"]!);
    }

    [Fact]
    public void MapSale_UnitFilterAndFactors_ApplyToLines()
    {
        var flags = new SyncFlags { UnitFilter = true, UnitFactors = new Dictionary<string, double> { ["Dozens"] = 12 } };
        var lines = new[]
        {
            Rec.Of(("id", 1L), ("product_id", Rec.M2o(1, "A")), ("product_uom_qty", 2.0), ("price_subtotal", 10.0), ("product_uom", Rec.M2o(4, "Dozens"))),
            Rec.Of(("id", 2L), ("product_id", Rec.M2o(2, "B")), ("product_uom_qty", 1.0), ("price_subtotal", 5.0), ("product_uom", Rec.M2o(1, "Units"))),
        };
        var line = Assert.Single(SellOrderMapper.MapSale(Sale, lines, Known, flags).Payload!["orderLines"]!.AsArray())!;
        Assert.Equal(24L, (long)line["quantity"]!);
    }

    private static readonly Odoo.OdooRecord Po = Rec.Of(("id", 3L), ("state", "purchase"), ("partner_id", Rec.M2o(5, "Acme")),
        ("date_order", "2026-01-01 08:00:00"), ("date_planned", "2026-01-10 08:00:00"), ("amount_untaxed", 99.5), ("receipt_status", "partial"));

    private static Odoo.OdooRecord PoLine(double qty, double received) => Rec.Of(("id", 31L), ("product_id", Rec.M2o(1, "A")),
        ("product_qty", qty), ("qty_received", received), ("price_subtotal", 50.0), ("date_planned", "2026-01-10 08:00:00"), ("display_type", false));

    [Fact]
    public void MapOrder_Purchase_IsOpen()
    {
        var p = BuyOrderMapper.MapOrder(Po, [PoLine(5, 2)], 500, new SyncFlags()).Payload!;
        Assert.Equal(500L, (long)p["supplierId"]!);
        Assert.Equal("2026-01-10T08:00:00Z", (string)p["expectedDeliveryDate"]!);
        Assert.Equal(99.5, (double)p["totalValue"]!);
        Assert.Null(p["completed"]);
    }

    [Fact]
    public void MapOrder_NoPlannedDate_LeavesExpectedDeliveryToOptiply()
    {
        Assert.False(BuyOrderMapper.MapOrder(Rec.With(Po, ("date_planned", false)), [], 500, new SyncFlags()).Payload!.ContainsKey("expectedDeliveryDate"));
        Assert.False(BuyOrderMapper.MapLine(Rec.With(PoLine(5, 0), ("date_planned", false)), 700, new SyncFlags()).Payload!.ContainsKey("expectedDeliveryDate"));
        Assert.True(BuyOrderMapper.MapLine(PoLine(5, 0), 700, new SyncFlags()).Payload!.ContainsKey("expectedDeliveryDate"));
    }

    [Fact]
    public void MapOrder_MadeInOdoo_PlacedIsTheConfirmationDate()
    {
        var po = Rec.With(Po, ("date_order", "2026-01-02 09:00:00"), ("date_approve", "2026-01-03 11:00:00"), ("origin", false));
        Assert.Equal("2026-01-03T11:00:00Z", (string)BuyOrderMapper.MapOrder(po, [], 500, new SyncFlags()).Payload!["placed"]!);
    }

    [Fact]
    public void MapOrder_ExportedFromOptiply_KeepsOptiplysPlacedDate()
    {
        var po = Rec.With(Po, ("date_order", "2026-01-02 09:00:00"), ("date_approve", "2026-01-03 11:00:00"),
            ("origin", ExportMark.Origin("4711")));
        Assert.Equal("2026-01-02T09:00:00Z", (string)BuyOrderMapper.MapOrder(po, [], 500, new SyncFlags()).Payload!["placed"]!);
    }

    [Fact]
    public void MapOrder_DoneOrLocked_IsCompleted()
    {
        Assert.NotNull(BuyOrderMapper.MapOrder(Rec.With(Po, ("state", "done")), [], 500, new SyncFlags()).Payload!["completed"]);
        Assert.NotNull(BuyOrderMapper.MapOrder(Rec.With(Po, ("locked", true)), [], 500, new SyncFlags()).Payload!["completed"]);
    }

    [Fact]
    public void MapOrder_BoCompletedOnReceipt_CompletesWhenFullyReceived()
    {
        var flags = new SyncFlags { BoCompletedOnReceipt = true };
        Assert.NotNull(BuyOrderMapper.MapOrder(Po, [PoLine(5, 5)], 500, flags).Payload!["completed"]);
        Assert.Null(BuyOrderMapper.MapOrder(Po, [PoLine(5, 4)], 500, flags).Payload!["completed"]);
        Assert.Null(BuyOrderMapper.MapOrder(Po, [PoLine(5, 5)], 500, new SyncFlags()).Payload!["completed"]);
    }

    [Fact]
    public void MapLine_SendsQuantitySubtotalAndDate()
    {
        var p = BuyOrderMapper.MapLine(PoLine(5, 0), 1001, new SyncFlags()).Payload!;
        Assert.Equal((1001L, 5L, 50.0, "31"), ((long)p["productId"]!, (long)p["quantity"]!, (double)p["subtotalValue"]!, (string)p["remoteId"]!));
    }

    [Fact]
    public void MapReceipts_ReturnReducesLatestReceiptFirst()
    {
        var t = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var moves = new[] { new ReceiptMove(1, 5, t, null), new ReceiptMove(2, 3, t.AddDays(1), null), new ReceiptMove(3, -4, t.AddDays(2), null) };
        var items = ReceiptLineMapper.Map(moves, 77, new SyncFlags());
        Assert.Equal(2, items.Count);
        Assert.Equal(4L, (long)items[0].Result.Payload!["quantity"]!);
        Assert.Equal(77L, (long)items[0].Result.Payload!["buyOrderLineId"]!);
        Assert.True(items[1].Result.Removes);
    }

    [Fact]
    public void MapReceipts_SumEqualsReceivedQuantity()
    {
        var t = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var moves = new[] { new ReceiptMove(1, 5, t, null), new ReceiptMove(2, 7, t.AddDays(1), null), new ReceiptMove(3, -2, t.AddDays(2), null) };
        var sum = ReceiptLineMapper.Map(moves, 77, new SyncFlags()).Where(i => i.Result.Sends).Sum(i => (long)i.Result.Payload!["quantity"]!);
        Assert.Equal(10L, sum);
    }

    [Fact]
    public void MapComposition_FractionRoundsButNeverToZero() =>
        Assert.Equal(1L, (long)CompositionMapper.Map("1_2", 10, 20, 0.25).Payload!["partQuantity"]!);
}

public class SupplierMapperTests
{
    [Fact]
    public void Map_Partner_NameEmailAndRemoteId()
    {
        var p = SupplierMapper.Map(Rec.Of(("id", 5L), ("display_name", "Acme BV"), ("email_normalized", "a@acme.nl"), ("active", true))).Payload!;
        Assert.Equal(("Acme BV", "a@acme.nl", "5", false), ((string)p["name"]!, (string)p["emails"]![0]!, (string)p["remoteId"]!, (bool)p["ignored"]!));
    }

    [Fact]
    public void Map_Archived_IgnoredAndNeverCreated()
    {
        var r = SupplierMapper.Map(Rec.Of(("id", 5L), ("display_name", "Old"), ("email_normalized", false), ("active", false)));
        Assert.True((bool)r.Payload!["ignored"]!);
        Assert.False(r.CreateAllowed);
        Assert.Empty(r.Payload!["emails"]!.AsArray());
    }
}
