// Removes the configured secrets (password, API key) from any text before it reaches a trace, a log
// line or an exception message: raw, XML-escaped (every quote spelling), JSON-escaped and URL-encoded forms.
using System.Security;
using System.Text.Json;

namespace OdooOptiply.Odoo.Transport;

public sealed class SecretRedactor
{
    public const string Mask = "***";
    private readonly string[] _forms;

    public SecretRedactor(IEnumerable<string?> secrets) =>
        _forms = secrets.Where(s => !string.IsNullOrEmpty(s))
            .SelectMany(s => new[]
            {
                s!, SecurityElement.Escape(s!), JsonEncodedText.Encode(s!).ToString(),
                JsonEncodedText.Encode(s!, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
                s!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal), // Python's json.dumps
                XmlMinimal(s!), XmlMinimal(s!).Replace("'", "&#39;", StringComparison.Ordinal).Replace("\"", "&#34;", StringComparison.Ordinal),
                XmlMinimal(s!).Replace("'", "&apos;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal),
                XmlMinimal(s!).Replace("'", "&#x27;", StringComparison.Ordinal).Replace("\"", "&#x22;", StringComparison.Ordinal),
                Uri.EscapeDataString(s!), System.Net.WebUtility.UrlEncode(s!),
            })
            .Distinct().OrderByDescending(s => s.Length).ToArray();

    // What XmlWriter and Python's xmlrpc.client escape in text: &, < and > only (quotes stay as they are).
    private static string XmlMinimal(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public static SecretRedactor For(OdooOptions o) => new([o.Password, o.ApiKey]);

    public string Redact(string text)
    {
        foreach (var form in _forms)
            if (text.Contains(form, StringComparison.Ordinal)) text = text.Replace(form, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>The same exception with secrets taken out of its message (the server may echo what it got).</summary>
    public OdooException Redact(OdooException e)
    {
        if (e.OwnMessage) return e;
        var clean = Redact(e.ServerMessage);
        if (clean == e.ServerMessage) return e;
        return e is OdooFieldException f
            ? new OdooFieldException(f.FieldName, clean) { Model = e.Model, Method = e.Method, FaultCode = e.FaultCode, ErrorName = e.ErrorName, HttpStatus = e.HttpStatus }
            : new OdooException(e.Outcome, clean) { Model = e.Model, Method = e.Method, FaultCode = e.FaultCode, ErrorName = e.ErrorName, HttpStatus = e.HttpStatus, RetryAfter = e.RetryAfter, InvalidResponse = e.InvalidResponse };
    }
}
