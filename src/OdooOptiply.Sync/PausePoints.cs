// Named points where the program can be made to stop and wait, so a test can kill it (SIGKILL) at an
// exact moment of the export: ODOO_OPTIPLY_PAUSE_AT=export.after-create makes the program print
// "PAUSED export.after-create" to stderr and wait there until killed (or cancelled). Inert when unset.
namespace OdooOptiply.Sync;

public static class PausePoints
{
    public const string Variable = "ODOO_OPTIPLY_PAUSE_AT";
    public const string Marker = "PAUSED ";

    public const string BeforeCreate = "export.before-create";
    public const string AfterCreate = "export.after-create";
    public const string AfterConfirm = "export.after-confirm";
    public const string AfterRemoteId = "export.after-remote-id";
    public const string AfterBind = "export.after-bind";
    /// <summary>After Odoo took the line changes of an exported order, before the line bindings are stored.</summary>
    public const string AfterLineWrite = "export.after-line-write";

    /// <summary>The points every export of a NEW buy order passes (AfterLineWrite only comes with lines added to an exported order).</summary>
    public static readonly IReadOnlyList<string> All = [BeforeCreate, AfterCreate, AfterConfirm, AfterRemoteId, AfterBind];

    /// <summary>In-process tests: called at every point instead of the environment variable (a freeze the test ends itself).</summary>
    internal static readonly AsyncLocal<Func<string, CancellationToken, Task>?> Hook = new();

    /// <summary>Waits forever at <paramref name="point"/> when the environment names it; returns at once otherwise.</summary>
    public static async Task AtAsync(string point, CancellationToken ct)
    {
        if (Hook.Value is { } hook) { await hook(point, ct); return; }
        if (Environment.GetEnvironmentVariable(Variable) != point) return;
        await Console.Error.WriteLineAsync(Marker + point);
        await Console.Error.FlushAsync(ct);
        await Task.Delay(Timeout.Infinite, ct);
    }
}
