// Benchmarks: see bench/README.md. Each benchmark is a subcommand that prints its numbers.
using OdooOptiply.Bench;

return args switch
{
    ["odoo-extract", .. var rest] => await OdooExtract.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: OdooOptiply.Bench odoo-extract [--products 100000] [--page-size 1000] [--version 18] [--cli path/to/odoo-optiply.dll] [--transports xmlrpc,jsonrpc,json2] [--no-python]");
    return 2;
}
