// What a command or a child process prints, as it prints it: a TextWriter (give it as a command's output, or
// write a child process's lines into it) whose every write notifies, so a test waits for the line it expects
// instead of for seconds.
using System.Text;

namespace OdooOptiply.TestKit;

public sealed class PrintedText : StringWriter
{
    private readonly Changes _changes = new();

    public override void Write(char value) { lock (this) base.Write(value); _changes.Notify(); }
    public override void Write(char[] buffer, int index, int count) { lock (this) base.Write(buffer, index, count); _changes.Notify(); }
    public override void Write(string? value) { lock (this) base.Write(value); _changes.Notify(); }
    public override void Write(ReadOnlySpan<char> buffer) { lock (this) base.Write(buffer); _changes.Notify(); }
    public override void WriteLine(string? value) { lock (this) { base.Write(value); base.Write(CoreNewLine); } _changes.Notify(); }

    public override string ToString() { lock (this) return base.ToString(); }

    /// <summary>Completes with everything printed so far once it satisfies <paramref name="printed"/>.</summary>
    public Task<string> PrintedAsync(Func<string, bool> printed, string what, TimeSpan? hang = null) =>
        _changes.UntilAsync(() => ToString() is var text && printed(text) ? text : null, what, hang);

    /// <summary>Fails the wait at once when <paramref name="gone"/> completes first (the process exited).</summary>
    public async Task<string> PrintedAsync(Func<string, bool> printed, string what, Task gone, TimeSpan? hang = null)
    {
        var wait = PrintedAsync(printed, what, hang);
        if (await Task.WhenAny(wait, gone) == wait) return await wait;
        var text = ToString();
        return printed(text) ? text : throw new InvalidOperationException($"exited before printing {what}:\n{text}");
    }
}
