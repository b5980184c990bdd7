// Knows every secret of one client (client secret, password, issued tokens) and blanks them out of
// any text before it reaches a log line, the body trace or an exception message — in every spelling a secret takes
// on the wire: raw, URL-encoded (the token form), JSON-escaped (a server echoing it in a JSON error) and XML-escaped.
using System.Collections.Concurrent;

namespace OdooOptiply.Optiply;

internal sealed class OptiplyRedactor
{
    public const string Mask = "***";
    private readonly ConcurrentDictionary<string, byte> _secrets = new();
    // Every spelling of every secret, longest first, computed when a secret is added (rarely: the credentials, then each
    // issued token), not on every Redact (every traced body and log line).
    private volatile string[] _forms = [];

    public OptiplyRedactor(params string?[] secrets)
    {
        foreach (var s in secrets) Add(s);
    }

    /// <summary>Adds a secret; very short strings are ignored (they would blank ordinary text).</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 4 || !_secrets.TryAdd(secret, 0)) return;
        lock (_secrets) _forms = _secrets.Keys.SelectMany(Forms).Distinct().OrderByDescending(s => s.Length).ToArray();
    }

    public string Redact(string text)
    {
        foreach (var form in _forms)
        {
            // Percent-escapes may come back in either case (%3C or %3c).
            var comparison = form.Contains('%', StringComparison.Ordinal) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (text.Contains(form, comparison)) text = text.Replace(form, Mask, comparison);
        }
        return text;
    }

    private static IEnumerable<string> Forms(string s) =>
    [
        s, Uri.EscapeDataString(s), System.Net.WebUtility.UrlEncode(s),
        System.Text.Json.JsonEncodedText.Encode(s).ToString(),
        System.Text.Json.JsonEncodedText.Encode(s, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
        System.Security.SecurityElement.Escape(s),
        s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal),
    ];
}
