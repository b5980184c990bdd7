// Parses the --faults SPEC of `odoo-optiply emulate optiply`: the shared keys of FaultOptions
// (429, 5xx, reset, slow, truncate, html, seed, retry-after, slow-ms) plus two Optiply ones:
// strict-rps=N (server-side limit answering 429) and page504=N (504 for pages larger than N).
using System.Globalization;
using OdooOptiply.Emulators.Hosting;

namespace OdooOptiply.Emulators.Optiply;

public sealed record OptiplyFaultSpec(FaultOptions Faults, double? StrictRequestsPerSecond, int? GatewayTimeoutAbovePageLimit)
{
    public static OptiplyFaultSpec Parse(string? spec)
    {
        double? rps = null;
        int? page504 = null;
        var shared = new List<string>();
        foreach (var part in (spec ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2);
            switch (kv[0].ToLowerInvariant())
            {
                case "strict-rps" when kv.Length == 2 && double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0:
                    rps = r;
                    break;
                case "page504" when kv.Length == 2 && int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0:
                    page504 = p;
                    break;
                case "strict-rps" or "page504":
                    throw new FormatException($"fault '{part}' needs a positive number");
                default:
                    shared.Add(part);
                    break;
            }
        }
        return new OptiplyFaultSpec(FaultOptions.Parse(string.Join(',', shared)), rps, page504);
    }

    public OptiplyEmulatorOptions ApplyTo(OptiplyEmulatorOptions options) => options with
    {
        Faults = Faults, StrictRequestsPerSecond = StrictRequestsPerSecond, GatewayTimeoutAbovePageLimit = GatewayTimeoutAbovePageLimit,
    };
}
