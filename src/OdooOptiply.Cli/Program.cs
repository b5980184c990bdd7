// The odoo-optiply executable: parses the command line and hands each command to its own file.
// Each command lives in Commands/<Name>Command.cs and exposes Create(); this file only wires them.
using System.CommandLine;
using OdooOptiply.Cli.Commands;

// Piped or redirected, a line is never hard-wrapped at 80 columns (a log or a grep wants whole lines).
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 1000;
var root = new RootCommand("odoo-optiply: keeps Optiply in step with Odoo, and Odoo's purchase orders in step with Optiply.");
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(OdooCommand.Create());
root.Subcommands.Add(OptiplyCommand.Create());
root.Subcommands.Add(EmulateCommand.Create());
root.Subcommands.Add(SyncCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(TargetCommand.Create());
root.Subcommands.Add(TapCommand.Create());
// Ctrl-C / SIGTERM cancel the running command at once; the process waits up to two minutes for it to finish
// (the daemon's graceful stop lets running jobs end within --shutdown-grace), instead of the default 2 s.
var parsed = root.Parse(args);
// A command line that does not parse is bad input: exit 2 (README), not System.CommandLine's 1.
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("see odoo-optiply --help");
    return OdooOptiply.Cli.Commands.ExitCodes.BadInput;
}
try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(2), EnableDefaultExceptionHandler = false });
}
catch (OdooOptiply.Sync.State.StateStoreException e)
{
    // An unusable state file (corrupt, unreadable, read-only, full disk, not a file): the same one line and exit 2 in every command.
    Console.Error.WriteLine($"error: {e.Message}");
    return OdooOptiply.Cli.Commands.ExitCodes.BadInput;
}
