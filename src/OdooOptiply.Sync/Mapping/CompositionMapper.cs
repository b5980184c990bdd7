// productCompositions: one (composed product, part) pair of a bill of materials → one Optiply composition.
// The stream sums a part's lines and divides by the BoM's own quantity first; this only shapes the result.
using System.Text.Json.Nodes;

namespace OdooOptiply.Sync.Mapping;

public static class CompositionMapper
{
    /// <summary>The binding key of a pair: "&lt;composed product id&gt;_&lt;part product id&gt;" (Odoo ids).</summary>
    public static string SourceId(long composedProductId, long partProductId) => $"{composedProductId}_{partProductId}";

    /// <param name="partQuantity">parts per one composed unit, already in stock units</param>
    public static MapResult Map(string sourceId, long? composedTargetId, long? partTargetId, double partQuantity)
    {
        if (composedTargetId is null) return MapResult.Skip("composed product not in Optiply");
        if (partTargetId is null) return MapResult.Skip("part product not in Optiply");
        if (partQuantity <= 0) return MapResult.Skip("part quantity is not positive");
        return MapResult.Send(new JsonObject
        {
            ["composedProductId"] = composedTargetId,
            ["partProductId"] = partTargetId,
            // Optiply stores whole parts (≥ 1); a fraction of a part per unit rounds, but never to zero.
            ["partQuantity"] = Math.Max(1, Units.Whole(partQuantity)),
            ["remoteId"] = sourceId,
        });
    }
}
