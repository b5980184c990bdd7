// Every export flow (Optiply → Odoo), opened per run: its binding space, and how its declaration is built over that
// space's Binder and the run. Later writers into Odoo (vendors, invoices, bills) are one line here and one declaration.
using OdooOptiply.Sync.Bindings;

namespace OdooOptiply.Sync.Export;

/// <param name="Space">the binding space the flow's writer binds in (its Binder is loaded by the runner)</param>
public sealed record ExportFlow(string Name, string Space, Func<ExportRun, Binder, CancellationToken, Task<IExportDefinition>> OpenAsync);

public static class ExportCatalog
{
    public static IReadOnlyList<ExportFlow> All { get; } =
    [
        new(StreamNames.ExportBuyOrders, Spaces.BuyOrderExports, async (run, binder, ct) => await BuyOrdersExport.OpenAsync(run, binder, ct)),
    ];
}
