// Test support for the export: the sync engine's two-emulator harness (TestWorld's World and session), already
// pulled once (so products and suppliers are bound), plus an ExportRunner over the session's real clients and
// helpers that act as a user of Optiply (seed, change, delete buy orders) and look at Odoo's purchase orders.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Optiply;
using OdooOptiply.Sync.Config;
using OdooOptiply.Sync.Export;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Export;

internal sealed class ExportHarness : IAsyncDisposable
{
    public OptiplyClient Optiply => H.Session.OptiplyClient;
    public SyncHarness H { get; private set; } = null!;

    public static async Task<ExportHarness> StartAsync(int version = 18, Func<SyncFlags, SyncFlags>? flags = null, string protocol = "xmlrpc",
        string? postgresUrl = null)
    {
        var e = new ExportHarness { H = await SyncHarness.StartAsync(version, flags: flags, protocol: protocol, postgresUrl: postgresUrl) };
        var pulled = await e.H.SyncAsync();
        Assert.True(pulled.Succeeded, pulled.Describe());
        return e;
    }

    public Task<RunReport> ExportAsync(int openPageSize = OptiplyBuyOrders.PageSize) =>
        new ExportRunner(H.Config, H.Source.Client, Optiply, H.Store, H.Clock) { OpenPageSize = openPageSize }.RunAsync();

    /// <summary>The Optiply id of the supplier made from an Odoo partner (by name).</summary>
    public long Supplier(string partnerName) => H.Optiply.Store.All("suppliers").Single(s => s.GetString("name") == partnerName).Id;

    public long PartnerId(string name) => H.IdOf("res.partner", $"[[\"name\",\"=\",\"{name}\"]]");

    /// <summary>The first <paramref name="n"/> enabled Optiply products with their Odoo variant ids.</summary>
    public IReadOnlyList<(long Optiply, long Odoo)> Products(int n) =>
        H.Optiply.Store.All("products").Where(p => p.GetString("status") == "enabled" && p.RemoteId(H.Optiply.CouplingId) is not null).Take(n)
            .Select(p => (p.Id, long.Parse(p.RemoteId(H.Optiply.CouplingId)!, CultureInfo.InvariantCulture))).ToList();

    /// <summary>A buy order made by a user in Optiply, lines (productId, quantity, subtotal).</summary>
    public long SeedBuyOrder(long supplierId, DateTime placed, DateTime? expected, params (long Product, long Quantity, decimal Subtotal)[] lines) =>
        H.Optiply.Store.Seed("buyOrders", new JsonObject
        {
            ["supplierId"] = supplierId,
            ["placed"] = placed.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["expectedDeliveryDate"] = expected?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["totalValue"] = lines.Sum(l => l.Subtotal),
            ["orderLines"] = new JsonArray(lines.Select(l => (JsonNode)new JsonObject
            {
                ["productId"] = l.Product, ["quantity"] = l.Quantity, ["subtotalValue"] = l.Subtotal,
            }).ToArray()),
        });

    public IReadOnlyList<Emulators.Optiply.OptiplyRow> LinesOf(long buyOrderId) =>
        H.Optiply.Store.All("buyOrderLines").Where(l => l.GetLong("buyOrderId") == buyOrderId).ToList();

    /// <summary>Odoo purchase orders that carry the buy order's mark.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> PurchaseOrdersOf(long buyOrderId) =>
        H.Odoo.Data.Search("purchase.order", $"[[\"origin\",\"=\",\"{ExportMark.Origin(buyOrderId.ToString(CultureInfo.InvariantCulture))}\"]]");

    public IReadOnlyDictionary<string, object?> SinglePurchaseOrder(long buyOrderId) => Assert.Single(PurchaseOrdersOf(buyOrderId));

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> PoLines(long poId) =>
        H.Odoo.Data.Search("purchase.order.line", $"[[\"order_id\",\"=\",{poId}]]").OrderBy(l => Convert.ToInt64(l["id"])).ToList();

    public static long Id(IReadOnlyDictionary<string, object?> row) => Convert.ToInt64(row["id"], CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => H.DisposeAsync();
}
