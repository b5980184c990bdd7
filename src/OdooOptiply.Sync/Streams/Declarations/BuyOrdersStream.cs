// buyOrders + buyOrderLines (Odoo → Optiply): confirmed purchase orders (purchase, done; v19 keeps
// 'purchase' and sets locked) of the buy order companies; each line its own Optiply record, created,
// updated and deleted as it changes in Odoo.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Streams;

public static class BuyOrdersStream
{
    public static StreamDefinition Create() => new()
    {
        Name = StreamNames.BuyOrders,
        Model = "purchase.order",
        Resource = "buyOrders",
        DependsOn = [StreamNames.Products, StreamNames.Suppliers],
        Fields = BuyOrderMapper.Fields,
        Domain = Live,
        LiveDomain = Live,
        Context = ctx => ctx.ReadContext(ctx.Flags.EffectiveBuyordersCompanyIds),
        Lines = new LineSpec(Spaces.BuyOrderLines, "buyOrderLines", "buyOrderId", "purchase.order.line", "order_id",
            NaturalKeys.Of("buyOrderId", "productId", "quantity"), AdoptBy: [new("buyOrderId", "productId")],
            LiveDomain: ctx => OdooDomain.Leaf("order_id.state", "in", new List<object?> { "purchase", "done" })
                .And(OdooReads.CompaniesStrict(ctx.Flags.EffectiveBuyordersCompanyIds, "order_id.company_id")), LeaveWithParent: true),
        // An order the export created names its buy order in its origin: adoption binds it back once the buy order is
        // completed in Optiply; while it is open the export owns it (its edits flow Optiply → Odoo) and binds it itself.
        AdoptWhen = buyOrder => buyOrder["completed"] is null ? "exported from Optiply and still open there: the export binds it" : null,
        RelatedChanges = (ctx, since, ct) => OrderLines.ChangedOrdersAsync(ctx, "purchase.order.line", since, ctx.Flags.EffectiveBuyordersCompanyIds, ct),
        RelatedDomain = (ctx, since, ct) => Task.FromResult<OdooDomain?>(OrderLines.ChangedThrough("order_line", since)),
        Map = async (ctx, page, ct) =>
        {
            var lines = await OrderLines.ReadAsync(ctx, "purchase.order.line", page, BuyOrderMapper.LineFields, ctx.Flags.EffectiveBuyordersCompanyIds, ct);
            return page.Select(o =>
            {
                // An order the export created and nobody bound yet is known by its origin mark: the writer leaves it to the
                // export, or adoption binds it back (a lost state must neither re-import nor re-export it).
                var exportedFrom = ctx.Targets.Of(StreamNames.BuyOrders, o.Id) is null ? ExportMark.BuyOrderIdOf(o.GetString("origin")) : null;
                var own = lines[o.Id].ToList();
                // New lines the export wrote into this order but has not bound yet (it died in between) are the export's:
                // importing them would duplicate the Optiply lines they came from. The next export adopts and binds them.
                if (ctx.Targets.Of(Spaces.BuyOrderLineWrites, o.Id) is not null)
                    own = own.Where(l => ctx.Targets.Of(Spaces.BuyOrderLines, l.Id) is not null).ToList();
                var supplier = o.GetId("partner_id") is { } partner ? ctx.Targets.Of(StreamNames.Suppliers, partner) : null;
                return new MappedItem(SupplierProductMapper.Key(o.Id), BuyOrderMapper.MapOrder(o, own, supplier, ctx.Flags),
                    own.Select(l => new MappedItem(SupplierProductMapper.Key(l.Id),
                        BuyOrderMapper.MapLine(l, l.GetId("product_id") is { } p ? ctx.Products.Target(p) : null, ctx.Flags))).ToList(), exportedFrom);
            }).ToList();
        },
    };

    private static OdooDomain Live(StreamContext ctx) =>
        OdooDomain.Leaf("state", "in", new List<object?> { "purchase", "done" })
            .And(OdooReads.CompaniesStrict(ctx.Flags.EffectiveBuyordersCompanyIds));
}
