// The daemon's web surface: the live sync board, /metrics, /healthz and /readyz. See docs/board.md.
namespace OdooOptiply.Web;

public static class WebInfo
{
    /// <summary>The page is served on loopback unless authentication is configured.</summary>
    public const string DefaultAddress = "127.0.0.1";
}
