// Tests for OdooRecord's helpers over Odoo's conventions (false = empty, many2one pairs, UTC strings).
namespace OdooOptiply.Odoo.Tests;

public class OdooRecordTests
{
    private static readonly OdooRecord Record = new(new Dictionary<string, object?>
    {
        ["id"] = 7L, ["name"] = "Pen", ["barcode"] = false, ["partner_id"] = new List<object?> { 3L, "Azure" }, ["company_id"] = false,
        ["qty"] = 2L, ["price"] = 1.5, ["active"] = true, ["write_date"] = "2026-11-27 05:53:23", ["date"] = "2026-11-27",
        ["seller_ids"] = new List<object?> { 1L, 2L }, ["tag_ids"] = new List<object?>(), ["raw_int"] = 4L,
    });

    [Fact]
    public void Helpers_OdooConventions_AreRead()
    {
        Assert.Equal(7, Record.Id);
        Assert.Equal("Pen", Record.GetString("name"));
        Assert.Null(Record.GetString("barcode"));
        Assert.Equal(3, Record.GetId("partner_id"));
        Assert.Equal("Azure", Record.GetRefName("partner_id"));
        Assert.Null(Record.GetId("company_id"));
        Assert.Equal(4, Record.GetId("raw_int"));
        Assert.Equal(2.0, Record.GetDouble("qty"));
        Assert.Equal(1.5, Record.GetDouble("price"));
        Assert.Equal(0.0, Record.GetDouble("missing"));
        Assert.True(Record.GetBool("active"));
        Assert.False(Record.GetBool("barcode"));
        Assert.Equal(new DateTime(2026, 11, 27, 5, 53, 23, DateTimeKind.Utc), Record.GetDateTime("write_date"));
        Assert.Equal(DateTimeKind.Utc, Record.GetDateTime("date")!.Value.Kind);
        Assert.Equal([1L, 2L], Record.GetIds("seller_ids"));
        Assert.Empty(Record.GetIds("tag_ids"));
        Assert.Empty(Record.GetIds("company_id"));
    }

    [Fact]
    public void GetLong_OnText_FailsClearly() =>
        Assert.Contains("'name'", Assert.Throws<FormatException>(() => Record.GetLong("name")).Message);
}
