// The call's environment as Odoo builds it from kwargs['context']: language, active_test, the
// allowed companies and the stock location filters (warehouse key per version: warehouse/warehouse_id).
using System.Globalization;

namespace OdooOptiply.Emulators.Odoo.Orm;

internal sealed record Env(
    string Lang, bool ActiveTest, IReadOnlyList<long>? CompanyIds, long? WarehouseId, long? LocationId,
    IReadOnlyDictionary<string, object?> Context)
{
    public static readonly Env Default = new("en_US", true, null, null, null, new Dictionary<string, object?>());

    public Env WithActiveTest(bool on) => this with { ActiveTest = on };

    /// <summary>Reads the context; warehouse names and ids are resolved by the caller's profile key.</summary>
    public static Env From(IReadOnlyDictionary<string, object?>? context, string warehouseKey)
    {
        if (context is null || context.Count == 0) return Default;
        var lang = context.GetValueOrDefault("lang") as string ?? "en_US";
        var activeTest = context.GetValueOrDefault("active_test") is not false;
        var companies = context.GetValueOrDefault("allowed_company_ids") is IEnumerable<object?> list
            ? list.Select(AsLong).Where(x => x is not null).Select(x => x!.Value).ToList() : null;
        return new Env(lang, activeTest, companies, AsLong(context.GetValueOrDefault(warehouseKey)),
            AsLong(context.GetValueOrDefault("location")), context);
    }

    public static long? AsLong(object? v) => v switch
    {
        long l => l,
        int i => i,
        double d when d == Math.Floor(d) => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };
}
