// The trace file: every request and response body, appended as it happens, secrets redacted. Meant
// for debugging a customer's database ("what exactly did Odoo answer?"), not for normal runs. Created 0600:
// bodies hold customer data.
using System.Text;

namespace OdooOptiply.Odoo.Transport;

public sealed class OdooTrace : IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _writer;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;

    public OdooTrace(string path, SecretRedactor redactor, TimeProvider time)
    {
        _writer = new StreamWriter(new FileStream(path, OwnerOnly()), new UTF8Encoding(false)) { AutoFlush = true };
        _redactor = redactor;
        _time = time;
    }

    public void Write(string request, ReadOnlySpan<byte> requestBody, string outcome, ReadOnlySpan<byte> responseBody, TimeSpan duration)
    {
        var text = new StringBuilder()
            .Append("### ").Append(_time.GetUtcNow().ToString("O")).Append(' ').Append(request)
            .Append(" -> ").Append(outcome).Append(" in ").Append((long)duration.TotalMilliseconds).Append(" ms, ").Append(responseBody.Length).AppendLine(" bytes")
            .AppendLine(">>> request").AppendLine(Encoding.UTF8.GetString(requestBody))
            .AppendLine("<<< response").AppendLine(Encoding.UTF8.GetString(responseBody))
            .ToString();
        lock (_gate) _writer.Write(_redactor.Redact(text));
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }

    private static FileStreamOptions OwnerOnly()
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }
}
