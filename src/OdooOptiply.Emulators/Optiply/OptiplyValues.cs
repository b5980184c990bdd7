// Wire values of the emulated API: turns what a client sends into the stored (= emitted) form, and
// stored or filter values into typed values for comparison. Formats are in OptiplyGuesses.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OdooOptiply.Emulators.Optiply;

internal static class OptiplyValues
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString(OptiplyGuesses.TimestampFormat, Inv);

    public static string FormatDecimal(decimal d) =>
        Math.Round(d, OptiplyGuesses.DecimalPlaces, MidpointRounding.AwayFromZero).ToString(OptiplyGuesses.DecimalFormat, Inv);

    /// <summary>The stored form of a value sent by a client for <paramref name="a"/>; null stays null.</summary>
    public static JsonNode? Accept(AttrSpec a, JsonNode? v)
    {
        if (v is null) return null;
        return a.Type switch
        {
            AttrType.String => JsonValue.Create(AcceptString(a, v)),
            AttrType.Integer => JsonValue.Create(AcceptLong(a, v)),
            AttrType.Reference => JsonValue.Create(AcceptId(a, v)),
            AttrType.Decimal => AcceptDecimal(a, v),
            AttrType.DateTime => JsonValue.Create(FormatTime(AcceptTime(a, v))),
            AttrType.Boolean => v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? JsonValue.Create(v.GetValue<bool>()) : throw Wrong(a, "a boolean"),
            AttrType.StringArray => v is JsonArray arr && arr.All(x => x?.GetValueKind() == JsonValueKind.String)
                ? arr.DeepClone() : throw Wrong(a, "an array of strings"),
            _ => v.DeepClone(),
        };
    }

    private static string AcceptString(AttrSpec a, JsonNode v)
    {
        var s = v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Wrong(a, "a string");
        if (a.Enum is not null)
        {
            var match = a.Enum.FirstOrDefault(e => string.Equals(e, s, StringComparison.OrdinalIgnoreCase))
                ?? throw OptiplyApiError.Rule(a.Name, $"{a.Name} must be one of {string.Join(", ", a.Enum)}, not '{s}'");
            return OptiplyGuesses.StatusEmittedLowerCase ? match : s;
        }
        if (a.MaxLength is { } max && s.Length > max) throw OptiplyApiError.Rule(a.Name, $"{a.Name} must be at most {max} characters");
        if (a.ExactLength is { } len && s.Length != len) throw OptiplyApiError.Rule(a.Name, $"{a.Name} must be exactly {len} characters");
        return s;
    }

    private static long AcceptLong(AttrSpec a, JsonNode v)
    {
        long n;
        if (v.GetValueKind() == JsonValueKind.Number)
        {
            var raw = v.ToJsonString();
            if (OptiplyGuesses.IntegersRejectFractionTokens && (raw.Contains('.') || raw.Contains('e') || raw.Contains('E')))
                throw OptiplyApiError.BadRequest($"Cannot deserialize value of type `java.lang.Long` from Floating-point value ({raw}) for {a.Name}", a.Name);
            if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, Inv, out n)) throw Wrong(a, "an integer");
        }
        else if (v.GetValueKind() == JsonValueKind.String && long.TryParse(v.GetValue<string>(), NumberStyles.AllowLeadingSign, Inv, out var parsed)) n = parsed;
        else throw Wrong(a, "an integer");
        if (a.Min is { } min && n < min || a.Max is { } mx && n > mx)
            throw OptiplyApiError.Rule(a.Name, $"{a.Name} must be {Range(a)}, not {n}");
        return n;
    }

    private static string Range(AttrSpec a) => (a.Min, a.Max) switch
    {
        ({ } lo, { } hi) => $"null or between {lo} and {hi}",
        ({ } lo, null) => $"at least {lo}",
        (null, { } hi) => $"at most {hi}",
        _ => "an integer",
    };

    // Foreign keys: integers or numeric strings are accepted ([code]); NaN and "" crash the server ([code]).
    private static long AcceptId(AttrSpec a, JsonNode v)
    {
        if (v.GetValueKind() == JsonValueKind.String)
        {
            var s = v.GetValue<string>();
            if (long.TryParse(s, NumberStyles.None, Inv, out var id)) return id;
            throw new OptiplyApiError(OptiplyGuesses.BadIdValueStatus, "Internal Server Error");
        }
        if (v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.None, Inv, out var n)) return n;
        throw new OptiplyApiError(OptiplyGuesses.BadIdValueStatus, "Internal Server Error");
    }

    private static JsonNode AcceptDecimal(AttrSpec a, JsonNode v)
    {
        decimal d;
        if (v.GetValueKind() == JsonValueKind.Number && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, Inv, out var n)) d = n;
        else if (v.GetValueKind() == JsonValueKind.String && decimal.TryParse(v.GetValue<string>(), NumberStyles.Number, Inv, out var p)) d = p;
        else throw Wrong(a, "a decimal number");
        if (a.MaxIntegerDigits is { } digits && Math.Abs(Math.Truncate(d)).ToString(Inv).Length > digits)
            throw OptiplyApiError.Rule(a.Name, $"{a.Name} numeric value out of bounds (<{digits} digits>.<2 digits> expected)");
        return OptiplyGuesses.DecimalsAsStrings ? JsonValue.Create(FormatDecimal(d)) : JsonValue.Create(Math.Round(d, OptiplyGuesses.DecimalPlaces));
    }

    public static DateTimeOffset AcceptTime(AttrSpec a, JsonNode v)
    {
        if (v.GetValueKind() == JsonValueKind.String && TryTime(v.GetValue<string>(), out var t)) return t;
        throw Wrong(a, "an ISO-8601 date-time with an offset");
    }

    // Date-times need a time and an offset (Z, +00:00); a bare date or local time is refused.
    public static bool TryTime(string s, out DateTimeOffset t)
    {
        t = default;
        return s.Length > 10 && (s.EndsWith('Z') || s.EndsWith('z') || s[^6] is '+' or '-')
            && DateTimeOffset.TryParse(s, Inv, DateTimeStyles.AdjustToUniversal, out t);
    }

    private static OptiplyApiError Wrong(AttrSpec a, string expected) => OptiplyApiError.BadRequest($"{a.Name} must be {expected}", a.Name);

    /// <summary>A stored value as something comparable (long, decimal, DateTimeOffset, bool, string), null for null.</summary>
    public static IComparable? Typed(AttrSpec a, JsonNode? v)
    {
        if (v is null) return null;
        return a.Type switch
        {
            AttrType.Integer or AttrType.Reference => v.GetValueKind() == JsonValueKind.Number ? v.GetValue<long>() : null,
            AttrType.Decimal => decimal.Parse(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString(), Inv),
            AttrType.DateTime => DateTimeOffset.Parse(v.GetValue<string>(), Inv, DateTimeStyles.AdjustToUniversal),
            AttrType.Boolean => v.GetValue<bool>(),
            AttrType.String => v.GetValue<string>(),
            _ => v.ToJsonString(),
        };
    }

    /// <summary>A filter value from the URL, typed like the attribute; a value that cannot be read that way is a 400.</summary>
    public static IComparable ParseFilter(AttrSpec a, string s)
    {
        object? r = a.Type switch
        {
            AttrType.Integer or AttrType.Reference => long.TryParse(s, NumberStyles.AllowLeadingSign, Inv, out var l) ? l : null,
            AttrType.Decimal => decimal.TryParse(s, NumberStyles.Number, Inv, out var d) ? d : null,
            AttrType.DateTime => TryTime(s, out var t) ? t : null,
            AttrType.Boolean => bool.TryParse(s, out var b) ? b : null,
            _ => a.Enum is not null ? s.ToLowerInvariant() : s,
        };
        return r as IComparable ?? throw OptiplyApiError.BadRequest($"failed to parse filter value '{s}' for {a.Name}");
    }
}
