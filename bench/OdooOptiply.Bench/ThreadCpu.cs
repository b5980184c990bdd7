// ThreadCpu: this process's CPU per thread, from /proc/self/task/*/stat (Linux only; elsewhere empty), grouped by
// thread name (".NET TP Worker", ".NET BGC", ".NET Tiered Com", ...), so a run's CPU can be split into thread-pool
// work, GC, JIT and the rest. Resolution is the kernel's clock tick (10 ms); threads that exit between two snapshots
// take their CPU with them (the difference to the process total is printed as "exited").
using System.Globalization;

namespace OdooOptiply.Bench;

internal static class ThreadCpu
{
    private const double TickMs = 10; // USER_HZ is 100 on every Linux the bench runs on

    /// <summary>tid → (name, CPU ms so far).</summary>
    public static Dictionary<int, (string Name, double Ms)> Snapshot()
    {
        var result = new Dictionary<int, (string, double)>();
        if (!OperatingSystem.IsLinux()) return result;
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                int open = stat.IndexOf('('), close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                // after "(comm) ": state is field 3, utime 14, stime 15 → indexes 11 and 12 here
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                result[int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture)] = (name, ticks * TickMs);
            }
            catch (IOException) { } // the thread exited while we read
            catch (UnauthorizedAccessException) { }
        }
        return result;
    }

    /// <summary>"name ms (threads)" per thread name, largest first, between two snapshots; "exited" is what the
    /// process total says beyond the threads still alive.</summary>
    public static string Describe(Dictionary<int, (string Name, double Ms)> before, Dictionary<int, (string Name, double Ms)> after, double processMs)
    {
        var groups = after
            .Select(t => (t.Value.Name, Ms: t.Value.Ms - (before.TryGetValue(t.Key, out var b) ? b.Ms : 0)))
            .Where(t => t.Ms > 0)
            .GroupBy(t => t.Name)
            .Select(g => (Name: g.Key, Ms: g.Sum(t => t.Ms), Threads: g.Count()))
            .OrderByDescending(g => g.Ms)
            .ToList();
        var exited = processMs - groups.Sum(g => g.Ms);
        var parts = groups.Select(g => $"{g.Name} {g.Ms:0} ms ({g.Threads})").ToList();
        if (Math.Abs(exited) >= TickMs) parts.Add($"exited/rounding {exited:0} ms");
        return string.Join(", ", parts);
    }
}
