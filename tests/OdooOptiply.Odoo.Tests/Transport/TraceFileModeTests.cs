// The trace file holds request and response bodies (customer data): it is created readable by its owner only.
using OdooOptiply.Odoo.Transport;

namespace OdooOptiply.Odoo.Tests.Transport;

public sealed class TraceFileModeTests
{
    [Fact]
    public void TraceFile_IsCreated0600()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.log");
        try
        {
            using (var trace = new OdooTrace(path, new SecretRedactor([]), TimeProvider.System))
                trace.Write("POST /jsonrpc", "{}"u8, "200", "{}"u8, TimeSpan.Zero);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally { File.Delete(path); }
    }
}
