// The field names fields_get gave for each model, kept in the tenant's state (key/value) between sessions
// (issue 16): a scheduled `sync` opens a new session each time and would otherwise ask fields_get of every
// model it reads — about a dozen calls of an idle poll's thirty. Kept for one server version and for
// schedule.reconcile_hours at most; the full reconciliation (--full, the daily one) asks Odoo again, so a
// module installed since shows its fields within a day. A field the server refuses is dropped as before.
using System.Globalization;
using OdooOptiply.Odoo;

namespace OdooOptiply.Sync.State;

public static class FieldsCache
{
    public const string Key = "odoo.fields";

    /// <summary>Primes the client from the stored names; returns the models primed and when they were stored.</summary>
    public static async Task<(IReadOnlySet<string> Models, DateTime At)> LoadAsync(IStateStore store, OdooClient client, string serverVersion, DateTime now,
        TimeSpan maxAge, CancellationToken ct)
    {
        var none = ((IReadOnlySet<string>)new HashSet<string>(), now);
        var text = await store.GetValueAsync(Key, ct);
        if (text is null) return none;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var head = lines.Length > 0 ? lines[0].Split('|') : [];
        if (head.Length != 2 || head[0] != serverVersion
            || !DateTime.TryParse(head[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            || now - at.ToUniversalTime() > maxAge || at.ToUniversalTime() > now) return none;
        var models = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            client.PrimeFieldNames(line[..colon], line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries));
            models.Add(line[..colon]);
        }
        return (models, at.ToUniversalTime());
    }

    /// <summary>Stores what the client knows when it learnt a model the stored set lacked (dated from the oldest part).</summary>
    public static async Task SaveAsync(IStateStore store, OdooClient client, string serverVersion, IReadOnlySet<string> primed, DateTime primedAt,
        CancellationToken ct)
    {
        var known = client.KnownFieldNames();
        if (known.Keys.All(primed.Contains)) return;
        var text = $"{serverVersion}|{primedAt.ToString("O", CultureInfo.InvariantCulture)}\n" +
                   string.Join("\n", known.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Key + ":" + string.Join(",", k.Value)));
        await store.SetValueAsync(Key, text, ct);
    }
}
