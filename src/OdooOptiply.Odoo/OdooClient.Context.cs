// Builds the wire context for a call: the language (validated as xx_XX, and checked installed on
// Odoo 18+, which faults on unknown languages), active_test, companies and the version's warehouse key.
using System.Collections.Concurrent;

namespace OdooOptiply.Odoo;

public sealed partial class OdooClient
{
    private readonly ConcurrentDictionary<string, bool> _installedLangs = new();

    private async Task<Dictionary<string, object?>> WireContextAsync(OdooContext? context, bool skipLangCheck, CancellationToken ct)
    {
        var lang = context?.Lang ?? (skipLangCheck ? null : _options.Lang);
        if (lang is null && context?.WarehouseId is null) return context?.ToWire(0, null) ?? [];
        if (lang is not null && !OdooOptions.IsLangCode(lang))
            throw new OdooException(Outcome.Fatal, $"language '{lang}' is not an Odoo language code (xx_XX, e.g. nl_NL)");
        var version = await VersionAsync(ct);
        if (lang is not null && !skipLangCheck && version.Major >= 18 && !await IsLangInstalledAsync(lang, ct))
            throw new OdooException(Outcome.Fatal, $"language '{lang}' is not installed in database '{_options.Database}' (Odoo {version.Major} refuses it); install it or change lang");
        return (context ?? new OdooContext()).ToWire(version.Major, lang);
    }

    private async Task<bool> IsLangInstalledAsync(string lang, CancellationToken ct)
    {
        if (_installedLangs.TryGetValue(lang, out var known)) return known;
        var count = await InvokeAsync("res.lang", "search_count", [OdooDomain.Leaf("code", "=", lang).ToWire()], null, null, true, null, ct, skipLangCheck: true);
        return _installedLangs[lang] = count is long n && n > 0;
    }
}
