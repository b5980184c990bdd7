// Embedded orderLines on POST sellOrders / buyOrders (reference §5.2, checklist 7): flat objects
// {quantity, subtotalValue, productId[, expectedDeliveryDate]} validated before the order is stored,
// then created as sellOrderLines / buyOrderLines rows pointing at the new order.
using System.Text.Json.Nodes;

namespace OdooOptiply.Emulators.Optiply;

internal sealed partial class OptiplyRules
{
    private static (ResourceSpec Spec, string ForeignKey) LineSpec(ResourceSpec order) => order.Type switch
    {
        "sellOrders" => (OptiplyStore.Spec("sellOrderLines"), "sellOrderId"),
        "buyOrders" => (OptiplyStore.Spec("buyOrderLines"), "buyOrderId"),
        _ => throw OptiplyApiError.BadRequest($"{order.Type} has no orderLines", "orderLines"),
    };

    // Validates one embedded line completely (types, required, product exists) before anything is stored.
    private JsonObject CleanLine(ResourceSpec order, JsonNode? line)
    {
        var (spec, fk) = LineSpec(order);
        if (line is not JsonObject obj) throw OptiplyApiError.BadRequest("each of orderLines must be an object", "orderLines");
        if (obj.ContainsKey(fk)) throw OptiplyApiError.BadRequest($"orderLines must not carry {fk}", "orderLines");
        var (attrs, _, _) = Clean(spec, obj, creating: true);
        foreach (var a in spec.Attributes.Values.Where(a => a.Required && a.Name != fk && attrs[a.Name] is null))
            throw OptiplyApiError.Rule("orderLines", $"orderLines.{a.Name} must not be null");
        CheckReferences(spec, attrs);
        return obj;
    }

    private void CreateLine(ResourceSpec order, long orderId, JsonObject line, WriteContext ctx)
    {
        var (spec, fk) = LineSpec(order);
        var attrs = (JsonObject)line.DeepClone();
        attrs[fk] = orderId;
        Create(spec, attrs, ctx);
    }
}
