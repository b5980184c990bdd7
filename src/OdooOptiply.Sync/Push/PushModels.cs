// Push from Odoo: which Odoo models get a webhook rule and which streams a change of each one affects
// (from the stream catalog: the model a stream reads, and the models its changed-since query watches),
// the rule names the doctor finds its own rules by, and the tenant's webhook secret in its state store.
using System.Security.Cryptography;
using OdooOptiply.Sync.Streams;

namespace OdooOptiply.Sync.Push;

public static class PushModels
{
    /// <summary>Prefix of every automation rule the connector installs; the doctor finds (and never duplicates) its own by it.</summary>
    public const string RulePrefix = "odoo-optiply push: ";
    /// <summary>The state store key of the tenant's webhook secret.</summary>
    public const string SecretKey = "push.webhook_secret";
    /// <summary>The header the webhook URL's secret may also come in (the doctor puts it in the URL: Odoo's action sends no custom headers).</summary>
    public const string SecretHeader = "X-Odoo-Optiply-Secret";

    /// <summary>Odoo model → the streams a create or write of it affects. Stock moves the products stream (stock levels);
    /// sales, purchases and receipts have their own streams; partners are suppliers.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Streams = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["stock.quant"] = [StreamNames.Products],
        ["product.product"] = [StreamNames.Products, StreamNames.SupplierProducts],
        ["product.template"] = [StreamNames.Products, StreamNames.SupplierProducts],
        ["product.supplierinfo"] = [StreamNames.SupplierProducts],
        ["res.partner"] = [StreamNames.Suppliers],
        ["purchase.order"] = [StreamNames.BuyOrders],
        ["sale.order"] = [StreamNames.SellOrders],
        ["stock.picking"] = [StreamNames.ReceiptLines],
    };

    public static string RuleName(string model) => RulePrefix + model;

    /// <summary>The streams a webhook for this model affects; empty for a model no stream reads.</summary>
    public static IReadOnlyList<string> Affected(string? model) => model is not null && Streams.TryGetValue(model, out var s) ? s : [];

    /// <summary>A new secret: 32 random bytes, URL-safe base64 (43 characters).</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Constant-time comparison (no early exit on the first differing byte).</summary>
    public static bool SecretMatches(string? given, string? expected) =>
        given is not null && expected is { Length: > 0 } &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected));

    /// <summary>For output: <paramref name="text"/> with the secret (as given and URL-escaped), any secret= query value, and the
    /// user:password of any URL in it replaced by ***. Every line the doctor's push commands print passes through here.</summary>
    public static string Redact(string text, string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
            var escaped = Uri.EscapeDataString(secret);
            if (escaped != secret) text = text.Replace(escaped, "***", StringComparison.Ordinal);
        }
        text = System.Text.RegularExpressions.Regex.Replace(text, @"(?i)([?&]secret=)[^&#\s""']*", "$1***");
        return System.Text.RegularExpressions.Regex.Replace(text, @"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s:@]+:[^/\s@]*@", "$1***@");
    }

    /// <summary>For output: the first 4 characters and the length, never the secret.</summary>
    public static string Hint(string secret) => secret.Length <= 8 ? "(set)" : $"{secret[..4]}… ({secret.Length} chars)";
}
