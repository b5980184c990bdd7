// Writes one Odoo record as the "record" object of a RECORD message, field by field as TapSchema
// declares them: Odoo's false → null (but a boolean's false stays false), "YYYY-MM-DD HH:MM:SS" (UTC)
// → "YYYY-MM-DDTHH:MM:SS+00:00", many2one [id, name] as it is, numbers and strings unchanged.
using System.Globalization;
using System.Text.Json;
using OdooOptiply.Odoo;
using OdooOptiply.Odoo.Transport;

namespace OdooOptiply.Singer.Tap;

public static class TapValues
{
    public static void Write(Utf8JsonWriter w, OdooRecord record, IReadOnlyList<TapField> fields)
    {
        w.WriteStartObject();
        foreach (var f in fields)
        {
            if (!record.TryGetValue(f.Name, out var value)) continue; // not read (dropped by the server): left out, not invented
            w.WritePropertyName(f.Name);
            WriteValue(w, f, value);
        }
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, TapField f, object? value)
    {
        if (f.OdooType == "boolean")
        {
            if (value is bool b) w.WriteBooleanValue(b);
            else if (value is long l) w.WriteBooleanValue(l != 0);
            else w.WriteNullValue();
            return;
        }
        if (value is null or false) { w.WriteNullValue(); return; }
        switch (f.OdooType)
        {
            case "datetime":
                w.WriteStringValue(DateTimeText(value, f.Name));
                return;
            case "date":
                w.WriteStringValue(value is DateTime d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value.ToString()![..Math.Min(10, value.ToString()!.Length)]);
                return;
            case "integer" or "many2one_reference":
                if (value is long i) w.WriteNumberValue(i);
                else if (value is double x && x == Math.Floor(x)) w.WriteNumberValue((long)x);
                else throw new FormatException($"field '{f.Name}' is not an integer");
                return;
            case "float" or "monetary":
                if (value is double dbl)
                {
                    if (!double.IsFinite(dbl)) throw new FormatException($"field '{f.Name}' is not a finite number");
                    w.WriteNumberValue(dbl);
                }
                else if (value is long n) w.WriteNumberValue(n);
                else throw new FormatException($"field '{f.Name}' is not a number");
                return;
            case "many2one":
                // search_read gives [id, "name"]; a bare id (read with load=None) is written as [id].
                if (value is long id) { w.WriteStartArray(); w.WriteNumberValue(id); w.WriteEndArray(); return; }
                break;
            case "char" or "text" or "html" or "selection" or "reference" or "binary":
                if (value is string s) { w.WriteStringValue(s); return; }
                break;
        }
        OdooJson.Write(w, value);
    }

    /// <summary>An Odoo datetime (UTC, "YYYY-MM-DD HH:MM:SS[.ffffff]") as RFC 3339 with +00:00.</summary>
    public static string DateTimeText(object value, string field = "") => value switch
    {
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
        string { Length: >= 19 } s when s[10] == ' ' => string.Concat(s.AsSpan(0, 10), "T", s.AsSpan(11, 8), "+00:00"),
        string { Length: 10 } s => s + "T00:00:00+00:00",
        _ => throw new FormatException($"field '{field}' is not an Odoo datetime: '{value}'"),
    };

    /// <summary>RFC 3339 text of a UTC instant, as the messages carry it.</summary>
    public static string Rfc3339(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
}
