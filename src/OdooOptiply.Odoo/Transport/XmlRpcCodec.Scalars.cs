// XML-RPC codec, scalar texts: integers of every width (past 64 bits is an error), doubles with
// exponents, dateTime.iso8601 in its common spellings.
using System.Globalization;

namespace OdooOptiply.Odoo.Transport;

public static partial class XmlRpcCodec
{
    /// <summary>Integers of any XML-RPC width; past 64 bits is an error, never a silent wrap.</summary>
    internal static long ParseInteger(string text)
    {
        var t = text.Trim();
        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        if (t.Length > 0 && t.TrimStart('+', '-').All(char.IsAsciiDigit))
            throw new FormatException($"integer {Shorten(t)} does not fit in 64 bits");
        throw new FormatException($"'{Shorten(t)}' is not an XML-RPC integer");
    }

    internal static double ParseDouble(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d : throw new FormatException($"'{Shorten(text)}' is not an XML-RPC double");

    private static readonly string[] DateFormats =
        ["yyyyMMdd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyyMMdd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ssK", "yyyyMMdd'T'HHmmss"];

    internal static DateTime ParseDateTime(string text) =>
        DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt)
            ? dt : throw new FormatException($"'{Shorten(text)}' is not an XML-RPC dateTime.iso8601");

    internal static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
