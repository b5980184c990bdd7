// For state that cannot tell us it changed (a scheduler's job store, an emulator's request log, a database
// row): look again every few milliseconds until the condition holds. The look-again interval is not a wait
// for time to pass — the test proceeds the moment the condition holds — and the hang bound only turns a hung
// test into a clear failure. Prefer Changes (notified) wherever the state can say it changed.
namespace OdooOptiply.TestKit;

public static class Eventually
{
    private static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(10);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? hang = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, hang);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? hang = null)
    {
        var give = DateTime.UtcNow + (hang ?? Changes.DefaultHang);
        while (!await condition())
        {
            if (DateTime.UtcNow > give) throw new TimeoutException($"hung waiting for {what}");
            await Task.Delay(LookAgain);
        }
    }
}
