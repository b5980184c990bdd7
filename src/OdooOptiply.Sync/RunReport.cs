// What one run did, per stream: the counts the `sync` table prints and the state store keeps.
namespace OdooOptiply.Sync;

public enum StreamStatus { Ok, Failed, NotRun, Disabled }

public sealed record RunReport(
    string Tenant, DateTime StartedAt, DateTime FinishedAt, bool DryRun, IReadOnlyList<StreamReport> Streams, long Id = 0)
{
    public bool Succeeded => Streams.All(s => s.Status is StreamStatus.Ok or StreamStatus.Disabled);
    /// <summary>A dry run's writes, as a real run would have made them (not stored; null for a real run).</summary>
    public IReadOnlyList<Ports.PlannedWrite>? Plan { get; init; }
    public TimeSpan Duration => FinishedAt - StartedAt;
    public long Writes => Streams.Sum(s => s.Created + s.Updated + s.Deleted);
    /// <summary>Records (and lines) Optiply or Odoo rejected in a run that otherwise went on (exit code 4).</summary>
    public long Rejected => Streams.Sum(s => s.Failed);
    /// <summary>Why the run failed, in one line (the first failed stream and its first error); null when it succeeded.</summary>
    public string? Reason => Succeeded ? null
        : Streams.FirstOrDefault(s => s.Status == StreamStatus.Failed) is { } f ? $"{f.Stream}: {f.Errors.FirstOrDefault() ?? "failed"}"
        : Streams.FirstOrDefault(s => s.Status == StreamStatus.NotRun) is { } n ? $"{n.Stream}: {n.Errors.FirstOrDefault() ?? "not run"}" : null;
}

/// <summary>One stream's counts. Skip reasons and errors are kept as short texts (never secrets).</summary>
public sealed record StreamReport(
    string Stream, StreamStatus Status, long Read, long Created, long Updated, long Deleted, long Unchanged,
    long Skipped, long Failed, TimeSpan Duration, IReadOnlyDictionary<string, long> SkipReasons, IReadOnlyList<string> Errors,
    bool FullRead = false, Adoption.AdoptionReport? Adoption = null)
{
    public static StreamReport NotRun(string stream, string why) =>
        new(stream, StreamStatus.NotRun, 0, 0, 0, 0, 0, 0, 0, TimeSpan.Zero, new Dictionary<string, long>(), [why]);

    public static StreamReport Disabled(string stream, string why) =>
        new(stream, StreamStatus.Disabled, 0, 0, 0, 0, 0, 0, 0, TimeSpan.Zero, new Dictionary<string, long>(), [why]);
}

/// <summary>Counts a stream run as it goes; Build() freezes them into a StreamReport.</summary>
public sealed class StreamCounter(string stream)
{
    private readonly Dictionary<string, long> _skipReasons = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];
    private long _read;
    public long Created, Updated, Deleted, Unchanged, Failed;
    /// <summary>Records read so far; each change is reported to <see cref="Reading"/> (the CLI's progress line).</summary>
    public long Read
    {
        get => _read;
        set { _read = value; Reading?.Report(new StreamProgress(stream, value, Expected)); }
    }
    /// <summary>How many records the read will bring, when it was counted (a full read with progress shown); else null.</summary>
    public long? Expected;
    public IProgress<StreamProgress>? Reading;
    public bool FullRead;
    public Adoption.AdoptionReport? Adoption;

    public long Skipped => _skipReasons.Values.Sum();
    public void Skip(string reason) => _skipReasons[reason] = _skipReasons.GetValueOrDefault(reason) + 1;

    /// <summary>Records a failed record; keeps the first 20 messages so a bad day does not fill the database.</summary>
    public void Fail(string message)
    {
        Failed++;
        if (_errors.Count < 20) _errors.Add(message);
    }

    public void Error(string message) { if (_errors.Count < 20) _errors.Add(message); }

    /// <summary>An error that must be the first thing read about the stream (held mass deletions): put before the others.</summary>
    public void ErrorFirst(string message)
    {
        _errors.Insert(0, message);
        if (_errors.Count > 20) _errors.RemoveAt(20);
    }

    public StreamReport Build(StreamStatus status, TimeSpan duration) =>
        new(stream, status, Read, Created, Updated, Deleted, Unchanged, Skipped, Failed, duration,
            new Dictionary<string, long>(_skipReasons), [.. _errors], FullRead, Adoption);
}

/// <summary>A stream's read so far: records read and, when counted up front, how many there are.</summary>
public sealed record StreamProgress(string Stream, long Read, long? Expected);
