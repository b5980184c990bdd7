// A FakeTimeProvider that knows which of its timers are armed, so a test advances the clock exactly when the
// code under test waits on it (a retry's back-off, a delay) and by exactly as much — never ahead of the code,
// never on the wall clock. Timers armed on it notify, so DriveAsync waits for them without polling.
using Microsoft.Extensions.Time.Testing;

namespace OdooOptiply.TestKit;

public class DrivenTime : FakeTimeProvider
{
    private readonly Changes _changes = new();
    private readonly HashSet<Watched> _armed = [];

    public DrivenTime() { }
    public DrivenTime(DateTimeOffset start) : base(start) { }

    /// <summary>The earliest due time among the armed timers, or null when nothing waits on this clock.</summary>
    public DateTimeOffset? NextDue { get { lock (_armed) return _armed.Count == 0 ? null : _armed.Min(w => w.Due); } }

    /// <summary>Completes when a timer whose due time matches <paramref name="due"/> is armed: the code now waits on the clock.</summary>
    public Task ArmedAsync(Func<DateTimeOffset, bool> due, string what, TimeSpan? hang = null) =>
        _changes.UntilAsync(() => { lock (_armed) return _armed.Any(w => due(w.Due)); }, what, hang);

    /// <summary>
    /// Until <paramref name="work"/> ends: waits for a timer to be armed, then advances to its due time.
    /// Returns how much time was advanced (the sum of the waits the code made).
    /// </summary>
    public async Task<TimeSpan> DriveAsync(Task work, TimeSpan? hang = null)
    {
        var advanced = TimeSpan.Zero;
        while (true)
        {
            var armed = _changes.UntilAsync(() => NextDue is not null, "the code to wait on the clock or finish", hang);
            if (await Task.WhenAny(work, armed) == work)
            {
                _ = armed.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); // its hang bound is moot now
                return advanced;
            }
            await armed;
            var by = NextDue!.Value - GetUtcNow();
            if (by < TimeSpan.Zero) by = TimeSpan.Zero;
            Advance(by);
            advanced += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new Watched(this);
        watched.Inner = base.CreateTimer(s => { watched.Fired(); callback(s); }, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        watched.Change(dueTime, period);
        return watched;
    }

    private void Arm(Watched w, bool armed)
    {
        lock (_armed) { if (armed) _armed.Add(w); else _armed.Remove(w); }
        if (armed) _changes.Notify();
    }

    private sealed class Watched(DrivenTime owner) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        public ITimer Inner { get; set; } = null!;
        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            Due = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : owner.GetUtcNow() + dueTime;
            owner.Arm(this, dueTime != Timeout.InfiniteTimeSpan);
            return Inner.Change(dueTime, period);
        }

        public void Fired()
        {
            var periodic = _period != Timeout.InfiniteTimeSpan && _period != TimeSpan.Zero;
            if (periodic) Due = owner.GetUtcNow() + _period;
            owner.Arm(this, periodic);
        }

        public void Dispose() { owner.Arm(this, false); Inner.Dispose(); }
        public ValueTask DisposeAsync() { owner.Arm(this, false); return Inner.DisposeAsync(); }
    }
}
