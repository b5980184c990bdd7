// Well-formed answers holding values of the wrong kind: integers past 64 bits, doubles where ids
// belong, unknown selection values, missing fields and wrong types. Each is named, never mis-read.
using System.Text;

namespace OdooOptiply.Odoo.Tests.Hostile;

public sealed class WrongValuesTests
{
    private static Task<HostileOdoo> JsonRpcResult(string resultJson) =>
        HostileOdoo.StartAsync(c => HostileOdoo.Json(c, $$"""{"jsonrpc":"2.0","id":1,"result":{{resultJson}}}"""));

    private static async Task<OdooRecord> OneRecord(string recordJson)
    {
        await using var server = await JsonRpcResult($"[{recordJson}]");
        await using var client = server.Client(OdooProtocol.JsonRpc);
        var value = await client.CallAsync("product.product", "search_read", [new object[0]]);
        return (OdooRecord)((IReadOnlyList<object?>)value!)[0]!;
    }

    [Fact]
    public async Task IntegerPast64Bits_InJson_FailsNamingTheNumber()
    {
        await using var server = await JsonRpcResult("[123456789012345678901234567890]");
        await using var client = server.Client(OdooProtocol.JsonRpc);
        await HostileAssert.FailsClearlyAsync(server, () => client.SearchAsync("res.partner", OdooDomain.All), "does not fit in 64 bits", maxAttempts: 1);
    }

    [Fact]
    public async Task IntegerPast64Bits_InXmlRpc_FailsNamingTheNumber()
    {
        await using var server = await HostileOdoo.StartAsync(c => HostileOdoo.Xml(c, "<array><data><value><i8>99999999999999999999999</i8></value></data></array>"));
        await using var client = server.Client(OdooProtocol.XmlRpc);
        await HostileAssert.FailsClearlyAsync(server, () => client.SearchAsync("res.partner", OdooDomain.All), "does not fit in 64 bits");
    }

    [Fact]
    public async Task FractionalDoubleWhereIdBelongs_SearchFailsClearly()
    {
        await using var server = await JsonRpcResult("[1, 2.5, 3]");
        await using var client = server.Client(OdooProtocol.JsonRpc);
        await HostileAssert.FailsClearlyAsync(server, () => client.SearchAsync("res.partner", OdooDomain.All), "search", maxAttempts: 1);
    }

    [Fact]
    public async Task FractionalDoubleInIntegerField_GetLongNamesTheField()
    {
        var record = await OneRecord("""{"id": 7, "bom_count": 1.5}""");
        var e = Assert.Throws<FormatException>(() => record.GetLong("bom_count"));
        Assert.Contains("bom_count", e.Message);
    }

    [Fact]
    public async Task WholeDoubleInIdField_IsReadAsTheId()
    {
        var record = await OneRecord("""{"id": 7.0, "partner_id": [12.0, "Azure"]}""");
        Assert.Equal(7, record.Id);
    }

    [Fact]
    public async Task UnknownSelectionValue_IsKeptAsSentForTheCallerToJudge()
    {
        var record = await OneRecord("""{"id": 7, "state": "quantum_superposition"}""");
        Assert.Equal("quantum_superposition", record.GetString("state"));
    }

    [Fact]
    public async Task MissingFields_ReadAsEmptyNotAsGarbage()
    {
        var record = await OneRecord("""{"id": 7}""");
        Assert.Null(record.GetString("name"));
        Assert.Null(record.GetId("partner_id"));
        Assert.Equal(0, record.GetDouble("qty_available"));
        Assert.Empty(record.GetIds("line_ids"));
    }

    [Fact]
    public async Task WrongTypes_EachGetterNamesTheFieldAndWhatItGot()
    {
        var record = await OneRecord("""{"id": 7, "partner_id": {"x": 1}, "qty_available": [1], "order_line": "1,2", "write_date": "yesterday", "active": "yes"}""");
        Assert.Contains("partner_id", Assert.Throws<FormatException>(() => record.GetId("partner_id")).Message);
        Assert.Contains("qty_available", Assert.Throws<FormatException>(() => record.GetDouble("qty_available")).Message);
        Assert.Contains("order_line", Assert.Throws<FormatException>(() => record.GetIds("order_line")).Message);
        Assert.Contains("write_date", Assert.Throws<FormatException>(() => record.GetDateTime("write_date")).Message);
        Assert.Contains("active", Assert.Throws<FormatException>(() => record.GetBool("active")).Message);
    }

    [Fact]
    public async Task SearchAnsweringAnObject_FailsSayingWhatWasExpected()
    {
        await using var server = await JsonRpcResult("""{"ids": [1, 2]}""");
        await using var client = server.Client(OdooProtocol.JsonRpc);
        await HostileAssert.FailsClearlyAsync(server, () => client.SearchAsync("res.partner", OdooDomain.All), "search", maxAttempts: 1);
    }

    [Fact]
    public async Task SearchCountAnsweringText_FailsSayingACountWasExpected()
    {
        await using var server = await JsonRpcResult("\"many\"");
        await using var client = server.Client(OdooProtocol.JsonRpc);
        await HostileAssert.FailsClearlyAsync(server, () => client.SearchCountAsync("res.partner", OdooDomain.All), "count", maxAttempts: 1);
    }

    [Fact]
    public async Task ControlCharacters_InXmlRpcString_AreReadAsTheyAre_NotAFailureOfTheWholeAnswer()
    {
        // Odoo writes vertical tab and ESC raw (XML 1.0 forbids them); a NUL reference too. Read leniently, so one
        // odd value affects only its record; the mappers fit the text to Optiply's rules (issue 10, item 8).
        await using var server = await HostileOdoo.StartAsync(c => HostileServer.Bytes(c,
            Encoding.UTF8.GetBytes("<?xml version='1.0'?><methodResponse><params><param><value><array><data><value><string>a&#0;b</string></value>"
                + "<value><string>tab\u000bbed\u001besc</string></value></data></array></value></param></params></methodResponse>"), "text/xml"));
        await using var client = server.Client(OdooProtocol.XmlRpc);
        var value = (IReadOnlyList<object?>)(await client.CallAsync("res.partner", "name_get", [new object[] { 1L }]))!;
        Assert.Equal(["a\0b", "tab\u000bbed\u001besc"], value);
    }

    [Theory]
    [InlineData(OdooProtocol.JsonRpc)]
    [InlineData(OdooProtocol.Json2)]
    public async Task NaNAndInfinity_AsPythonWritesThem_AreReadAsDoubles_StringsUntouched(OdooProtocol protocol)
    {
        const string records = """[{"id": 1, "a": NaN, "b": Infinity, "c": -Infinity, "d": -1.5, "name": "NaN \"Infinity\" -Infinity"}]""";
        await using var server = await HostileOdoo.StartAsync(c => HostileOdoo.Json(c,
            protocol == OdooProtocol.Json2 ? records : "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": " + records + "}"), version: 19);
        await using var client = server.Client(protocol);
        var record = (OdooRecord)((IReadOnlyList<object?>)(await client.CallAsync("product.product", "search_read", [new object[0]]))!).Single()!;
        Assert.True(double.IsNaN((double)record["a"]!));
        Assert.Equal(double.PositiveInfinity, record["b"]);
        Assert.Equal(double.NegativeInfinity, record["c"]);
        Assert.Equal(-1.5, record["d"]);
        Assert.Equal("NaN \"Infinity\" -Infinity", record["name"]);
    }
}
