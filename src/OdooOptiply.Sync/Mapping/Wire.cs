// Small helpers that put Odoo values into Optiply's wire forms (UTC "yyyy-MM-ddTHH:mm:ssZ" timestamps).
using System.Globalization;
using System.Text.Json.Nodes;

namespace OdooOptiply.Sync.Mapping;

internal static class Wire
{
    public static JsonNode? Time(DateTime? t) =>
        t is { } v ? JsonValue.Create(DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)) : null;

    public static JsonNode? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : JsonValue.Create(Fit(s));

    /// <summary>Optiply's limit for a string attribute (reference §7: 255; Odoo has none).</summary>
    public const int MaxText = 255;

    /// <summary>A text as Optiply takes it: control characters (a vertical tab, ESC) dropped, tabs and line breaks as spaces,
    /// trimmed, and cut to <paramref name="max"/> characters without splitting a surrogate pair (issue 10.9: a longer name got
    /// a 422 on every run and its product was never updated again).</summary>
    public static string Fit(string s, int max = MaxText)
    {
        var clean = new System.Text.StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is '\t' or '\n' or '\r') clean.Append(' ');
            else if (!char.IsControl(c)) clean.Append(c);
        }
        var text = clean.ToString().Trim();
        if (text.Length <= max) return text;
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        Cuts.Value?.Add(text);
        return text[..cut].TrimEnd();
    }

    /// <summary>The texts cut to fit in the stream being run (set by StreamRunner around one stream), so its report says what
    /// was cut: Fit is a pure function of its input, and the tally is the only thing it leaves behind.</summary>
    public static readonly AsyncLocal<CutTally?> Cuts = new();
}

/// <summary>How many texts one stream run cut to Optiply's limit, and the start of the first one (to find its record).</summary>
internal sealed class CutTally
{
    private long _count;
    private string? _first;
    private int _noted;

    public long Count => Interlocked.Read(ref _count);

    public void Add(string text)
    {
        Interlocked.Increment(ref _count);
        Interlocked.CompareExchange(ref _first, text.Length > 60 ? text[..60] + "…" : text, null);
    }

    /// <summary>The note for the stream's report, once; null when nothing was cut (or the note was taken).</summary>
    public string? TakeNote() => Count == 0 || Interlocked.Exchange(ref _noted, 1) == 1 ? null
        : $"note: {Count} text(s) longer than Optiply's {Wire.MaxText} characters were cut to fit (the first began \"{_first}\")";
}
