// `doctor`'s checks for one tenant: both connections, the Odoo version and transport, the modules each
// enabled stream needs, read access to every model and the fields the mapping uses, the language, the
// company and warehouse ids, and the rights the buy order export needs (create and write on purchase.order
// and its lines). Each failed check says how to fix it. Reads only; writes nothing anywhere.
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;
using OdooOptiply.Sync.Streams;

namespace OdooOptiply.Sync;

public enum CheckResult { Ok, Warning, Failed }

public sealed record DoctorCheck(string Name, CheckResult Result, string Detail, string? Fix = null);

/// <summary>Whether a stream will sync, and if not, why.</summary>
public sealed record StreamReadiness(string Stream, bool WillSync, string Detail);

public sealed record DoctorReport(IReadOnlyList<DoctorCheck> Checks, IReadOnlyList<StreamReadiness> Streams)
{
    public bool Healthy => Checks.All(c => c.Result != CheckResult.Failed);
}

public static class TenantDoctor
{
    /// <summary>The Odoo models each stream reads, with the module that provides them.</summary>
    private static readonly IReadOnlyDictionary<string, (string Model, string Module)[]> Needs = new Dictionary<string, (string, string)[]>
    {
        [StreamNames.Products] = [("product.product", "product"), ("stock.quant", "stock"), ("stock.location", "stock")],
        [StreamNames.ProductCompositions] = [("mrp.bom", "mrp"), ("mrp.bom.line", "mrp")],
        [StreamNames.Suppliers] = [("res.partner", "base"), ("product.supplierinfo", "product")],
        [StreamNames.SupplierProducts] = [("product.supplierinfo", "product")],
        [StreamNames.SellOrders] = [("sale.order", "sale"), ("sale.order.line", "sale")],
        [StreamNames.SellOrdersPos] = [("pos.order", "point_of_sale"), ("pos.order.line", "point_of_sale")],
        [StreamNames.BuyOrders] = [("purchase.order", "purchase"), ("purchase.order.line", "purchase")],
        [StreamNames.ReceiptLines] = [("stock.move", "stock (purchase_stock)")],
    };

    public static async Task<DoctorReport> ExamineAsync(TenantSession session, CancellationToken ct)
    {
        var checks = new List<DoctorCheck>();
        var streams = new List<StreamReadiness>();
        var odooOk = await CheckOdooAsync(session.OdooClient, checks, ct);
        await CheckOptiplyAsync(session.OptiplyClient, checks, ct);
        if (!odooOk)
        {
            streams.AddRange(StreamNames.All.Select(s => new StreamReadiness(s, false, "Odoo is not reachable")));
            return new DoctorReport(checks, streams);
        }
        var flags = session.Config.Flags;
        foreach (var def in StreamCatalog.For(flags))
            streams.Add(await CheckStreamAsync(session.OdooClient, def, flags.MapSellOrdersPos || def.Name != StreamNames.SellOrdersPos, checks, ct));
        await CheckExportRightsAsync(session.OdooClient, checks, ct);
        await CheckIdsAsync(session.OdooClient, "language", "res.lang", OdooDomain.Leaf("code", "=", flags.Language).And(OdooDomain.Leaf("active", "=", true)),
            1, $"language {flags.Language} is installed", $"install and activate {flags.Language} in Odoo (Settings → Languages), or change language", checks, ct);
        var companies = flags.CompanyIds.Concat(flags.StocksCompanyIds ?? []).Concat(flags.SellordersCompanyIds ?? []).Concat(flags.BuyordersCompanyIds ?? []).Distinct().ToList();
        if (companies.Count > 0)
            await CheckIdsAsync(session.OdooClient, "company ids", "res.company", OdooReads.In("id", companies), companies.Count,
                $"companies {string.Join(",", companies)} exist", "use ids from Odoo's Settings → Companies in company_ids and the *_company_ids flags", checks, ct);
        if (flags.StocksWarehouseIds.Count > 0)
            await CheckIdsAsync(session.OdooClient, "warehouse ids", "stock.warehouse", OdooReads.In("id", flags.StocksWarehouseIds), flags.StocksWarehouseIds.Count,
                $"warehouses {string.Join(",", flags.StocksWarehouseIds)} exist", "use ids from Inventory → Configuration → Warehouses in stocks_warehouse_ids", checks, ct);
        return new DoctorReport(checks, streams);
    }

    private static async Task<bool> CheckOdooAsync(OdooClient odoo, List<DoctorCheck> checks, CancellationToken ct)
    {
        try
        {
            var version = await odoo.VersionAsync(ct);
            var supported = version.Major is >= 16 and <= 19;
            checks.Add(new("Odoo version", supported ? CheckResult.Ok : CheckResult.Warning, version.ToString(),
                supported ? null : "versions 16 to 19 are tested; others may differ in field names"));
        }
        catch (Exception e) when (e is OdooException or HttpRequestException or TaskCanceledException)
        {
            checks.Add(new("Odoo connection", CheckResult.Failed, e.Message, "check odoo.url (and that the server answers /xmlrpc/2, /jsonrpc or /json/2)"));
            return false;
        }
        try
        {
            var uid = await odoo.AuthenticateAsync(ct);
            checks.Add(new("Odoo login", CheckResult.Ok, $"uid {uid} over {odoo.ResolvedProtocol}"));
            return true;
        }
        catch (Exception e) when (e is OdooException or HttpRequestException)
        {
            checks.Add(new("Odoo login", CheckResult.Failed, e.Message, "check odoo.db, odoo.username and odoo.password / odoo.api_key"));
            return false;
        }
    }

    private static async Task CheckOptiplyAsync(OptiplyClient optiply, List<DoctorCheck> checks, CancellationToken ct)
    {
        try
        {
            var account = await optiply.Accounts.FindAsync(new OptiplyQuery(), ct);
            checks.Add(new("Optiply login", CheckResult.Ok, account is null ? "no account visible" : $"account {account.Id}"));
        }
        catch (Exception e) when (e is OptiplyException or HttpRequestException or TaskCanceledException)
        {
            checks.Add(new("Optiply login", CheckResult.Failed, e.Message, "check optiply.client_id, client_secret, username, password and token_url"));
        }
    }

    private static async Task<StreamReadiness> CheckStreamAsync(OdooClient odoo, StreamDefinition def, bool enabled, List<DoctorCheck> checks, CancellationToken ct)
    {
        if (!enabled) return new(def.Name, false, def.DisabledReason);
        foreach (var (model, module) in Needs[def.Name])
        {
            try
            {
                var fields = await odoo.FieldsGetAsync(model, ct: ct);
                await odoo.SearchCountAsync(model, OdooDomain.All, ct: ct);
                if (model == def.Model)
                {
                    var missing = def.Fields.Where(f => !fields.Has(f)).ToList();
                    // Several names are alternatives across versions (partner_id/name, quantity/quantity_done): informational.
                    if (missing.Count > 0) checks.Add(new($"{def.Name} fields", CheckResult.Ok, $"{model}: not in this version: {string.Join(", ", missing)}"));
                }
            }
            catch (OdooException e)
            {
                checks.Add(new($"{def.Name}: {model}", CheckResult.Failed, e.ServerMessage,
                    $"install the Odoo module '{module}', and give the sync user read access to {model}"));
                return new(def.Name, false, $"cannot read {model}");
            }
        }
        return new(def.Name, true, $"reads {def.Model}" + (def.Incremental ? " incrementally" : " in full every run"));
    }

    /// <summary>The export creates purchase orders with their lines and writes them afterwards (confirm, quantities).</summary>
    private static async Task CheckExportRightsAsync(OdooClient odoo, List<DoctorCheck> checks, CancellationToken ct)
    {
        var missing = new List<string>();
        foreach (var model in new[] { "purchase.order", "purchase.order.line" })
            foreach (var operation in new[] { "create", "write" })
            {
                try { if (!await HasRightAsync(odoo, model, operation, ct)) missing.Add($"{operation} on {model}"); }
                catch (OdooException e)
                {
                    checks.Add(new("export rights", CheckResult.Failed, $"cannot check {operation} on {model}: {e.ServerMessage}",
                        "install the Odoo module 'purchase' for the export"));
                    return;
                }
            }
        checks.Add(missing.Count == 0
            ? new("export rights", CheckResult.Ok, "create and write on purchase.order and purchase.order.line")
            : new("export rights", CheckResult.Failed, $"the sync user lacks {string.Join(", ", missing)}: buy orders cannot be exported",
                "give the sync user the Purchase / User (or Administrator) group in Odoo (Settings → Users)"));
    }

    // Odoo 18 has has_access(operation) on a record set (check_access_rights is deprecated there); 16 and 17 have
    // check_access_rights(operation, raise_exception=False) only. The other is tried when the first does not exist.
    private static async Task<bool> HasRightAsync(OdooClient odoo, string model, string operation, CancellationToken ct)
    {
        var modern = (await odoo.VersionAsync(ct)).Major >= 18;
        try { return await AskAsync(modern); }
        catch (OdooException e) when (e.ServerMessage.Contains("does not exist", StringComparison.Ordinal) || e.ErrorName?.EndsWith("AttributeError", StringComparison.Ordinal) == true)
        {
            return await AskAsync(!modern);
        }

        async Task<bool> AskAsync(bool hasAccess) => (hasAccess
            ? await odoo.CallAsync(model, "has_access", [Array.Empty<long>(), operation], ct: ct)
            : await odoo.CallAsync(model, "check_access_rights", [operation], new Dictionary<string, object?> { ["raise_exception"] = false }, ct: ct)) is true;
    }

    private static async Task CheckIdsAsync(OdooClient odoo, string name, string model, OdooDomain domain, int expected, string ok, string fix,
        List<DoctorCheck> checks, CancellationToken ct)
    {
        try
        {
            var found = await odoo.SearchCountAsync(model, domain, new OdooContext { ActiveTest = false }, ct);
            checks.Add(found >= expected ? new(name, CheckResult.Ok, ok) : new(name, CheckResult.Failed, $"only {found} of {expected} found", fix));
        }
        catch (OdooException e) { checks.Add(new(name, CheckResult.Failed, e.ServerMessage, fix)); }
    }
}
