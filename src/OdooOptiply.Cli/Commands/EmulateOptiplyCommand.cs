// `odoo-optiply emulate optiply --port N [--faults SPEC]`: runs the Optiply emulator on 127.0.0.1 until
// Ctrl-C, printing the URLs and credentials a client needs. Wired under the `emulate` parent command.
using System.CommandLine;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Cli.Commands;

internal static class EmulateOptiplyCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 8070 };
        var faults = new Option<string?>("--faults")
        {
            Description = "e.g. 429=0.05,5xx=0.02,reset=0.01,slow=0.01,slow-ms=3000,retry-after=2,seed=7, plus strict-rps=5 (server rate limit) and page504=50 (504 for larger pages)",
        };
        var tokenLifetime = new Option<int?>("--token-lifetime") { Description = "expires_in of issued tokens, in seconds (default 3600)" };
        var command = new Command("optiply", "Run an emulator of Optiply's public API (token endpoint and /v1 resources).") { port, faults, tokenLifetime };
        command.SetAction(async (p, ct) =>
        {
            var output = p.InvocationConfiguration.Output;
            OptiplyEmulatorOptions options;
            try
            {
                options = OptiplyFaultSpec.Parse(p.GetValue(faults)).ApplyTo(new OptiplyEmulatorOptions { Port = p.GetValue(port) });
                if (p.GetValue(tokenLifetime) is int seconds) options = options with { TokenLifetime = TimeSpan.FromSeconds(seconds) };
            }
            catch (FormatException e)
            {
                await p.InvocationConfiguration.Error.WriteLineAsync($"error: --faults: {e.Message}");
                return 2;
            }
            await using var emulator = await EmulatorPort.StartAsync(() => OptiplyEmulator.StartAsync(options, ct), options.Port, p.InvocationConfiguration.Error);
            if (emulator is null) return ExitCodes.BadInput;
            await output.WriteLineAsync($"Optiply emulator on {emulator.Url}");
            await output.WriteLineAsync($"  base_url      {emulator.BaseUrl.AbsoluteUri.TrimEnd('/')}");
            await output.WriteLineAsync($"  token_url     {emulator.TokenUrl}");
            await output.WriteLineAsync($"  client_id     {emulator.ClientId}");
            await output.WriteLineAsync($"  client_secret {emulator.ClientSecret}   (emulator test credential)");
            await output.WriteLineAsync($"  username      {emulator.Username}");
            await output.WriteLineAsync($"  password      {emulator.Password}   (emulator test credential)");
            await output.WriteLineAsync($"  account_id    {emulator.AccountId}");
            await output.WriteLineAsync($"  coupling_id   {emulator.CouplingId}");
            await output.WriteLineAsync("Ctrl-C to stop.");
            await output.FlushAsync(ct);
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            return 0;
        });
        return command;
    }
}
