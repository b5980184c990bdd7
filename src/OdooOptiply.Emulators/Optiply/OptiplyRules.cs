// What the emulated API checks and fills in on a write (reference §5, §7, checklist §8 items 3, 6–11):
// attribute types and value rules, required attributes, foreign keys, unique pairs (409), supplier
// emails (400 "is not a valid address"), defaults, remoteIdMap per coupling, embedded orderLines.
// Always called by OptiplyStore under its lock.
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OdooOptiply.Emulators.Optiply;

internal sealed partial class OptiplyRules(OptiplyStore store)
{
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$")]
    private static partial Regex EmailPattern();

    public OptiplyRow Create(ResourceSpec spec, JsonObject sent, WriteContext ctx)
    {
        if (!spec.Writable) throw new OptiplyApiError(OptiplyGuesses.NotWritableStatus, $"{spec.Type} cannot be created");
        var (attrs, remoteId, lines) = Clean(spec, sent, creating: true);
        foreach (var a in spec.Attributes.Values.Where(a => a.Required && attrs[a.Name] is null))
            throw OptiplyApiError.Rule(a.Name, $"{a.Name} must not be null");
        CheckReferences(spec, attrs);
        CheckUniquePair(spec, attrs, selfId: null);
        var parsedLines = lines is null ? [] : lines.Select(l => CleanLine(spec, l)).ToList();
        ApplyDefaults(spec, attrs, ctx);
        var now = OptiplyValues.FormatTime(store.Clock.GetUtcNow());
        attrs["uuid"] = Guid.NewGuid().ToString();
        attrs["createdAt"] = now;
        attrs["updatedAt"] = now;
        attrs["createdFromPublicApi"] = ctx.FromApi;
        if (spec.Attributes.ContainsKey("remoteIdMap")) attrs["remoteIdMap"] = new JsonObject();
        SetRemoteId(attrs, remoteId, ctx);
        var id = store.Insert(spec.Type, attrs);
        AfterWrite(spec, id, attrs);
        foreach (var line in parsedLines) CreateLine(spec, id, line, ctx);
        return store.Row(spec.Type, id, attrs);
    }

    public OptiplyRow Update(ResourceSpec spec, long id, JsonObject sent, WriteContext ctx)
    {
        if (!spec.Writable) throw new OptiplyApiError(OptiplyGuesses.NotWritableStatus, $"{spec.Type} cannot be changed");
        var row = store.Find(spec.Type, id) ?? throw OptiplyApiError.NotFound($"{spec.Type} with id {id} not found");
        var (attrs, remoteId, lines) = Clean(spec, sent, creating: false);
        if (lines is not null) throw OptiplyApiError.BadRequest("orderLines can only be sent when the order is created", "orderLines");
        foreach (var (name, value) in attrs)
            if (value is null && spec.Attributes[name].Required) throw OptiplyApiError.Rule(name, $"{name} must not be null");
        var merged = (JsonObject)row.DeepClone();
        foreach (var (name, value) in attrs) merged[name] = value?.DeepClone();
        CheckReferences(spec, attrs);
        CheckUniquePair(spec, merged, selfId: id);
        merged["updatedAt"] = OptiplyValues.FormatTime(store.Clock.GetUtcNow());
        SetRemoteId(merged, remoteId, ctx);
        foreach (var (name, value) in merged.ToList()) row[name] = value?.DeepClone();
        AfterWrite(spec, id, row);
        return store.Row(spec.Type, id, row);
    }

    // Splits what a client sent into stored attributes, the write-only remoteId and embedded lines.
    private static (JsonObject Attrs, string? RemoteId, JsonArray? Lines) Clean(ResourceSpec spec, JsonObject sent, bool creating)
    {
        var attrs = new JsonObject();
        string? remoteId = null;
        JsonArray? lines = null;
        foreach (var (name, value) in sent)
        {
            if (!spec.Attributes.TryGetValue(name, out var a))
            {
                if (OptiplyGuesses.RejectUnknownAttributes)
                    throw OptiplyApiError.BadRequest($"Unrecognized field \"{name}\" (resource {spec.Type}), not marked as ignorable", name);
                continue;
            }
            if (a.ReadOnly && OptiplyGuesses.IgnoreReadOnlyAttributes) continue;
            if (name == "remoteId") remoteId = value is null ? null : OptiplyValues.Accept(a, value)!.GetValue<string>();
            else if (name == "orderLines") lines = value as JsonArray ?? throw OptiplyApiError.BadRequest("orderLines must be an array", name);
            else attrs[name] = OptiplyValues.Accept(a, value);
        }
        if (spec.Type == "suppliers" && attrs["emails"] is JsonArray emails)
            foreach (var e in emails.Select(x => x!.GetValue<string>()).Where(e => !EmailPattern().IsMatch(e)))
                throw OptiplyApiError.BadRequest($"{e} {OptiplyGuesses.InvalidEmailPhrase}", "emails");
        return (attrs, remoteId, lines);
    }

    private void CheckReferences(ResourceSpec spec, JsonObject attrs)
    {
        foreach (var a in spec.Attributes.Values.Where(a => a.References is not null))
            if (attrs[a.Name] is JsonValue v && store.Find(a.References!, v.GetValue<long>()) is null)
                throw new OptiplyApiError(OptiplyGuesses.UnknownReferenceStatus, $"{a.References} with id {v.GetValue<long>()} not found");
    }

    private void CheckUniquePair(ResourceSpec spec, JsonObject attrs, long? selfId)
    {
        if (spec.UniquePair is not { } pair || attrs[pair.A] is not JsonValue a || attrs[pair.B] is not JsonValue b) return;
        var (x, y) = (a.GetValue<long>(), b.GetValue<long>());
        var clash = store.Where(spec.Type, pair.A, x).FirstOrDefault(r => r.Id != selfId && r.Attrs[pair.B]?.GetValue<long>() == y);
        if (clash.Attrs is not null)
            throw OptiplyApiError.Conflict($"{spec.Type} with {pair.A}={x} and {pair.B}={y} already exists (id {clash.Id})");
    }

    private void ApplyDefaults(ResourceSpec spec, JsonObject attrs, WriteContext ctx)
    {
        // Only the attributes OptiplyDefaults lists (the table clients are checked against) are ever filled.
        void Default(string name, JsonNode? value)
        {
            if (!OptiplyDefaults.OnCreate[spec.Type].Contains(name)) throw new InvalidOperationException($"{spec.Type}.{name} is defaulted but not in OptiplyDefaults");
            if (!attrs.ContainsKey(name) || attrs[name] is null) attrs[name] = value;
        }
        if (spec.HasAccountId && attrs["accountId"] is null) attrs["accountId"] = ctx.AccountId; // read-only: always the server's
        switch (spec.Type)
        {
            case "products":
                Default("unlimitedStock", OptiplyGuesses.UnlimitedStockDefault);
                Default("status", "enabled");
                break;
            case "supplierProducts":
                Default("minimumPurchaseQuantity", 1L);
                Default("lotSize", 1L);
                Default("status", "enabled");
                Default("preferred", false);
                break;
            case "buyOrders":
                Default("assembly", OptiplyGuesses.AssemblyDefault);
                Default("expectedDeliveryDate", JsonValue.Create(ExpectedDelivery(attrs, store.Find("suppliers", attrs["supplierId"]!.GetValue<long>())?["deliveryTime"])));
                break;
            case "buyOrderLines":
                Default("expectedDeliveryDate", JsonValue.Create(LineExpectedDelivery(attrs)));
                attrs["productUuid"] = store.Find("products", attrs["productId"]!.GetValue<long>())?["uuid"]?.DeepClone();
                break;
        }
    }

    // placed + supplier.deliveryTime days (checklist 11); without a deliveryTime see OptiplyGuesses.
    private static string? ExpectedDelivery(JsonObject order, JsonNode? deliveryTime)
    {
        var placed = DateTimeOffset.Parse(order["placed"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        if (deliveryTime is JsonValue d) return OptiplyValues.FormatTime(placed.AddDays(d.GetValue<long>()));
        return OptiplyGuesses.ExpectedDeliveryDefaultsToPlaced ? OptiplyValues.FormatTime(placed) : null;
    }

    // A buy-order line inherits the order's date, or placed + supplierProduct.deliveryTime when that pair has one (§7.8).
    private string? LineExpectedDelivery(JsonObject line)
    {
        var order = store.Find("buyOrders", line["buyOrderId"]!.GetValue<long>())!;
        var productId = line["productId"]!.GetValue<long>();
        var supplierId = order["supplierId"]!.GetValue<long>();
        var sp = store.Where("supplierProducts", "productId", productId).FirstOrDefault(r => r.Attrs["supplierId"]?.GetValue<long>() == supplierId);
        return sp.Attrs?["deliveryTime"] is JsonValue d
            ? ExpectedDelivery(order, d)
            : order["expectedDeliveryDate"]?.GetValue<string>();
    }

    private static void SetRemoteId(JsonObject attrs, string? remoteId, WriteContext ctx)
    {
        if (remoteId is null || attrs["remoteIdMap"] is not JsonObject map) return;
        map[ctx.CouplingId.ToString(System.Globalization.CultureInfo.InvariantCulture)] = remoteId;
    }

    // One preferred supplierProduct per product (OptiplyGuesses.OnePreferredPerProduct).
    private void AfterWrite(ResourceSpec spec, long id, JsonObject attrs)
    {
        if (spec.Type != "supplierProducts" || !OptiplyGuesses.OnePreferredPerProduct || attrs["preferred"]?.GetValue<bool>() != true) return;
        foreach (var other in store.Where("supplierProducts", "productId", attrs["productId"]!.GetValue<long>()).Where(r => r.Id != id))
            other.Attrs["preferred"] = false;
    }
}
