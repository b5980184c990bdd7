// The debugging trace: every call logged at Debug (method, path, status, duration, size), and when
// TracePath is set, request and response bodies appended to that file. Everything passes the redactor;
// Authorization headers are never written.
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Optiply;

internal sealed class OptiplyTrace(ILogger logger, OptiplyRedactor redactor, string? path, TimeProvider time)
{
    private readonly object _gate = new();

    public void Call(string method, string pathAndQuery, int status, TimeSpan duration, long bytes) =>
        logger.LogDebug("Optiply {Method} {Path} -> {Status} in {DurationMs} ms, {Bytes} bytes",
            method, redactor.Redact(pathAndQuery), status == 0 ? "no answer" : status.ToString(CultureInfo.InvariantCulture),
            (long)duration.TotalMilliseconds, bytes);

    public bool Enabled => path is not null;

    /// <summary>Appends one exchange; <paramref name="requestBody"/> must already have credentials masked where the format needs it.</summary>
    public void Bodies(string method, string pathAndQuery, string? requestBody, int status, string? responseBody)
    {
        if (path is null) return;
        var at = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var text = $"{at} >>> {method} {pathAndQuery}\n{requestBody ?? ""}\n{at} <<< {(status == 0 ? "no answer" : status)}\n{responseBody ?? ""}\n\n";
        lock (_gate)
        {
            // Created 0600: bodies hold customer data.
            using var file = new FileStream(path, OwnerOnly());
            file.Write(System.Text.Encoding.UTF8.GetBytes(redactor.Redact(text)));
        }
    }

    private static FileStreamOptions OwnerOnly()
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }
}
