// The Singer hosts of the program: `tap` (Odoo → Singer messages) and `target` (Singer messages → Odoo).
// See docs/singer.md.
namespace OdooOptiply.Singer;

public static class SingerInfo
{
    /// <summary>The Singer specification version the messages follow.</summary>
    public const string SpecVersion = "0.3.0";
}
