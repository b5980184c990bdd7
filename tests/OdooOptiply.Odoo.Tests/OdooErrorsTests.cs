// Tests for the error table: each row with a real-looking failure, and message trimming.
namespace OdooOptiply.Odoo.Tests;

public class OdooErrorsTests
{
    [Theory]
    [InlineData("Invalid field 'price' on model 'product.product'", null, "builtins.ValueError", null, Outcome.Rejected)]
    [InlineData("Invalid field 'x' on 'product.product'", null, "builtins.ValueError", 500, Outcome.Rejected)]
    [InlineData("could not serialize access due to concurrent update", 1, null, null, Outcome.Retriable)]
    [InlineData("deadlock detected", 1, null, null, Outcome.Retriable)]
    [InlineData("record locked", null, "odoo.exceptions.LockError", 409, Outcome.Retriable)]
    [InlineData("HTTP 429 Too Many Requests", null, null, 429, Outcome.Retriable)]
    [InlineData("HTTP 502 Bad Gateway", null, null, 502, Outcome.Retriable)]
    [InlineData("HTTP 503", null, null, 503, Outcome.Retriable)]
    [InlineData("HTTP 504", null, null, 504, Outcome.Retriable)]
    [InlineData("Access Denied", 3, null, null, Outcome.Fatal)]
    [InlineData("Access Denied", 200, "odoo.exceptions.AccessDenied", null, Outcome.Fatal)]
    [InlineData("Invalid apikey", null, "werkzeug.exceptions.Unauthorized", 401, Outcome.Fatal)]
    [InlineData("You are not allowed", 4, null, null, Outcome.Fatal)]
    [InlineData("Object x.no.such.model doesn't exist", 2, null, null, Outcome.Fatal)]
    [InlineData("the model 'x' does not exist", null, "werkzeug.exceptions.NotFound", 404, Outcome.Fatal)]
    [InlineData("HTTP 500 Internal Server Error: nginx", null, null, 500, Outcome.Retriable)]
    [InlineData("Traceback ...\nAttributeError: type object has no attribute 'nope'", 1, null, null, Outcome.Rejected)]
    [InlineData("Invalid field product.product.x in leaf ('x', '=', 1)", 1, null, null, Outcome.Rejected)]
    public void Classify_Failure_GivesTheTablesOutcome(string message, int? code, string? name, int? status, Outcome expected) =>
        Assert.Equal(expected, OdooErrors.Classify(new OdooErrors.Failure(message, code, name, status)));

    [Fact]
    public void ToException_FieldError_NamesTheField()
    {
        var e = Assert.IsType<OdooFieldException>(OdooErrors.ToException(new OdooErrors.Failure("Traceback (most recent call last):\n  File \"x\"\nValueError: Invalid field 'seller_ids' on model 'product.product'\n", 1)));
        Assert.Equal("seller_ids", e.FieldName);
        Assert.Equal("ValueError: Invalid field 'seller_ids' on model 'product.product'", e.ServerMessage);
    }

    [Fact]
    public void Trim_LongMessage_IsCut() =>
        Assert.True(OdooErrors.Trim(new string('x', 5000)).Length <= OdooDefaults.MaxMessageLength + 1);

    [Fact]
    public void Message_NamesModelMethodAndCode()
    {
        var e = OdooErrors.ToException(new OdooErrors.Failure("Object x doesn't exist", 2)).WithCall("x", "search_read");
        Assert.Equal("Odoo x.search_read failed (Fatal, fault 2): Object x doesn't exist", e.Message);
    }
}
