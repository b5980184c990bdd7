// What version of Odoo answers: from common.version() (all versions) or GET /web/version (JSON-2).
// Odoo Online reports "saas~18.4" and may put a string as the first item of server_version_info.
using System.Globalization;
using System.Text.RegularExpressions;

namespace OdooOptiply.Odoo;

public sealed partial record OdooServerVersion(int Major, int Minor, string ServerVersion, bool IsSaas)
{
    /// <summary>From common.version(): server_version and server_version_info.</summary>
    public static OdooServerVersion FromCommonVersion(OdooRecord r) =>
        From(r.GetString("server_version") ?? "", r.Get("server_version_info") as IReadOnlyList<object?>);

    /// <summary>From GET /web/version: version and version_info.</summary>
    public static OdooServerVersion FromWebVersion(OdooRecord r) =>
        From(r.GetString("version") ?? "", r.Get("version_info") as IReadOnlyList<object?>);

    private static OdooServerVersion From(string text, IReadOnlyList<object?>? info)
    {
        var isSaas = text.StartsWith("saas~", StringComparison.Ordinal) || info is [string s, ..] && s.StartsWith("saas~", StringComparison.Ordinal);
        if (info is [long major, long minor, ..]) return new((int)major, (int)minor, text, isSaas);
        var m = VersionPattern().Match(info is [string first, ..] && text.Length == 0 ? first : text);
        if (!m.Success) throw new OdooException(Outcome.Fatal, $"cannot read the server version from '{text}'");
        var minorValue = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : info is [_, long mi, ..] ? (int)mi : 0;
        return new(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), minorValue, text, isSaas);
    }

    [GeneratedRegex(@"(\d+)(?:\.(\d+))?")]
    private static partial Regex VersionPattern();

    public override string ToString() => $"{ServerVersion} (major {Major}{(IsSaas ? ", SaaS" : "")})";
}
