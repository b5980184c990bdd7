// The odoo-optiply executable: parses the command line and hands each command to its own file.
// Each command lives in Commands/<Name>Command.cs and exposes Create(); this file only wires them.
using System.CommandLine;
using OdooOptiply.Cli.Commands;

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
// Ctrl-C / SIGTERM cancel the running command at once; the process waits up to two minutes for it to finish
// (the daemon's graceful stop lets running jobs end within --shutdown-grace), instead of the default 2 s.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(2) });
