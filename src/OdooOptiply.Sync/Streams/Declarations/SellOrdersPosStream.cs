// sellOrdersPos (with map_sellOrdersPOS): paid, posted and invoiced point-of-sale orders as Optiply
// sell orders, in their own remote id space ("pos_<id>") so they never collide with sale orders.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.Mapping;

namespace OdooOptiply.Sync.Streams;

public static class SellOrdersPosStream
{
    public static StreamDefinition Create() => new()
    {
        Name = StreamNames.SellOrdersPos,
        Model = "pos.order",
        Resource = "sellOrders",
        DependsOn = [StreamNames.Products],
        Enabled = ctx => ctx.Flags.MapSellOrdersPos,
        DisabledReason = "map_sellOrdersPOS is false",
        Fields = SellOrderMapper.PosFields,
        Domain = ctx => Live(ctx).And(OdooDomain.Leaf("date_order", ">=", Keyset.Format(ctx.StartDate))),
        LiveDomain = Live,
        SourceIdOf = SellOrderMapper.PosSourceId,
        KeyPrefix = "pos_",
        OdooIdOf = key => key.StartsWith("pos_", StringComparison.Ordinal) ? StreamDefinition.PlainId(key[4..]) : null,
        Context = ctx => ctx.ReadContext(ctx.Flags.EffectiveSellordersCompanyIds),
        ReplaceOnChange = true,
        RelatedChanges = (ctx, since, ct) => OrderLines.ChangedOrdersAsync(ctx, "pos.order.line", since, ctx.Flags.EffectiveSellordersCompanyIds, ct),
        RelatedDomain = (ctx, since, ct) => Task.FromResult<OdooDomain?>(OrderLines.ChangedThrough("lines", since)),
        Map = async (ctx, page, ct) =>
        {
            var lines = await OrderLines.ReadAsync(ctx, "pos.order.line", page, SellOrderMapper.PosLineFields, ctx.Flags.EffectiveSellordersCompanyIds, ct);
            return page.Select(o => new MappedItem(SellOrderMapper.PosSourceId(o.Id),
                SellOrderMapper.MapPos(o, lines[o.Id].ToList(), ctx.Products.Target, ctx.Flags))).ToList();
        },
    };

    private static OdooDomain Live(StreamContext ctx) =>
        OdooDomain.Leaf("state", "in", new List<object?> { "paid", "done", "invoiced" })
            .And(OdooReads.CompaniesStrict(ctx.Flags.EffectiveSellordersCompanyIds));
}
