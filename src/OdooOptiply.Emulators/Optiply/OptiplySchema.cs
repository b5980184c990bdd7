// The resources of Optiply's public API as the emulator knows them (reference §7): attributes with wire
// types and value rules, unique pairs, cascades and relationship names. One table, read by the rules,
// the query engine and the serialiser.
namespace OdooOptiply.Emulators.Optiply;

internal enum AttrType { String, Integer, Decimal, DateTime, Boolean, StringArray, Object, Reference }

/// <summary>One attribute. <paramref name="References"/> names the resource a foreign key points to.</summary>
internal sealed record AttrSpec(
    string Name, AttrType Type, bool Required = false, bool ReadOnly = false, bool WriteOnly = false,
    long? Min = null, long? Max = null, int? MaxLength = null, int? ExactLength = null,
    string[]? Enum = null, string? References = null, long? MaxIntegerDigits = null);

/// <summary>A child collection removed with its parent: rows of <paramref name="Type"/> whose <paramref name="ForeignKey"/> is the parent id.</summary>
internal sealed record Cascade(string Type, string ForeignKey);

/// <summary>A relationship link; to-one follows a foreign key of this row, to-many finds rows of the target type pointing here.</summary>
internal sealed record Relationship(string Name, string TargetType, string ForeignKey, bool ToMany);

internal sealed record ResourceSpec(
    string Type, IReadOnlyDictionary<string, AttrSpec> Attributes, bool Writable = true,
    (string A, string B)? UniquePair = null, IReadOnlyList<Cascade>? Cascades = null,
    IReadOnlyList<Relationship>? Relationships = null, bool HasAccountId = false);

internal static class OptiplySchema
{
    public static readonly IReadOnlyDictionary<string, ResourceSpec> Resources = Build();

    public static ResourceSpec? Find(string type) => Resources.GetValueOrDefault(type);

    private static AttrSpec Str(string n, bool req = false, int max = 255) => new(n, AttrType.String, req, MaxLength: max);
    private static AttrSpec Int(string n, bool req = false, long? min = null, long? max = null) => new(n, AttrType.Integer, req, Min: min, Max: max);
    private static AttrSpec Dec(string n, bool req = false, long digits = 17) => new(n, AttrType.Decimal, req, MaxIntegerDigits: digits);
    private static AttrSpec Time(string n, bool req = false) => new(n, AttrType.DateTime, req);
    private static AttrSpec Bool(string n) => new(n, AttrType.Boolean);
    private static AttrSpec Ref(string n, string type, bool req = true) => new(n, AttrType.Reference, req, References: type);
    private static AttrSpec Status() => new("status", AttrType.String, Enum: ["enabled", "disabled"]);

    // Attributes every resource has: read-only bookkeeping plus the write-only remoteId (§5.5).
    private static IEnumerable<AttrSpec> Common(bool remoteIdMap) =>
    [
        new("uuid", AttrType.String, ReadOnly: true), new("createdAt", AttrType.DateTime, ReadOnly: true),
        new("updatedAt", AttrType.DateTime, ReadOnly: true), new("createdFromPublicApi", AttrType.Boolean, ReadOnly: true),
        new("remoteId", AttrType.String, WriteOnly: true, MaxLength: 255), Time("remoteDataSyncedToDate"),
        .. remoteIdMap ? [new AttrSpec("remoteIdMap", AttrType.Object, ReadOnly: true)] : Array.Empty<AttrSpec>(),
    ];

    private static ResourceSpec R(string type, IEnumerable<AttrSpec> attrs, bool remoteIdMap = true, bool account = false,
        bool writable = true, (string, string)? unique = null, Cascade[]? cascades = null, Relationship[]? rels = null)
    {
        var all = attrs.Concat(Common(remoteIdMap));
        if (account) all = all.Append(new AttrSpec("accountId", AttrType.Integer, ReadOnly: true));
        var byName = all.ToDictionary(a => a.Name, StringComparer.Ordinal);
        return new ResourceSpec(type, byName, writable, unique, cascades ?? [], rels ?? [], byName.ContainsKey("accountId"));
    }

    private static Dictionary<string, ResourceSpec> Build()
    {
        var list = new[]
        {
            R("products", [Str("name", true), Int("stockLevel", true), Bool("unlimitedStock"), Str("skuCode"), Str("eanCode"),
                Str("articleCode"), Dec("price", digits: 9), Status(), Bool("notBeingBought"), Time("resumingPurchase"),
                Bool("assembled"), Dec("minimumStock"), Dec("maximumStock"), Bool("ignored"), Dec("manualServiceLevel"),
                Time("createdAtRemote"), Str("stockMeasurementUnit", max: 10), new("category", AttrType.String, ReadOnly: true),
                new("novel", AttrType.Boolean, ReadOnly: true)],
              account: true,
              cascades: OptiplyGuesses.CascadeProductChildren
                ? [new("supplierProducts", "productId"), new("productCompositions", "composedProductId"), new("productCompositions", "partProductId")] : [],
              rels: [new("supplierProducts", "supplierProducts", "productId", true)]),
            R("suppliers", [Str("name", true), new("emails", AttrType.StringArray), Int("deliveryTime", min: 1, max: 365),
                Int("userReplenishmentPeriod", min: 1, max: 365), Dec("minimumOrderValue"), Dec("fixedCosts"),
                new("type", AttrType.String, Enum: ["vendor", "producer"]), new("globalLocationNumber", AttrType.String, ExactLength: 13),
                Bool("reactingToLostSales"), Int("lostSalesReaction", min: 0, max: 1), Int("lostSalesMovReaction", min: 0, max: 1),
                Bool("backorders"), Int("backorderThreshold"), Int("backordersReaction", min: 0, max: 1),
                Int("maxLoadCapacity"), Int("containerVolume"), Bool("ignored"), Str("currency", max: 3)],
              account: true,
              cascades: OptiplyGuesses.CascadeSupplierProducts ? [new("supplierProducts", "supplierId")] : [],
              rels: [new("supplierProducts", "supplierProducts", "supplierId", true), new("buyOrders", "buyOrders", "supplierId", true),
                     new("account", "accounts", "accountId", false)]),
            R("supplierProducts", [Str("name", true), Ref("productId", "products"), Ref("supplierId", "suppliers"), Str("skuCode"),
                Str("eanCode"), Str("articleCode"), Dec("price"), Int("minimumPurchaseQuantity", min: 1), Int("lotSize", min: 1),
                Int("deliveryTime", min: 1, max: 365), Bool("preferred"), Status(), Bool("availability"), Time("availabilityDate"),
                Int("freeStock", min: 0), Dec("weight"), Dec("volume"), Bool("notBeingBought"), Time("resumingPurchase"),
                Dec("costPrice"), Dec("discountPrice"), Int("economicOrderQuantity"), Dec("secondaryCurrencyPrice")],
              unique: ("productId", "supplierId"),
              rels: [new("product", "products", "productId", false), new("supplier", "suppliers", "supplierId", false)]),
            R("productCompositions", [Ref("composedProductId", "products"), Ref("partProductId", "products"),
                Int("partQuantity", true, min: 1), Int("batchQuantity", min: 1)],
              remoteIdMap: false, unique: ("composedProductId", "partProductId")),
            R("sellOrders", [Time("placed", true), Dec("totalValue", true), Time("completed"), new("orderLines", AttrType.Object, WriteOnly: true)],
              account: true, cascades: OptiplyGuesses.CascadeSellOrderLines ? [new("sellOrderLines", "sellOrderId")] : [],
              rels: [new("sellOrderLines", "sellOrderLines", "sellOrderId", true), new("account", "accounts", "accountId", false)]),
            R("sellOrderLines", [Ref("sellOrderId", "sellOrders"), Ref("productId", "products"), Int("quantity", true), Dec("subtotalValue", true)],
              remoteIdMap: false,
              rels: [new("product", "products", "productId", false), new("sellOrder", "sellOrders", "sellOrderId", false)]),
            R("buyOrders", [Time("placed", true), Ref("supplierId", "suppliers"), Dec("totalValue", true), Time("expectedDeliveryDate"),
                Time("completed"), Bool("assembly"), new("orderLines", AttrType.Object, WriteOnly: true),
                new("accountId", AttrType.Integer)],
              cascades: [new("buyOrderLines", "buyOrderId")],
              rels: [new("supplier", "suppliers", "supplierId", false), new("buyOrderLines", "buyOrderLines", "buyOrderId", true),
                     new("account", "accounts", "accountId", false)]),
            R("buyOrderLines", [Ref("buyOrderId", "buyOrders"), Ref("productId", "products"), Int("quantity", true),
                Dec("subtotalValue", true), Time("expectedDeliveryDate"), new("productUuid", AttrType.String, ReadOnly: true)],
              remoteIdMap: false, cascades: [new("receiptLines", "buyOrderLineId")],
              rels: [new("product", "products", "productId", false), new("buyOrder", "buyOrders", "buyOrderId", false),
                     new("receiptLines", "receiptLines", "buyOrderLineId", true)]),
            R("receiptLines", [Ref("buyOrderLineId", "buyOrderLines"), Int("quantity", true), Time("occurred", true)],
              remoteIdMap: false, rels: [new("buyOrderLine", "buyOrderLines", "buyOrderLineId", false)]),
            R("accounts", [Str("name", true)], remoteIdMap: false, writable: false),
        };
        return list.ToDictionary(r => r.Type, StringComparer.Ordinal);
    }
}
