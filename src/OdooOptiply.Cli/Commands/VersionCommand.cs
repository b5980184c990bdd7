// `odoo-optiply version`: prints the program's own version (not Odoo's; that is `odoo version`).
using System.CommandLine;
using System.Reflection;

namespace OdooOptiply.Cli.Commands;

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print this program's version.");
        command.SetAction(_ =>
        {
            Console.WriteLine(ProgramVersion());
            return 0;
        });
        return command;
    }

    internal static string ProgramVersion() =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
