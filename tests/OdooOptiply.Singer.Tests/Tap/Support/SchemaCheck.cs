// Validates records against their stream's SCHEMA with JsonSchema.Net (formats such as date-time
// checked too), and schemas against the JSON Schema meta-schema.
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace OdooOptiply.Singer.Tests.Tap.Support;

internal static class SchemaCheck
{
    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    public static JsonSchema Compile(JsonObject schema) =>
        JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>Null when the instance is valid, else the first errors in one line.</summary>
    public static string? Problems(JsonSchema schema, JsonNode instance)
    {
        using var doc = JsonDocument.Parse(instance.ToJsonString());
        var result = schema.Evaluate(doc.RootElement, Options);
        if (result.IsValid) return null;
        var details = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}").Take(5);
        return string.Join("; ", details);
    }

    /// <summary>Null when the schema is valid JSON Schema (draft 2020-12 meta-schema), else why not.</summary>
    public static string? MetaProblems(JsonObject schema) => Problems(MetaSchemas.Draft202012, schema);
}
