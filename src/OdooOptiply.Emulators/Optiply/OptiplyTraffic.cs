// What the emulator was asked: every request with its arrival time and status, counters per method
// (writes are what "a no-change resync makes zero writes" counts), and the optional strict rate limit.
using System.Collections.Concurrent;

namespace OdooOptiply.Emulators.Optiply;

/// <summary>One request as the emulator saw it; At is the arrival time on the emulator's clock.</summary>
public sealed record OptiplyRequestRecord(DateTimeOffset At, string Method, string Path, int Status);

public sealed class OptiplyTraffic(TimeProvider clock)
{
    private readonly ConcurrentQueue<OptiplyRequestRecord> _log = new();
    private readonly ConcurrentDictionary<string, int> _writesByType = new();
    private readonly Queue<DateTimeOffset> _window = new();
    private int _requests, _gets, _posts, _patches, _deletes;

    public int RequestCount => _requests;
    public int GetCount => _gets;
    public int PostCount => _posts;
    public int PatchCount => _patches;
    public int DeleteCount => _deletes;
    /// <summary>POST, PATCH and DELETE requests that reached a resource (whatever their outcome).</summary>
    public int WriteCount => _posts + _patches + _deletes;
    public IReadOnlyDictionary<string, int> WritesByType => _writesByType;
    public IReadOnlyList<OptiplyRequestRecord> Requests => _log.ToArray();

    /// <summary>Requests per second above which the server answers 429 (null = no limit). Can change at run time.</summary>
    public double? StrictRequestsPerSecond { get; set; }

    /// <summary>Called with the resource type after each list page is read from the store, before it is sent: how a test
    /// changes the data between two page reads (a user completing an order while a client pages). Can change at run time.</summary>
    public Action<string>? AfterListPage { get; set; }

    public void Reset()
    {
        _log.Clear();
        _writesByType.Clear();
        _requests = _gets = _posts = _patches = _deletes = 0;
    }

    internal void Record(DateTimeOffset at, string method, string path, int status)
    {
        Interlocked.Increment(ref _requests);
        _log.Enqueue(new OptiplyRequestRecord(at, method, path, status));
    }

    internal void CountResourceCall(string method, string type)
    {
        switch (method)
        {
            case "GET": Interlocked.Increment(ref _gets); return;
            case "POST": Interlocked.Increment(ref _posts); break;
            case "PATCH": Interlocked.Increment(ref _patches); break;
            case "DELETE": Interlocked.Increment(ref _deletes); break;
            default: return;
        }
        _writesByType.AddOrUpdate(type, 1, (_, n) => n + 1);
    }

    /// <summary>True when the request arriving now is over the strict limit (it is then not counted in the window).</summary>
    internal bool OverLimit(DateTimeOffset now)
    {
        if (StrictRequestsPerSecond is not { } rps) return false;
        lock (_window)
        {
            while (_window.Count > 0 && now - _window.Peek() >= TimeSpan.FromSeconds(1)) _window.Dequeue();
            if (_window.Count >= rps) return true;
            _window.Enqueue(now);
            return false;
        }
    }

    internal DateTimeOffset Now => clock.GetUtcNow();
}
