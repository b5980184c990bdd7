// The built odoo-optiply program (odoo-optiply.dll next to the tests) as a real child process: real exit codes,
// real stdout/stderr, real process death (SIGKILL). Every wait is for what the program prints — a line, a pause
// marker, its exit — bounded only by a generous limit that fails the test, never by a guessed number of seconds.
// The one place the test suites start, watch and kill the CLI (Child, ProgramProcess and CrashWorld are built on it).
using System.Diagnostics;
using System.Text;
using OdooOptiply.Sync;

namespace OdooOptiply.TestWorld;

/// <summary>How a run to the end went.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err, TimeSpan Elapsed)
{
    /// <summary>Both streams with line breaks folded (the console wraps long messages at 80 columns when redirected).</summary>
    public string All => System.Text.RegularExpressions.Regex.Replace(Out + "\n" + Err, @"\s*\n\s*", " ");
}

public sealed class CliProcess : IDisposable
{
    private readonly StringBuilder _out = new(), _err = new();
    private readonly List<string> _outLines = [];
    private readonly List<(Func<string, bool> Printed, TaskCompletionSource Done)> _waiters = [];
    private readonly TaskCompletionSource<string> _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly TaskCompletionSource _outClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "odoo-optiply.dll");

    public Process Process { get; }
    public string Output { get { lock (_out) return _out.ToString(); } }
    /// <summary>What it printed on stdout, line by line (Singer messages, JSON documents).</summary>
    public IReadOnlyList<string> OutputLines { get { lock (_out) return _outLines.ToList(); } }
    /// <summary>Its stdin, when started with input: true (Singer messages for the target).</summary>
    public StreamWriter StandardInput => Process.StandardInput;
    public string Errors { get { lock (_err) return _err.ToString(); } }
    public bool Killed { get; private set; }

    private CliProcess(ProcessStartInfo info)
    {
        // Nothing of the developer's own connection settings (nor a pause point) leaks into a test run.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ODOO_", StringComparison.Ordinal) || k.StartsWith("OPTIPLY_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment["COLUMNS"] = "200";
        (info.RedirectStandardOutput, info.RedirectStandardError, info.UseShellExecute) = (true, true, false);
        info.WorkingDirectory = AppContext.BaseDirectory;
        Process = new Process { StartInfo = info, EnableRaisingEvents = true };
        Process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (_out) _outLines.Add(e.Data);
            Received(_out, e.Data, _outClosed);
        };
        Process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && e.Data.StartsWith(PausePoints.Marker, StringComparison.Ordinal)) _paused.TrySetResult(e.Data[PausePoints.Marker.Length..].Trim());
            Received(_err, e.Data, _errClosed);
        };
        Process.Exited += (_, _) => Check();
    }

    /// <summary>Starts `odoo-optiply ARGS…`; <paramref name="env"/> adds variables (ODOO_OPTIPLY_PAUSE_AT …); with
    /// <paramref name="input"/> its stdin is a pipe the test writes to (StandardInput).</summary>
    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, bool input = false)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = input };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return Launch(info, env);
    }

    /// <summary>Starts the program with a command line as one string (quotes as a shell would take them).</summary>
    public static CliProcess Start(string commandLine, IReadOnlyDictionary<string, string>? env = null) =>
        Launch(new ProcessStartInfo("dotnet", $"\"{Dll}\" {commandLine}"), env);

    /// <summary>Starts the program stopping at the pause point <paramref name="pauseAt"/> (ODOO_OPTIPLY_PAUSE_AT), if any.</summary>
    public static CliProcess Start(string commandLine, string? pauseAt) =>
        Start(commandLine, pauseAt is null ? null : new Dictionary<string, string> { [PausePoints.Variable] = pauseAt });

    private static CliProcess Launch(ProcessStartInfo info, IReadOnlyDictionary<string, string>? env)
    {
        var p = new CliProcess(info);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        p.Process.Start();
        p.Process.BeginOutputReadLine();
        p.Process.BeginErrorReadLine();
        return p;
    }

    /// <summary>Runs to the end; past <paramref name="limit"/> the program is killed and a TimeoutException names what it printed.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, TimeSpan? limit = null)
    {
        var list = args.ToList();
        using var p = Start(list, env);
        await p.WaitForExitAsync(limit ?? TimeSpan.FromSeconds(60), $"odoo-optiply {string.Join(' ', list)}");
        return new CliResult(p.Process.ExitCode, p.Output, p.Errors, p._watch.Elapsed);
    }

    private void Received(StringBuilder into, string? line, TaskCompletionSource closed)
    {
        if (line is null) { closed.TrySetResult(); return; }
        lock (into) into.AppendLine(line);
        Check();
    }

    private void Check()
    {
        List<(Func<string, bool>, TaskCompletionSource)> due;
        lock (_waiters)
        {
            if (_waiters.Count == 0) return;
            var text = Output + Errors;
            due = _waiters.Where(w => w.Printed(text)).ToList();
            foreach (var w in due) _waiters.Remove(w);
        }
        foreach (var (_, done) in due) done.TrySetResult();
    }

    /// <summary>Waits until what the program printed (stdout and stderr together) satisfies <paramref name="printed"/>; fails when it
    /// exits first or <paramref name="timeout"/> (a generous bound, not a schedule) passes.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> printed, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters) _waiters.Add((printed, done));
        Check();
        var exited = Process.WaitForExitAsync();
        var first = await Task.WhenAny(done.Task, exited, Task.Delay(timeout));
        if (first == exited)
        {
            await Task.WhenAll(_outClosed.Task, _errClosed.Task).WaitAsync(TimeSpan.FromSeconds(10)); // what it printed last
            Check();
        }
        if (!done.Task.IsCompleted)
        {
            lock (_waiters) _waiters.RemoveAll(w => w.Done == done);
            throw new TimeoutException($"not printed; exited={Process.HasExited}\nstdout:\n{Output}\nstderr:\n{Errors}");
        }
    }

    /// <summary>Waits for a printed line that <paramref name="line"/> matches.</summary>
    public Task WaitForLineAsync(Func<string, bool> line, TimeSpan timeout) =>
        WaitForOutputAsync(text => text.Split('\n').Any(l => line(l.TrimEnd('\r'))), timeout);

    /// <summary>Waits for the pause marker (PAUSED point) on stderr; returns false when the program exited without pausing.</summary>
    public async Task<bool> TryWaitPausedAtAsync(string point, TimeSpan timeout)
    {
        var exited = Process.WaitForExitAsync();
        var first = await Task.WhenAny(_paused.Task, exited, Task.Delay(timeout));
        if (first == _paused.Task) return await _paused.Task == point ? true : throw new InvalidOperationException($"paused at {await _paused.Task}, not {point}");
        if (first == exited) return false;
        throw new TimeoutException($"neither paused at {point} nor exited within {timeout}\nstdout:\n{Output}\nstderr:\n{Errors}");
    }

    /// <summary>Waits for the pause marker of <paramref name="point"/>; fails when the program exits or stops elsewhere.</summary>
    public async Task WaitPausedAtAsync(string point, TimeSpan timeout)
    {
        if (!await TryWaitPausedAtAsync(point, timeout))
            throw new TimeoutException($"never paused at {point}; exited={Process.HasExited}\nstdout:\n{Output}\nstderr:\n{Errors}");
    }

    /// <summary>SIGKILL: no cleanup, no finally blocks, exactly like a crash or an OOM kill. False when it had already ended.</summary>
    public async Task<bool> KillAsync()
    {
        var killed = false;
        if (!Process.HasExited)
            try { Process.Kill(entireProcessTree: true); killed = Killed = true; }
            catch (InvalidOperationException) { /* ended meanwhile */ }
        await Process.WaitForExitAsync();
        return killed;
    }

    /// <summary>Waits for the program to end; past <paramref name="timeout"/> it is killed and the test fails with what it printed.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, string? what = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await Process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            Process.Kill(true);
            throw new TimeoutException($"{what ?? "odoo-optiply"} still running after {timeout}\nstdout:\n{Output}\nstderr:\n{Errors}");
        }
        Process.WaitForExit(); // flushes the redirected streams
        return Process.ExitCode;
    }

    public void Dispose()
    {
        try { if (!Process.HasExited) Process.Kill(true); } catch (InvalidOperationException) { }
        Process.Dispose();
    }
}
