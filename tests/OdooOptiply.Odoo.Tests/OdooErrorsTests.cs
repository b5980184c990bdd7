// Tests for the error table: each row with a real-looking failure, and message trimming.
namespace OdooOptiply.Odoo.Tests;

public class OdooErrorsTests
{
    [Theory]
    [InlineData("Invalid field 'price' on model 'product.product'", null, "builtins.ValueError", null, OdooOutcome.FieldError)]
    [InlineData("Invalid field 'x' on 'product.product'", null, "builtins.ValueError", 500, OdooOutcome.FieldError)]
    [InlineData("could not serialize access due to concurrent update", 1, null, null, OdooOutcome.Retriable)]
    [InlineData("deadlock detected", 1, null, null, OdooOutcome.Retriable)]
    [InlineData("record locked", null, "odoo.exceptions.LockError", 409, OdooOutcome.Retriable)]
    [InlineData("HTTP 429 Too Many Requests", null, null, 429, OdooOutcome.Retriable)]
    [InlineData("HTTP 502 Bad Gateway", null, null, 502, OdooOutcome.Retriable)]
    [InlineData("HTTP 503", null, null, 503, OdooOutcome.Retriable)]
    [InlineData("HTTP 504", null, null, 504, OdooOutcome.Retriable)]
    [InlineData("Access Denied", 3, null, null, OdooOutcome.Fatal)]
    [InlineData("Access Denied", 200, "odoo.exceptions.AccessDenied", null, OdooOutcome.Fatal)]
    [InlineData("Invalid apikey", null, "werkzeug.exceptions.Unauthorized", 401, OdooOutcome.Fatal)]
    [InlineData("You are not allowed", 4, null, null, OdooOutcome.Fatal)]
    [InlineData("Object x.no.such.model doesn't exist", 2, null, null, OdooOutcome.Fatal)]
    [InlineData("the model 'x' does not exist", null, "werkzeug.exceptions.NotFound", 404, OdooOutcome.Fatal)]
    [InlineData("HTTP 500 Internal Server Error: nginx", null, null, 500, OdooOutcome.Retriable)]
    [InlineData("Traceback ...\nAttributeError: type object has no attribute 'nope'", 1, null, null, OdooOutcome.Fatal)]
    [InlineData("Invalid field product.product.x in leaf ('x', '=', 1)", 1, null, null, OdooOutcome.Fatal)]
    public void Classify_Failure_GivesTheTablesOutcome(string message, int? code, string? name, int? status, OdooOutcome expected) =>
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
