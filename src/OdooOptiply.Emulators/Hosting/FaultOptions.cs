// What share of requests an emulator answers with a transient fault, and how. All rates are 0..1
// and are drawn from one seeded random source, so a seed replays the same faults in the same order.
namespace OdooOptiply.Emulators.Hosting;

public sealed record FaultOptions
{
    public int Seed { get; init; } = 1;
    /// <summary>429 Too Many Requests with a Retry-After header of <see cref="RetryAfterSeconds"/>.</summary>
    public double TooManyRequests { get; init; }
    public int RetryAfterSeconds { get; init; } = 1;
    /// <summary>502, 503 or 504 with an HTML body, as a reverse proxy sends them.</summary>
    public double BadGateway { get; init; }
    /// <summary>The connection is reset before any answer.</summary>
    public double ResetConnection { get; init; }
    /// <summary>The answer is delayed by <see cref="SlowDelay"/> (longer than a client's timeout, if you want a timeout).</summary>
    public double Slow { get; init; }
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>The real answer is cut off halfway and the connection closed.</summary>
    public double Truncate { get; init; }
    /// <summary>An HTML error page with status 200 (a proxy or login page in front of the server).</summary>
    public double HtmlPage { get; init; }
    /// <summary>Only requests whose path starts with this are subject to faults (null = all).</summary>
    public string? PathPrefix { get; init; }

    public bool Any => TooManyRequests + BadGateway + ResetConnection + Slow + Truncate + HtmlPage > 0;

    /// <summary>Parses "429=0.05,5xx=0.05,reset=0.02,slow=0.01,truncate=0.01,html=0.01,seed=7".</summary>
    public static FaultOptions Parse(string spec)
    {
        var o = new FaultOptions();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2) throw new FormatException($"fault spec '{part}' must look like name=value");
            var v = kv[1];
            double Rate() => double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1
                ? r : throw new FormatException($"fault rate '{part}' must be a number from 0 to 1");
            o = kv[0].ToLowerInvariant() switch
            {
                "429" => o with { TooManyRequests = Rate() },
                "5xx" => o with { BadGateway = Rate() },
                "reset" => o with { ResetConnection = Rate() },
                "slow" => o with { Slow = Rate() },
                "truncate" => o with { Truncate = Rate() },
                "html" => o with { HtmlPage = Rate() },
                "seed" => o with { Seed = int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) },
                "retry-after" => o with { RetryAfterSeconds = int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) },
                "slow-ms" => o with { SlowDelay = TimeSpan.FromMilliseconds(int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)) },
                _ => throw new FormatException($"unknown fault '{kv[0]}' (known: 429, 5xx, reset, slow, truncate, html, seed, retry-after, slow-ms)"),
            };
        }
        return o;
    }
}
