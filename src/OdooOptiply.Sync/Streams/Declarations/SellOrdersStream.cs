// sellOrders (+ deletions): confirmed sale orders (every state but cancelled with pullAllOrders) placed
// since start_date, with their lines. A changed order is replaced; a cancelled or deleted one is deleted.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Streams;

public static class SellOrdersStream
{
    public static StreamDefinition Create() => new()
    {
        Name = StreamNames.SellOrders,
        Model = "sale.order",
        Resource = "sellOrders",
        DependsOn = [StreamNames.Products],
        Fields = SellOrderMapper.SaleFields,
        Domain = ctx => Live(ctx).And(OdooDomain.Leaf("date_order", ">=", Keyset.Format(ctx.StartDate))),
        LiveDomain = Live,
        Context = ctx => ctx.ReadContext(ctx.Flags.EffectiveSellordersCompanyIds),
        ReplaceOnChange = true,
        RelatedChanges = (ctx, since, ct) => OrderLines.ChangedOrdersAsync(ctx, "sale.order.line", since, ctx.Flags.EffectiveSellordersCompanyIds, ct),
        RelatedDomain = (ctx, since, ct) => Task.FromResult<OdooDomain?>(OrderLines.ChangedThrough("order_line", since)),
        Map = async (ctx, page, ct) =>
        {
            var lines = await OrderLines.ReadAsync(ctx, "sale.order.line", page, SellOrderMapper.SaleLineFields, ctx.Flags.EffectiveSellordersCompanyIds, ct);
            return page.Select(o => new MappedItem(SupplierProductMapper.Key(o.Id),
                SellOrderMapper.MapSale(o, lines[o.Id].ToList(), ctx.Products.Target, ctx.Flags))).ToList();
        },
    };

    // "Confirmed" is state sale (and done, "Locked", up to v16; from v17 locking is a separate flag).
    private static OdooDomain Live(StreamContext ctx) =>
        (ctx.Flags.PullAllOrders ? OdooDomain.Leaf("state", "!=", "cancel") : OdooDomain.Leaf("state", "in", new List<object?> { "sale", "done" }))
            .And(OdooReads.CompaniesStrict(ctx.Flags.EffectiveSellordersCompanyIds));
}
