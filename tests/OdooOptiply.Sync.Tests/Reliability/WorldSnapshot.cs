// Both systems reduced to sorted lines of text that two worlds can be compared by: every Optiply record
// by type, remote id and attributes (references to other records replaced by the referenced record's
// remote id, server timestamps dropped), and every Odoo purchase order with its lines. Equal snapshots
// mean: same records, same attributes, nothing missing, nothing twice.
using System.Globalization;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Sync.Tests.Reliability;

internal sealed record WorldSnapshot(IReadOnlyList<string> Lines)
{
    private static readonly string[] Types =
        ["products", "suppliers", "supplierProducts", "productCompositions", "sellOrders", "sellOrderLines", "buyOrders", "buyOrderLines", "receiptLines"];

    private static readonly Dictionary<string, string> References = new()
    {
        ["productId"] = "products", ["composedProductId"] = "products", ["partProductId"] = "products", ["supplierId"] = "suppliers",
        ["buyOrderId"] = "buyOrders", ["buyOrderLineId"] = "buyOrderLines", ["sellOrderId"] = "sellOrders", ["supplierProductId"] = "supplierProducts",
    };

    private static readonly HashSet<string> ServerStamped = ["createdAt", "updatedAt", "id"];

    public static WorldSnapshot Of(OdooOptiply.Emulators.Odoo.OdooEmulator odoo, OptiplyEmulator optiply)
    {
        var w = (Odoo: odoo, Optiply: optiply);
        var coupling = w.Optiply.CouplingId;
        // Records made in Optiply by a user (buy orders to export) are named by their Optiply id, which the test's seeding
        // fixes; their remote id is the Odoo order id, which depends on the order the exports happened in.
        string Label(string type, long id) => w.Optiply.Store.Get(type, id) is not { } row ? $"{type}:missing#{id}"
            : row.Attributes["createdFromPublicApi"]?.GetValue<bool>() == false ? $"{type}:optiply#{id}"
            : $"{type}:{row.RemoteId(coupling) ?? "made-in-optiply"}";
        var lines = new List<string>();
        foreach (var type in Types)
            lines.AddRange(w.Optiply.Store.All(type).Select(r => $"optiply {type} {Label(type, r.Id)} {Canonical(r.Attributes, Label)}"));
        foreach (var po in w.Odoo.Data.Search("purchase.order", "[]"))
        {
            var id = Convert.ToInt64(po["id"], CultureInfo.InvariantCulture);
            var poLines = w.Odoo.Data.Search("purchase.order.line", $"[[\"order_id\",\"=\",{id}]]")
                .Select(l => $"{V(l, "product_id")}x{V(l, "product_qty")}@{V(l, "price_unit")}/{V(l, "date_planned")}").Order();
            lines.Add($"odoo purchase.order {V(po, "name")} partner={V(po, "partner_id")} state={V(po, "state")} origin={V(po, "origin")} date={V(po, "date_order")} lines=[{string.Join(", ", poLines)}]");
        }
        lines.Sort(StringComparer.Ordinal);
        return new WorldSnapshot(lines);
    }

    private static string V(IReadOnlyDictionary<string, object?> row, string field) =>
        row.TryGetValue(field, out var v) ? v switch { System.Collections.IList l => string.Join("/", l.Cast<object?>()), _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "" } : "";

    private static string Canonical(JsonObject attributes, Func<string, long, string> label)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (ServerStamped.Contains(key) || key.EndsWith("uuid", StringComparison.OrdinalIgnoreCase)) continue; // random per world
            if (key == "remoteIdMap" && attributes["createdFromPublicApi"]?.GetValue<bool>() == false)
            {
                copy[key] = value is JsonObject { Count: > 0 } ? "exported" : "not exported";
                continue;
            }
            copy[key] = References.TryGetValue(key, out var type) && value is JsonValue v && v.TryGetValue<long>(out var id)
                ? label(type, id) : value?.DeepClone();
        }
        return copy.ToJsonString();
    }

    /// <summary>The lines only one side has, for a failure message that says what differs.</summary>
    public string DifferenceFrom(WorldSnapshot other)
    {
        var missing = Lines.Except(other.Lines).Take(10).Select(l => "- " + l);
        var extra = other.Lines.Except(Lines).Take(10).Select(l => "+ " + l);
        var counts = Lines.Count != other.Lines.Count ? [$"{Lines.Count} lines vs {other.Lines.Count}"] : Array.Empty<string>();
        return string.Join("\n", counts.Concat(missing).Concat(extra));
    }
}
