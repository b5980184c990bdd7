// `odoo-optiply odoo version|call|fields|dump`: the Odoo client from the command line, for looking at a
// customer's database by hand. Connection from flags, --config or ODOO_* variables (OdooCommandConnection).
using System.CommandLine;
using Microsoft.Extensions.Logging;
using OdooOptiply.Odoo;
using OdooOptiply.Odoo.Transport;

namespace OdooOptiply.Cli.Commands;

internal static class OdooCommand
{
    public static Command Create()
    {
        var command = new Command("odoo", "Talk to an Odoo database: version, any method call, fields, record dumps.");
        foreach (var option in OdooCommandConnection.All) command.Options.Add(option);
        command.Subcommands.Add(Version());
        command.Subcommands.Add(Call());
        command.Subcommands.Add(Fields());
        command.Subcommands.Add(Dump());
        return command;
    }

    private static Command Version()
    {
        var command = new Command("version", "Print the server's version and the protocol the client uses.");
        command.SetAction((p, ct) => RunAsync(p, async (client, output) =>
        {
            var v = await client.VersionAsync(ct);
            await output.WriteLineAsync(OdooJson.Serialize(new Dictionary<string, object?>
            {
                ["server_version"] = v.ServerVersion, ["major"] = v.Major, ["minor"] = v.Minor, ["saas"] = v.IsSaas,
                ["protocol"] = client.ResolvedProtocol.ToString().ToLowerInvariant(),
            }));
        }, ct));
        return command;
    }

    private static Command Call()
    {
        var model = new Argument<string>("model") { Description = "e.g. product.product" };
        var method = new Argument<string>("method") { Description = "e.g. search_read, button_confirm" };
        var args = new Argument<string>("args") { Description = "positional arguments as a JSON array, e.g. '[[[\"active\",\"=\",true]]]'", DefaultValueFactory = _ => "[]" };
        var kwargs = new Option<string?>("--kwargs") { Description = "named arguments as a JSON object, e.g. '{\"fields\":[\"name\"],\"limit\":5}'" };
        var retrySafe = new Option<bool>("--retry-safe") { Description = "allow repeating this (writing) call after a failure" };
        var command = new Command("call", "Call any method and print its JSON result.") { model, method, args, kwargs, retrySafe };
        command.SetAction((p, ct) => RunAsync(p, async (client, output) =>
        {
            var positional = OdooJson.Parse(p.GetValue(args)!) as IReadOnlyList<object?> ?? throw new ArgumentException("args must be a JSON array");
            var named = p.GetValue(kwargs) is { } k ? OdooJson.Parse(k) as OdooRecord ?? throw new ArgumentException("--kwargs must be a JSON object") : null;
            var result = await client.CallAsync(p.GetValue(model)!, p.GetValue(method)!, positional, named, retrySafe: p.GetValue(retrySafe), ct: ct);
            await output.WriteLineAsync(OdooJson.Serialize(result, indented: true));
        }, ct));
        return command;
    }

    private static Command Fields()
    {
        var model = new Argument<string>("model") { Description = "e.g. product.product" };
        var json = new Option<bool>("--json") { Description = "print fields_get as JSON instead of a table" };
        var command = new Command("fields", "List a model's fields (name, type, label, relation).") { model, json };
        command.SetAction((p, ct) => RunAsync(p, async (client, output) =>
        {
            var fields = await client.FieldsGetAsync(p.GetValue(model)!, ct: ct);
            if (p.GetValue(json)) { await output.WriteLineAsync(OdooJson.Serialize(fields.All, indented: true)); return; }
            foreach (var (name, f) in fields.All.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                await output.WriteLineAsync($"{name}\t{f.GetString("type")}\t{f.GetString("string")}\t{f.GetString("relation")}{(f.GetBool("store") ? "" : "\t(not stored)")}");
        }, ct));
        return command;
    }

    private static Command Dump()
    {
        var model = new Argument<string>("model") { Description = "e.g. product.product" };
        var fields = new Option<string>("--fields") { Description = "comma-separated field names", Required = true };
        var domain = new Option<string>("--domain") { Description = "Odoo domain as JSON, e.g. '[[\"active\",\"=\",true]]'", DefaultValueFactory = _ => "[]" };
        var order = new Option<string>("--order") { Description = "explicit order (default \"id asc\")", DefaultValueFactory = _ => OdooDefaults.Order };
        var pageSize = new Option<int?>("--page-size") { Description = $"records per call (default {OdooDefaults.PageSize})" };
        var limit = new Option<long?>("--limit") { Description = "stop after this many records" };
        var keyset = new Option<bool>("--keyset") { Description = "page on id > last instead of offsets" };
        var lang = new Option<string?>("--lang") { Description = "context language, xx_XX" };
        var archived = new Option<bool>("--include-archived") { Description = "context active_test=false" };
        var command = new Command("dump", "Stream a model's records as JSON lines.") { model, fields, domain, order, pageSize, limit, keyset, lang, archived };
        command.SetAction((p, ct) => RunAsync(p, async (client, output) =>
        {
            var names = p.GetValue(fields)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var page = new OdooPageOptions { Order = p.GetValue(order)!, PageSize = p.GetValue(pageSize), Limit = p.GetValue(limit), Keyset = p.GetValue(keyset) };
            var context = new OdooContext { Lang = p.GetValue(lang), ActiveTest = p.GetValue(archived) ? false : null };
            await foreach (var records in client.SearchReadPagesAsync(p.GetValue(model)!, OdooDomain.Parse(p.GetValue(domain)!), names, page, context, ct))
                foreach (var record in records) await output.WriteLineAsync(OdooJson.Serialize(record));
        }, ct));
        return command;
    }

    // Builds the client, runs the body, and turns failures into a message and an exit code (no stack trace).
    private static async Task<int> RunAsync(ParseResult p, Func<OdooClient, TextWriter, Task> body, CancellationToken ct)
    {
        var output = p.InvocationConfiguration.Output;
        var error = p.InvocationConfiguration.Error;
        try
        {
            var options = OdooCommandConnection.Resolve(p, Environment.GetEnvironmentVariable);
            using var loggers = CliLogging.ToStandardError(p.GetValue(OdooCommandConnection.Verbose));
            await using var client = new OdooClient(options, loggers);
            await body(client, output);
            await output.FlushAsync(ct);
            return 0;
        }
        catch (OdooException e) { await error.WriteLineAsync($"error: {e.Message}"); return 1; }
        catch (ArgumentException e) { await error.WriteLineAsync($"error: {e.Message}"); return 2; }
        catch (FormatException e) { await error.WriteLineAsync($"error: {e.Message}"); return 2; }
        catch (InvalidOperationException e) { await error.WriteLineAsync($"error: {e.Message}"); return 1; }
        catch (System.Text.Json.JsonException e) { await error.WriteLineAsync($"error: invalid JSON: {e.Message}"); return 2; }
    }
}
