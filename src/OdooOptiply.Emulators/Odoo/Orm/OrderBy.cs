// Parses an order spec such as "date_order desc, id" and compares rows by it the way PostgreSQL
// does: NULL (Odoo's False) sorts last ascending and first descending; many2one sorts by id.
namespace OdooOptiply.Emulators.Odoo.Orm;

internal sealed record OrderTerm(string Field, bool Descending);

internal static class OrderBy
{
    public static IReadOnlyList<OrderTerm> Parse(string? order, string fallback)
    {
        var spec = string.IsNullOrWhiteSpace(order) ? fallback : order;
        var terms = new List<OrderTerm>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bits = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var desc = bits.Length > 1 && bits[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            if (bits.Length > 1 && !desc && !bits[1].Equals("asc", StringComparison.OrdinalIgnoreCase))
                throw OdooFault.ValueError($"Invalid order: '{spec}'");
            terms.Add(new OrderTerm(bits[0], desc));
        }
        return terms;
    }

    /// <summary>True when the order is just the id, so rows can stream from the id index.</summary>
    public static bool IsById(IReadOnlyList<OrderTerm> terms, out bool descending)
    {
        descending = terms.Count > 0 && terms[0].Descending;
        return terms.Count == 1 && terms[0].Field == "id";
    }

    public static int Compare(object? a, object? b, bool descending)
    {
        var aNull = a is null;
        var bNull = b is null;
        if (aNull || bNull)
        {
            if (aNull && bNull) return 0;
            var nullsLast = aNull ? 1 : -1;
            return descending ? -nullsLast : nullsLast; // NULLS LAST for ASC, FIRST for DESC (then reversed below)
        }
        var c = (a, b) switch
        {
            (string x, string y) => CompareText(x, y),
            (bool x, bool y) => x.CompareTo(y),
            _ => Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture)),
        };
        return descending ? -c : c;
    }

    private static int CompareText(string x, string y)
    {
        var c = string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
        return c != 0 ? c : string.CompareOrdinal(x, y);
    }
}
