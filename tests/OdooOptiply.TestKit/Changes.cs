// Waiting for something the code under test does, not for seconds: whoever changes the watched state calls
// Notify, and UntilAsync re-checks its condition on each change (no polling, no sleep). The hang bound only
// turns a hung test into a clear failure; a busy machine makes the wait longer, never wrong.
namespace OdooOptiply.TestKit;

public sealed class Changes
{
    /// <summary>How long a wait may hang before it fails: far beyond any real wait, so it never decides a result.</summary>
    public static readonly TimeSpan DefaultHang = TimeSpan.FromMinutes(2);

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Re-checks <paramref name="found"/> after every change until it yields a value.</summary>
    public async Task<T> UntilAsync<T>(Func<T?> found, string what, TimeSpan? hang = null) where T : class
    {
        T? value = null;
        await UntilAsync(() => (value = found()) is not null, what, hang);
        return value!;
    }

    /// <summary>Re-checks <paramref name="condition"/> after every change until it holds.</summary>
    public async Task UntilAsync(Func<bool> condition, string what, TimeSpan? hang = null)
    {
        using var give = new CancellationTokenSource(hang ?? DefaultHang);
        while (true)
        {
            var next = Volatile.Read(ref _next).Task; // taken before looking, so a change in between is not missed
            if (condition()) return;
            try { await next.WaitAsync(give.Token); }
            catch (OperationCanceledException) when (give.IsCancellationRequested) { throw new TimeoutException($"hung waiting for {what}"); }
        }
    }
}
