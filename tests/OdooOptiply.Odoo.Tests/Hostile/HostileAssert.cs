// What every hostile answer must yield: an OdooException (never a crash, hang or raw parser error)
// whose message names the problem, within a bounded time and a bounded number of attempts.
namespace OdooOptiply.Odoo.Tests.Hostile;

internal static class HostileAssert
{
    /// <summary>Generous bound for one failing call with quick back-off: a hang or an unbounded retry loop would blow it.</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(60); // "not hung": a wide bound, never a timing

    public static async Task<OdooException> FailsClearlyAsync(HostileOdoo server, Func<Task> call, string expected, int maxAttempts = 3)
    {
        // A hang bound, not a timing: a TimeoutException (hung, or retrying without end) fails the throws check.
        var e = await Assert.ThrowsAnyAsync<OdooException>(() => call().WaitAsync(MaxTime));
        Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(server.Hits, 1, maxAttempts);
        Assert.DoesNotContain("hostile-test-password", e.ToString());
        Assert.DoesNotContain("hostile-test-api-key", e.ToString());
        return e;
    }
}
