// `--json` on sync, export, status and doctor: the result as one JSON document on stdout for scripts, the
// exit code unchanged; everything meant for a person (notes, warnings, errors, progress) goes to stderr then.
// The shapes are stable: camelCase names, enums as strings, durations in seconds.
using System.Text.Json;
using System.Text.Json.Serialization;
using OdooOptiply.Sync;
using Spectre.Console;

namespace OdooOptiply.Cli.Commands;

internal static class CliJson
{
    public static readonly System.CommandLine.Option<bool> Option = new("--json") { Description = "print the result as JSON on stdout (messages go to stderr); the exit code is unchanged" };

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The console for a person's messages: stderr when the result goes out as JSON, else the terminal.</summary>
    public static IAnsiConsole MessagesConsole(bool json) =>
        json ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }) : AnsiConsole.Console;

    public static void Write(TextWriter output, object value)
    {
        output.WriteLine(JsonSerializer.Serialize(value, Options));
        output.Flush();
    }

    public static object Run(RunReport run) => new
    {
        id = run.Id == 0 ? (long?)null : run.Id, run.Tenant, run.StartedAt, run.FinishedAt, seconds = Math.Round(run.Duration.TotalSeconds, 3), run.DryRun,
        run.Succeeded, run.Writes, run.Rejected, run.Reason, exitCode = ExitCodes.Of(run),
        streams = run.Streams.Select(s => new
        {
            s.Stream, s.Status, s.Read, s.Created, s.Updated, s.Deleted, s.Unchanged, s.Skipped, s.Failed, seconds = Math.Round(s.Duration.TotalSeconds, 3),
            s.FullRead, s.SkipReasons, s.Errors, s.Adoption,
        }),
        plan = run.Plan,
    };

    public static object Doctor(DoctorReport report) => new
    {
        report.Healthy,
        checks = report.Checks.Select(c => new { c.Name, c.Result, c.Detail, c.Fix }),
        streams = report.Streams.Select(s => new { s.Stream, s.WillSync, s.Detail }),
    };
}
