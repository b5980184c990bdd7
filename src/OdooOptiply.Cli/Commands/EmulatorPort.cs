// Starting an emulator on a port another program holds: one line naming the port and the way out, exit 2
// (bad input), instead of Kestrel's stack trace. Shared by `emulate odoo` and `emulate optiply`.
using System.Net.Sockets;

namespace OdooOptiply.Cli.Commands;

internal static class EmulatorPort
{
    /// <summary>Starts the emulator; null (the reason written to <paramref name="error"/>) when its port is taken.</summary>
    public static async Task<T?> StartAsync<T>(Func<Task<T>> start, int port, TextWriter error) where T : class
    {
        try { return await start(); }
        catch (IOException e) when (IsAddressInUse(e))
        {
            await error.WriteLineAsync($"error: port {port} on 127.0.0.1 is already in use by another program; choose another with --port, or --port 0 for any free port");
            return null;
        }
    }

    private static bool IsAddressInUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.GetType().Name == "AddressInUseException") return true;
        return false;
    }
}
