// The attributes the emulated Optiply fills in on a create when they are absent or null (reference §7:
// "default 1", "default false"; the marked guesses are in OptiplyGuesses). A PATCH does not refill them, so
// a client must never SEND null for one of these: the same source record would end with the default when
// created and with null when updated (e.g. re-sent after a crash). The sync tests check every payload
// against this table; OptiplyRules.ApplyDefaults fills exactly these.
namespace OdooOptiply.Emulators.Optiply;

public static class OptiplyDefaults
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> OnCreate = new Dictionary<string, IReadOnlyList<string>>
    {
        ["products"] = ["unlimitedStock", "status"],
        ["supplierProducts"] = ["minimumPurchaseQuantity", "lotSize", "status", "preferred"],
        ["buyOrders"] = ["assembly", "expectedDeliveryDate"],
        ["buyOrderLines"] = ["expectedDeliveryDate"],
    };
}
