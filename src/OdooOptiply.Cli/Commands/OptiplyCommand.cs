// `odoo-optiply optiply get|list|create|update|delete RESOURCE …`: the Optiply client from the command
// line, for looking at (and fixing) an Optiply account by hand. Results go to stdout as JSON
// ({id, type, attributes} per record; list prints one per line); errors to stderr with a non-zero exit.
using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OdooOptiply.Optiply;

namespace OdooOptiply.Cli.Commands;

internal static class OptiplyCommand
{
    private static readonly Argument<string> Type = new("resource") { Description = "products, suppliers, supplierProducts, productCompositions, sellOrders, sellOrderLines, buyOrders, buyOrderLines, receiptLines, accounts" };
    private static readonly Argument<string> Id = new("id") { Description = "the Optiply id" };
    private static readonly Argument<string> Attributes = new("attributes") { Description = "attributes as a JSON object, e.g. '{\"name\":\"Bolt\",\"stockLevel\":3}'" };

    public static Command Create()
    {
        var command = new Command("optiply", "Talk to Optiply's public API: list, get, create, update, delete records.");
        foreach (var option in OptiplyCommandConnection.All) command.Options.Add(option);
        command.Subcommands.Add(List());
        command.Subcommands.Add(Get());
        command.Subcommands.Add(CreateRecord());
        command.Subcommands.Add(Update());
        command.Subcommands.Add(Delete());
        return command;
    }

    private static Command List()
    {
        var filter = new Option<string[]>("--filter") { Description = "attr=value or attr[OP]=value (OP: EQ NEQ LIKE LT LE GT GE; value null = empty); repeatable", AllowMultipleArgumentsPerToken = false };
        var sort = new Option<string?>("--sort") { Description = "attr (ascending) or -attr (descending)" };
        var limit = new Option<long?>("--limit") { Description = "stop after this many records" };
        var pageLimit = new Option<int?>("--page-limit") { Description = "records per request, 1–100 (default 100)" };
        var command = new Command("list", "Print the records of a resource as JSON lines.") { Type, filter, sort, limit, pageLimit };
        command.SetAction((p, ct) => RunAsync(p, async (client, output) =>
        {
            var query = Query(p.GetValue(filter) ?? [], p.GetValue(sort)) with { PageLimit = p.GetValue(pageLimit) };
            var left = p.GetValue(limit) ?? long.MaxValue;
            await foreach (var record in client.Resource(p.GetValue(Type)!).ListAsync(query, ct))
            {
                if (left-- <= 0) break;
                await output.WriteLineAsync(Json(record).ToJsonString());
            }
        }, ct));
        return command;
    }

    /// <summary>Builds a query from "attr=value" / "attr[OP]=value" texts and a sort text.</summary>
    internal static OptiplyQuery Query(IEnumerable<string> filters, string? sort)
    {
        var query = new OptiplyQuery();
        foreach (var f in filters)
        {
            var eq = f.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"filter '{f}' must look like attr=value or attr[OP]=value");
            var (key, value) = (f[..eq], f[(eq + 1)..]);
            var bracket = key.IndexOf('[');
            if (bracket < 0) query = value == "null" ? query.IsNull(key) : query.Where(key, value);
            else if (key.EndsWith(']') && Enum.TryParse<OptiplyOp>(key[(bracket + 1)..^1], ignoreCase: true, out var op))
                query = query.Where(key[..bracket], op, value);
            else throw new ArgumentException($"filter '{f}': unknown operator (EQ, NEQ, LIKE, LT, LE, GT, GE)");
        }
        if (!string.IsNullOrWhiteSpace(sort)) query = query.SortBy(sort.TrimStart('-', '+'), sort.StartsWith('-'));
        return query;
    }

    private static Command Get()
    {
        var command = new Command("get", "Print one record as JSON.") { Type, Id };
        command.SetAction((p, ct) => RunAsync(p, async (client, output) =>
        {
            var record = await client.Resource(p.GetValue(Type)!).GetAsync(p.GetValue(Id)!, ct)
                ?? throw new OptiplyException(404, Outcome.Rejected, $"{p.GetValue(Type)} {p.GetValue(Id)} not found in Optiply");
            await output.WriteLineAsync(Json(record).ToJsonString(Indented));
        }, ct));
        return command;
    }

    private static Command CreateRecord()
    {
        var command = new Command("create", "Create a record (POST) and print it.") { Type, Attributes };
        command.SetAction((p, ct) => RunAsync(p, async (client, output) =>
        {
            var record = await client.Resource(p.GetValue(Type)!).CreateAsync(ParseObject(p.GetValue(Attributes)!), ct);
            await output.WriteLineAsync(Json(record).ToJsonString(Indented));
        }, ct));
        return command;
    }

    private static Command Update()
    {
        var command = new Command("update", "Change only the given attributes (PATCH) and print the record.") { Type, Id, Attributes };
        command.SetAction((p, ct) => RunAsync(p, async (client, output) =>
        {
            var record = await client.Resource(p.GetValue(Type)!).UpdateAsync(p.GetValue(Id)!, ParseObject(p.GetValue(Attributes)!), ct);
            await output.WriteLineAsync(Json(record).ToJsonString(Indented));
        }, ct));
        return command;
    }

    private static Command Delete()
    {
        var command = new Command("delete", "Delete a record; a record already gone is not an error.") { Type, Id };
        command.SetAction((p, ct) => RunAsync(p, async (client, output) =>
        {
            var deleted = await client.Resource(p.GetValue(Type)!).DeleteAsync(p.GetValue(Id)!, ct);
            await output.WriteLineAsync(deleted ? "deleted" : "already gone");
        }, ct));
        return command;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static JsonObject ParseObject(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new ArgumentException("attributes must be a JSON object");

    private static JsonObject Json(OptiplyRecord r) => new()
    {
        ["id"] = r.Id, ["type"] = r.Type, ["attributes"] = r.Attributes.DeepClone(),
    };

    // Builds the client, runs the body, and turns failures into a message and an exit code (no stack trace).
    private static async Task<int> RunAsync(ParseResult p, Func<OptiplyClient, TextWriter, Task> body, CancellationToken ct)
    {
        var output = p.InvocationConfiguration.Output;
        var error = p.InvocationConfiguration.Error;
        try
        {
            var options = OptiplyCommandConnection.Resolve(p, Environment.GetEnvironmentVariable);
            using var loggers = CliLogging.ToStandardError(p.GetValue(OptiplyCommandConnection.Verbose));
            await using var client = new OptiplyClient(options, loggers);
            await body(client, output);
            await output.FlushAsync(ct);
            return 0;
        }
        catch (OptiplyException e) { await error.WriteLineAsync($"error: {e.Message}"); return 1; }
        catch (ArgumentException e) { await error.WriteLineAsync($"error: {e.Message}"); return 2; }
        catch (System.Text.Json.JsonException e) { await error.WriteLineAsync($"error: invalid JSON: {e.Message}"); return 2; }
    }
}
