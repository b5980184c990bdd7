// Python-compatible text forms: float repr (6936.0, 1e-05), and repr() of values for error messages,
// so the emulator's numbers and fault texts read exactly like a real Odoo (CPython) server's.
using System.Globalization;
using System.Text;

namespace OdooOptiply.Emulators.Odoo.Wire;

internal static class PyFormat
{
    /// <summary>Python's repr(float): shortest round-trip digits, ".0" on integral values, exponent
    /// form below 1e-4 or from 1e16 on, written "1e-05" / "1e+16".</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        // Find the shortest digits that round-trip, then place the decimal point the Python way.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16)
        {
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            return $"{sign}{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }
        if (exponent < 0) return sign + "0." + new string('0', -exponent - 1) + digits;
        if (digits.Length <= exponent + 1) return sign + digits + new string('0', exponent + 1 - digits.Length) + ".0";
        return sign + digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
    }

    // "1.2345E-05" or "123.45" -> ("12345", -5) / ("12345", 2): significant digits and decimal exponent.
    private static (string Digits, int Exponent) Decompose(string s)
    {
        s = s.TrimStart('-');
        var exp = 0;
        var e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
            s = s[..e];
        }
        var dot = s.IndexOf('.');
        var intPart = dot >= 0 ? s[..dot] : s;
        var frac = dot >= 0 ? s[(dot + 1)..] : "";
        var all = intPart + frac;
        var pointPos = intPart.Length + exp; // digits before the decimal point
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        var digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (digits, pointPos - lead - 1);
    }

    /// <summary>Python repr() of a wire value, as it appears in "Invalid field ... in leaf ('x', '=', 1)".</summary>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => Float(d),
        string s => Str(s),
        IReadOnlyDictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => Str(kv.Key) + ": " + Repr(kv.Value))) + "}",
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Repr)) + "]",
        _ => Str(value.ToString() ?? ""),
    };

    /// <summary>A leaf as Python prints the tuple: ('name', '=', 1).</summary>
    public static string Tuple(IEnumerable<object?> items) => "(" + string.Join(", ", items.Select(Repr)) + ")";

    private static string Str(string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (var c in s)
        {
            if (c == quote || c == '\\') sb.Append('\\').Append(c);
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\t') sb.Append("\\t");
            else if (c == '\r') sb.Append("\\r");
            else sb.Append(c);
        }
        return sb.Append(quote).ToString();
    }
}
