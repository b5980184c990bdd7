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
return await root.Parse(args).InvokeAsync();
