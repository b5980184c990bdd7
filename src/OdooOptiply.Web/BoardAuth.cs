// Who may act on the board: whoever logs in with the token from the environment variable
// ODOO_OPTIPLY_BOARD_TOKEN (compared in constant time) and a name of their choosing, which every action
// records. The session is an HttpOnly, SameSite=Strict cookie; every form carries an antiforgery token.
// Without the variable, the board is read-only and may only listen on loopback.
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace OdooOptiply.Web;

public static class BoardAuth
{
    public const string TokenVariable = "ODOO_OPTIPLY_BOARD_TOKEN";
    public const string Scheme = "board";

    public static bool Matches(string? expected, string? given)
    {
        if (string.IsNullOrEmpty(expected) || string.IsNullOrEmpty(given)) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
    }

    /// <summary>Parses "127.0.0.1:5080", "localhost:5080", "[::1]:5080" or "http://host:port" into an endpoint.</summary>
    public static IPEndPoint ParseAddress(string address)
    {
        var text = address.Trim();
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) text = text["http://".Length..].TrimEnd('/');
        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase)) text = "127.0.0.1:" + text["localhost:".Length..];
        if (!text.Contains(':', StringComparison.Ordinal)) text = $"{WebInfo.DefaultAddress}:{text}";
        if (!IPEndPoint.TryParse(text, out var endpoint) || endpoint.Port is < 0 or > 65535 || !text.Contains(':', StringComparison.Ordinal))
            throw new ArgumentException($"--http {address}: expected an address and port such as 127.0.0.1:5080");
        return endpoint;
    }

    /// <summary>Why the board may not listen there, or null: another address than loopback only with a token set.</summary>
    public static string? Refusal(IPEndPoint endpoint, string? token) =>
        IPAddress.IsLoopback(endpoint.Address) || !string.IsNullOrEmpty(token) ? null
            : $"--http {endpoint}: the board listens on another address than loopback only when {TokenVariable} is set (authentication)";
}
