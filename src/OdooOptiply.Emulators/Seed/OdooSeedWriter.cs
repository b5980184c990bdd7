// Small helpers the seeds use to create records through the ORM (so every default and side effect
// applies) with dates placed relative to the clock, and to write translations.
using System.Globalization;
using OdooOptiply.Emulators.Odoo.Orm;

namespace OdooOptiply.Emulators.Seed;

internal sealed class OdooSeedWriter(Orm orm)
{
    public Orm Orm { get; } = orm;
    public int Version => Orm.Profile.Version;

    /// <summary>Creates with store keys (18 names); keys no field of this profile stores are dropped.</summary>
    public long C(string model, Dictionary<string, object?> vals) =>
        Orm.Create(Env.Default, model, Public(model, vals));

    public void W(string model, long id, Dictionary<string, object?> vals) =>
        Orm.Write(Env.Default, model, [id], Public(model, vals));

    private Dictionary<string, object?> Public(string model, Dictionary<string, object?> vals)
    {
        var schema = Orm.Schema(model);
        var d = new Dictionary<string, object?>();
        foreach (var (k, v) in vals)
            if (schema.ByKey.TryGetValue(k, out var f)) d[f.Name] = v;
            else if (schema.Has(k)) d[k] = v;
        return d;
    }

    public void Translate(string model, long id, string field, string lang, string text) =>
        Orm.Write(Env.Default with { Lang = lang }, model, [id], new Dictionary<string, object?> { [field] = text });

    public object? Call(string model, string method, long id) => Orm.ExecuteNamed(Env.Default, model, method, [id], new Dictionary<string, object?>());

    public bool Has(string model, string field) => Orm.Profile.Model(model)?.Has(field) == true;

    /// <summary>"YYYY-MM-DD HH:MM:SS", <paramref name="days"/> from the clock's today at 09:00 UTC.</summary>
    public string Day(int days, int hour = 9)
    {
        var d = Orm.Clock.GetUtcNow().UtcDateTime.Date.AddDays(days).AddHours(hour);
        return d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>A valid EAN-13 built from a 12-digit number.</summary>
    public static string Ean13(long n)
    {
        var digits = n.ToString("000000000000", CultureInfo.InvariantCulture)[..12];
        var sum = digits.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return digits + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture);
    }
}
