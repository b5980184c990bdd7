// An error answer of the emulated API, and its body in Crnk's shape (reference §6, [infer]):
// {"errors":[{"status":"400","title":"BAD_REQUEST","detail":"…","source":{"pointer":…},"meta":{…}}]}.
using System.Text.Json.Nodes;

namespace OdooOptiply.Emulators.Optiply;

internal sealed class OptiplyApiError(int status, string detail, string? pointer = null, bool constraintViolation = false)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Detail { get; } = detail;

    public static OptiplyApiError BadRequest(string detail, string? attribute = null) => new(400, detail, Pointer(attribute));
    public static OptiplyApiError NotFound(string detail) => new(404, detail);
    public static OptiplyApiError Conflict(string detail) => new(409, detail);

    /// <summary>A value rule (range, length, enum) broken: bean validation in Crnk, see OptiplyGuesses.ValueRuleStatus.</summary>
    public static OptiplyApiError Rule(string attribute, string detail) =>
        new(OptiplyGuesses.ValueRuleStatus, detail, Pointer(attribute), constraintViolation: OptiplyGuesses.ValueRuleStatus == 422);

    private static string? Pointer(string? attribute) => attribute is null ? null : $"/data/attributes/{attribute}";

    public JsonObject ToBody()
    {
        var error = new JsonObject
        {
            ["status"] = Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["title"] = Title(Status),
            ["detail"] = Detail,
        };
        if (pointer is not null) error["source"] = new JsonObject { ["pointer"] = pointer };
        if (constraintViolation) error["meta"] = new JsonObject { ["type"] = "ConstraintViolation", ["message"] = Detail };
        return new JsonObject { ["errors"] = new JsonArray(error) };
    }

    private static string Title(int status) => status switch
    {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_ALLOWED",
        409 => "CONFLICT",
        415 => "UNSUPPORTED_MEDIA_TYPE",
        422 => "UNPROCESSABLE_ENTITY",
        429 => "TOO_MANY_REQUESTS",
        _ => "INTERNAL_SERVER_ERROR",
    };
}
