// Builds OdooRecords the way Odoo sends them (false for empty, [id, "name"] for many2one) for mapper tests.
using OdooOptiply.Odoo;

namespace OdooOptiply.Sync.Tests.TestSupport;

internal static class Rec
{
    public static OdooRecord Of(params (string Field, object? Value)[] values) =>
        new(values.ToDictionary(v => v.Field, v => v.Value));

    /// <summary>A copy of <paramref name="record"/> with some fields replaced.</summary>
    public static OdooRecord With(OdooRecord record, params (string Field, object? Value)[] values)
    {
        var d = record.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (f, v) in values) d[f] = v;
        return new OdooRecord(d);
    }

    public static object?[] M2o(long id, string name) => [id, name];
}
