// Test plumbing: an Optiply emulator on loopback and a client pointed at it (no rate limit, quick retries).
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Optiply.Tests;

internal sealed class OptiplyTestServer : IAsyncDisposable
{
    private OptiplyTestServer(OptiplyEmulator emulator) => Emulator = emulator;

    public OptiplyEmulator Emulator { get; }

    public static async Task<OptiplyTestServer> StartAsync(OptiplyEmulatorOptions? options = null) =>
        new(await OptiplyEmulator.StartAsync(options ?? new OptiplyEmulatorOptions()));

    public OptiplyOptions Options(Func<OptiplyOptions, OptiplyOptions>? change = null)
    {
        var o = new OptiplyOptions
        {
            BaseUrl = new Uri(Emulator.BaseUrl.AbsoluteUri.TrimEnd('/')),
            TokenUrl = Emulator.TokenUrl,
            ClientId = Emulator.ClientId,
            ClientSecret = Emulator.ClientSecret,
            Username = Emulator.Username,
            Password = Emulator.Password,
            AccountId = Emulator.AccountId,
            CouplingId = Emulator.CouplingId,
            RequestsPerSecond = 0,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            Timeout = TimeSpan.FromSeconds(10),
        };
        return change is null ? o : change(o);
    }

    public OptiplyClient Client(Func<OptiplyOptions, OptiplyOptions>? change = null, TimeProvider? time = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggers = null) => new(Options(change), loggers, time);

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
