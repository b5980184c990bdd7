// Knows every secret of one client (client secret, password, issued tokens) and blanks them out of
// any text before it reaches a log line, the body trace or an exception message.
using System.Collections.Concurrent;

namespace OdooOptiply.Optiply;

internal sealed class OptiplyRedactor
{
    public const string Mask = "***";
    private readonly ConcurrentDictionary<string, byte> _secrets = new();

    public OptiplyRedactor(params string?[] secrets)
    {
        foreach (var s in secrets) Add(s);
    }

    /// <summary>Adds a secret; very short strings are ignored (they would blank ordinary text).</summary>
    public void Add(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 4) _secrets.TryAdd(secret, 0);
    }

    public string Redact(string text)
    {
        foreach (var secret in _secrets.Keys.OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
            var escaped = Uri.EscapeDataString(secret);
            if (escaped != secret) text = text.Replace(escaped, Mask, StringComparison.Ordinal);
        }
        return text;
    }
}
