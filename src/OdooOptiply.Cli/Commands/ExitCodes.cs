// The program's exit codes, in one place (README's table): what a script or a supervisor can rely on.
using OdooOptiply.Sync;

namespace OdooOptiply.Cli.Commands;

internal static class ExitCodes
{
    public const int Done = 0;
    /// <summary>The run failed: a stream, a call, or a failure fatal for the run (RunFailures). The report says why.</summary>
    public const int Failed = 1;
    /// <summary>Bad input: config, command line, unusable state file, a port already taken.</summary>
    public const int BadInput = 2;
    /// <summary>Another process runs this tenant right now (its run lease).</summary>
    public const int Busy = 3;
    /// <summary>The run went through, but Optiply or Odoo rejected some records (each named in the report).</summary>
    public const int Rejected = 4;

    public static int Of(RunReport run) => !run.Succeeded ? Failed : run.Rejected > 0 ? Rejected : Done;
}
