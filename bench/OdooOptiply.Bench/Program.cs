// Benchmarks: see bench/README.md. Each benchmark is a subcommand that prints its numbers.
using OdooOptiply.Bench;

return args switch
{
    ["odoo-extract", .. var rest] => await OdooExtract.RunAsync(rest),
    ["replay-serve", .. var rest] => await OdooReplay.ServeAsync(rest),
    ["sync", .. var rest] => await SyncBench.RunAsync(rest),
    ["tap", .. var rest] => await TapBench.RunAsync(rest),
    ["cluster", .. var rest] => await ClusterBench.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: OdooOptiply.Bench odoo-extract [--products 100000] [--page-size 1000] [--version 18] [--cli path/to/odoo-optiply.dll] [--transports xmlrpc,jsonrpc,json2] [--no-python] [--replay [--pace-ms 265]]");
    Console.Error.WriteLine("       OdooOptiply.Bench sync [--products 100000] [--version 18] [--protocol jsonrpc] [--rps 1000] [--clock-offset 0] [--seed-age 3600] [--cli path/to/odoo-optiply.dll]");
    Console.Error.WriteLine("       OdooOptiply.Bench tap [--products 100000] [--page-size 1000] [--version 18] [--protocols xmlrpc,jsonrpc] [--no-python] [--cli path/to/odoo-optiply.dll]");
    Console.Error.WriteLine("       OdooOptiply.Bench cluster [--tenants 60] [--workers 3] [--seconds 60] [--max-parallel 4] [--cli path/to/odoo-optiply.dll]");
    return 2;
}
