// Reads typed values out of one JSON object of a tenant file, collecting every problem instead of
// stopping at the first, so a user fixes the whole file in one go. Knows nothing of the schema.
// A string key may also be given as KEY_file: the path of a file holding the value (a container's secret
// mount), read once and stripped of its trailing newline; a relative path counts from the config file.
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OdooOptiply.Sync.Config;

internal sealed partial class ConfigReader(JsonElement obj, string prefix, List<string> problems, Func<string, string?> env, string? baseDirectory = null)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public bool Has(string key) => Get(key) is not null;

    public JsonElement? Get(string key)
    {
        _seen.Add(key);
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v;
    }

    /// <summary>Keys present in the object that no reader call asked for.</summary>
    public IEnumerable<string> UnknownKeys() =>
        obj.ValueKind == JsonValueKind.Object
            ? obj.EnumerateObject().Select(p => p.Name).Where(n => !_seen.Contains(n)).Select(n => prefix + n)
            : [];

    /// <summary>Reports each unknown key: one close to a key the program reads (a typo such as map_sellOrderPOS) is a problem
    /// naming the key meant, since the run would silently go on with the default; any other unknown key is a warning.</summary>
    public void ReportUnknownKeys(List<string> warnings)
    {
        if (obj.ValueKind != JsonValueKind.Object) return;
        foreach (var name in obj.EnumerateObject().Select(p => p.Name).Where(n => !_seen.Contains(n)))
        {
            if (_seen.FirstOrDefault(known => Close(name, known)) is { } meant)
                Problem(name, $"unknown key; did you mean {prefix}{meant}?");
            else warnings.Add($"{prefix}{name}: unknown key, ignored (check its spelling against docs/flags.md)");
        }
    }

    // The same key but for case, underscores or dashes, or at most two letters off (for keys of five letters or more).
    private static bool Close(string a, string b)
    {
        static string Norm(string s) => new(s.ToLowerInvariant().Where(c => c is not ('_' or '-')).ToArray());
        var (x, y) = (Norm(a), Norm(b));
        return x == y || (Math.Min(x.Length, y.Length) >= 5 && Distance(x, y) <= 2);
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }

    public void Problem(string key, string expected) => problems.Add($"{prefix}{key}: {expected}");

    public string? String(string key, bool required = false, string? envFallback = null)
    {
        var v = Get(key);
        string? raw = v switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            _ => Fail<string>(key, "expected a string"),
        };
        raw = raw is null ? null : Expand(key, raw);
        if (string.IsNullOrEmpty(raw)) raw = FromFile(key);
        if (string.IsNullOrEmpty(raw) && envFallback is not null) raw = env(envFallback);
        if (string.IsNullOrEmpty(raw) && required)
            Problem(key, envFallback is null ? "required, missing" : $"required: set it here or in the environment variable {envFallback}");
        return string.IsNullOrEmpty(raw) ? null : raw;
    }

    // KEY_file: the value is the content of that file (a secret mounted into a container), trailing newline stripped.
    private string? FromFile(string key)
    {
        if (Get(key + "_file") is not { } v) return null;
        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())) return Fail<string>(key + "_file", "expected the path of a file holding the value");
        var path = Expand(key + "_file", v.GetString()!);
        if (!Path.IsPathRooted(path) && baseDirectory is not null) path = Path.Combine(baseDirectory, path);
        try { return File.ReadAllText(path).TrimEnd('\r', '\n'); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The system's reason names the path, never the file's content.
            return Fail<string>(key + "_file", $"cannot read the file: {e.Message}");
        }
    }

    public bool Bool(string key, bool fallback) => Get(key) switch
    {
        null => fallback,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s when bool.TryParse(s.GetString(), out var b) => b,
        _ => Fail(key, "expected true or false", fallback),
    };

    public int Int(string key, int fallback, int min, int max)
    {
        var v = Get(key);
        if (v is null) return fallback;
        long? n = ParseLong(v.Value);
        if (n is null || n < min || n > max) return Fail(key, $"expected a whole number from {min} to {max}", fallback);
        return (int)n.Value;
    }

    public long? PositiveLong(string key)
    {
        var v = Get(key);
        if (v is null) return null;
        long? n = ParseLong(v.Value);
        return n is > 0 ? n : Fail<long?>(key, "expected a positive whole number");
    }

    public Uri? AbsoluteUrl(string key, bool required, Uri? fallback = null)
    {
        var s = String(key, required && fallback is null);
        if (s is null) return fallback;
        if (Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps))
            return u;
        return Fail<Uri>(key, $"expected an absolute http(s) URL, got \"{s}\"");
    }

    /// <summary>Comma-separated integers ("1, 3"), a JSON array of integers, or one integer. Null when absent.</summary>
    public IReadOnlyList<long>? Ids(string key)
    {
        var v = Get(key);
        if (v is null) return null;
        IEnumerable<string> parts = v.Value.ValueKind switch
        {
            JsonValueKind.Array => v.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText()),
            JsonValueKind.String => (v.Value.GetString() ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            JsonValueKind.Number => [v.Value.GetRawText()],
            _ => ["?"],
        };
        var ids = new List<long>();
        foreach (var p in parts)
        {
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                return Fail<IReadOnlyList<long>>(key, $"expected comma-separated positive integer ids such as \"1,3\", got \"{p}\"");
            ids.Add(id);
        }
        return ids.Distinct().ToList();
    }

    /// <summary>A list of names as a JSON array or a comma-separated string.</summary>
    public IReadOnlyList<string>? Names(string key) => Get(key) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Array } a when a.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            => a.EnumerateArray().Select(e => e.GetString()!.Trim()).Where(s => s.Length > 0).ToList(),
        { ValueKind: JsonValueKind.String } s => s.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        _ => Fail<IReadOnlyList<string>>(key, "expected a list of names or a comma-separated string"),
    };

    public ConfigReader Section(string key)
    {
        var v = Get(key);
        if (v is { ValueKind: not JsonValueKind.Object }) Problem(key, "expected an object");
        return new ConfigReader(v is { ValueKind: JsonValueKind.Object } ? v.Value : default, prefix + key + ".", problems, env, baseDirectory);
    }

    private string Expand(string key, string raw) => EnvReference().Replace(raw, m =>
    {
        var value = env(m.Groups[1].Value);
        if (value is null) Problem(key, $"the environment variable {m.Groups[1].Value} it refers to is not set");
        return value ?? "";
    });

    private static long? ParseLong(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private T? Fail<T>(string key, string expected, T? fallback = default)
    {
        Problem(key, expected);
        return fallback;
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvReference();
}
