// Removes the configured secrets (password, API key) from any text before it reaches a trace, a log
// line or an exception message: raw, XML-escaped and JSON-escaped forms, wherever they appear.
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
            })
            .Distinct().OrderByDescending(s => s.Length).ToArray();

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
        var clean = Redact(e.ServerMessage);
        if (clean == e.ServerMessage) return e;
        return e is OdooFieldException f
            ? new OdooFieldException(f.FieldName, clean) { Model = e.Model, Method = e.Method, FaultCode = e.FaultCode, ErrorName = e.ErrorName, HttpStatus = e.HttpStatus }
            : new OdooException(e.Outcome, clean) { Model = e.Model, Method = e.Method, FaultCode = e.FaultCode, ErrorName = e.ErrorName, HttpStatus = e.HttpStatus, RetryAfter = e.RetryAfter, InvalidResponse = e.InvalidResponse };
    }
}
