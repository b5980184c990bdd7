// Tests for XmlRpcCodec: every captured response from real Odoo 18/19 servers, every XML-RPC type,
// round trips through the writer, and hostile bodies (DTD, entities, truncation, HTML) refused clearly.
using System.Text;
using System.Xml.Linq;
using OdooOptiply.Odoo.Tests.TestSupport;
using OdooOptiply.Odoo.Transport;

namespace OdooOptiply.Odoo.Tests.Transport;

public class XmlRpcCodecTests
{
    public static IEnumerable<object[]> CapturedResponses() =>
        Reference.Files("xmlrpc-samples", n => n.EndsWith(".xml", StringComparison.Ordinal) && !n.EndsWith(".request.xml", StringComparison.Ordinal));

    [Fact]
    public void CapturedResponses_BothVersions_ArePresent() =>
        Assert.True(CapturedResponses().Count() >= 30, "expected the 18 and 19 xmlrpc-samples in reference/odoo");

    [Theory]
    [MemberData(nameof(CapturedResponses))]
    public async Task ReadResponseAsync_CapturedResponse_HasTheExpectedShape(string version, string file)
    {
        var bytes = await File.ReadAllBytesAsync(Reference.Odoo(version, "xmlrpc-samples", file));
        var response = await XmlRpcCodec.ReadResponseAsync(new MemoryStream(bytes));
        var name = Path.GetFileNameWithoutExtension(file);
        switch (name)
        {
            case "fault_nonexistent_field":
                Assert.Equal(1, response.Fault?.Code);
                Assert.Contains("Invalid field 'x_does_not_exist' on", response.Fault!.Message);
                Assert.StartsWith("Traceback", response.Fault.Message);
                break;
            case "fault_nonexistent_field_in_domain":
                Assert.Equal(1, response.Fault?.Code);
                Assert.Contains("x_does_not_exist", response.Fault!.Message);
                break;
            case "fault_unknown_model":
                Assert.Equal(2, response.Fault?.Code);
                Assert.Equal("Object x.no.such.model doesn't exist", response.Fault!.Message);
                break;
            case "fault_wrong_password":
                Assert.Equal(3, response.Fault?.Code);
                Assert.Equal("Access Denied", response.Fault!.Message);
                break;
            case "fault_read_missing_record":
                Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(response.Value));
                break;
            case "common_authenticate_bad_password":
                Assert.Equal(false, response.Value);
                break;
            case "common_authenticate_ok" or "product_product_search_count":
                Assert.True(Assert.IsType<long>(response.Value) > 0);
                break;
            case "common_version":
                var v = Assert.IsType<OdooRecord>(response.Value);
                Assert.Equal($"{version}.0", v.GetString("server_version"));
                var info = Assert.IsAssignableFrom<IReadOnlyList<object?>>(v["server_version_info"]);
                Assert.Equal(6, info.Count);
                Assert.Equal(long.Parse(version), info[0]);
                break;
            default:
                AssertRecordPage(name, response);
                break;
        }
    }

    private static void AssertRecordPage(string name, XmlRpcResponse response)
    {
        Assert.Null(response.Fault);
        var records = Assert.IsAssignableFrom<IReadOnlyList<object?>>(response.Value);
        var expected = int.Parse(name[(name.LastIndexOf("limit", StringComparison.Ordinal) + 5)..]);
        Assert.Equal(expected, records.Count);
        foreach (var r in records.Cast<OdooRecord>())
        {
            Assert.True(r.Id > 0);
            Assert.All(r.Values, value => Assert.True(value is null or bool or long or double or string or IReadOnlyList<object?>, $"unexpected {value?.GetType()}"));
            if (r.ContainsKey("write_date")) Assert.NotNull(r.GetDateTime("write_date"));
        }
    }

    [Theory]
    [InlineData("18")]
    [InlineData("19")]
    public async Task ReadResponseAsync_SameCallOverJsonRpc_GivesTheSameValues(string version)
    {
        var xml = await XmlRpcCodec.ReadResponseAsync(await File.ReadAllBytesAsync(Reference.Odoo(version, "xmlrpc-samples", "product_product_search_read_limit5.xml")));
        var json = (OdooRecord)OdooJson.Parse(await File.ReadAllTextAsync(Reference.Odoo(version, "jsonrpc-samples", "product_product_search_read_limit5.json")))!;
        var xmlRecords = ((IReadOnlyList<object?>)xml.Value!).Cast<OdooRecord>().ToList();
        var jsonRecords = ((IReadOnlyList<object?>)json["result"]!).Cast<OdooRecord>().ToList();
        Assert.Equal(xmlRecords.Select(r => r.GetString("default_code")), jsonRecords.Select(r => r.GetString("default_code")));
        Assert.Equal(xmlRecords.Select(r => r.GetDouble("qty_available")), jsonRecords.Select(r => r.GetDouble("qty_available")));
        Assert.Equal(xmlRecords.Select(r => r.GetId("product_tmpl_id")), jsonRecords.Select(r => r.GetId("product_tmpl_id")));
    }

    [Theory]
    [InlineData("<int>42</int>", 42L)]
    [InlineData("<i4>-7</i4>", -7L)]
    [InlineData("<i8>9007199254740993</i8>", 9007199254740993L)]
    [InlineData("<int>2147483648</int>", 2147483648L)]
    [InlineData("<double>1e-05</double>", 1e-05)]
    [InlineData("<double>-2.5E+10</double>", -2.5e10)]
    [InlineData("<double>0.0</double>", 0.0)]
    [InlineData("<boolean>1</boolean>", true)]
    [InlineData("<boolean>0</boolean>", false)]
    [InlineData("<string>a &amp; b &lt;c&gt;</string>", "a & b <c>")]
    [InlineData("<string></string>", "")]
    [InlineData("<string/>", "")]
    [InlineData("<string>  </string>", "  ")]
    [InlineData("bare text", "bare text")]
    [InlineData("", "")]
    [InlineData("<nil/>", null)]
    [InlineData("<ex:nil xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"/>", null)]
    public async Task ReadResponseAsync_ScalarType_GivesTheModelValue(string valueXml, object? expected)
    {
        var response = await XmlRpcCodec.ReadResponseAsync(Body($"<value>{valueXml}</value>"));
        Assert.Equal(expected, response.Value);
    }

    [Fact]
    public async Task ReadResponseAsync_EmptyValueElement_IsEmptyString() =>
        Assert.Equal("", (await XmlRpcCodec.ReadResponseAsync(Body("<value/>"))).Value);

    [Fact]
    public async Task ReadResponseAsync_DateTimeAndBase64_AreTyped()
    {
        var response = await XmlRpcCodec.ReadResponseAsync(Body(
            "<value><array><data><value><dateTime.iso8601>20261127T05:53:23</dateTime.iso8601></value>" +
            "<value><base64>aGVsbG8=</base64></value></data></array></value>"));
        var items = (IReadOnlyList<object?>)response.Value!;
        Assert.Equal(new DateTime(2026, 11, 27, 5, 53, 23, DateTimeKind.Utc), items[0]);
        Assert.Equal("hello"u8.ToArray(), items[1]);
    }

    [Fact]
    public async Task ReadResponseAsync_NestedStructAndEmptyContainers_Parse()
    {
        var response = await XmlRpcCodec.ReadResponseAsync(Body(
            "<value><struct><member><name>a</name><value><struct/></value></member>" +
            "<member>\n <name>b</name>\n <value><array><data/></array></value>\n</member>" +
            "<member><name>c</name><value><array/></value></member></struct></value>"));
        var r = Assert.IsType<OdooRecord>(response.Value);
        Assert.Empty(Assert.IsType<OdooRecord>(r["a"]));
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(r["b"]));
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(r["c"]));
    }

    [Theory]
    [InlineData("<int>99999999999999999999</int>", "does not fit in 64 bits")]
    [InlineData("<i8>-9223372036854775809</i8>", "does not fit in 64 bits")]
    [InlineData("<int>12x</int>", "not an XML-RPC integer")]
    [InlineData("<double>abc</double>", "not an XML-RPC double")]
    [InlineData("<boolean>2</boolean>", "not an XML-RPC boolean")]
    [InlineData("<dateTime.iso8601>yesterday</dateTime.iso8601>", "dateTime")]
    [InlineData("<float>1</float>", "unknown XML-RPC type")]
    public async Task ReadResponseAsync_BadScalar_FailsClearly(string valueXml, string expectedText)
    {
        var e = await Assert.ThrowsAsync<OdooException>(() => XmlRpcCodec.ReadResponseAsync(Body($"<value>{valueXml}</value>")));
        Assert.Contains(expectedText, e.Message);
        Assert.True(e.InvalidResponse);
    }

    [Fact]
    public async Task ReadResponseAsync_LegacyStringFaultCode_KeepsTheText()
    {
        var xml = "<?xml version=\"1.0\"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><string>AccessDenied</string></value></member><member><name>faultString</name><value><string>Access Denied</string></value></member></struct></value></fault></methodResponse>";
        var response = await XmlRpcCodec.ReadResponseAsync(Encoding.UTF8.GetBytes(xml));
        Assert.Equal(new XmlRpcFault(null, "AccessDenied", "Access Denied"), response.Fault);
    }

    public static IEnumerable<object[]> HostileBodies() =>
    [
        ["dtd", "<?xml version=\"1.0\"?><!DOCTYPE methodResponse [<!ELEMENT methodResponse ANY>]><methodResponse/>", "DTD"],
        ["external entity", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><methodResponse><params><param><value>&x;</value></param></params></methodResponse>", "DTD"],
        ["billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><methodResponse><params><param><value>&lol3;</value></param></params></methodResponse>", "DTD"],
        ["html page", "<!DOCTYPE html><html><body><p>Service temporarily unavailable</p></body></html>", "invalid XML-RPC response"],
        ["html without doctype", "<html><body>502 Bad Gateway</body></html>", "expected <methodResponse>"],
        ["not xml", "Too Many Requests", "malformed XML"],
        ["empty", "", "malformed XML"],
        ["deep nesting", "<?xml version=\"1.0\"?><methodResponse><params><param>" + string.Concat(Enumerable.Repeat("<value><array><data>", 100)) + "</param></params></methodResponse>", "nested deeper"],
    ];

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task ReadResponseAsync_HostileBody_FailsAsInvalidResponse(string kind, string body, string expectedText)
    {
        var e = await Assert.ThrowsAsync<OdooException>(() => XmlRpcCodec.ReadResponseAsync(Encoding.UTF8.GetBytes(body)));
        Assert.True(e.InvalidResponse, kind);
        Assert.Contains(expectedText, e.Message);
        Assert.DoesNotContain("root:", e.Message);
    }

    [Theory]
    [MemberData(nameof(CapturedResponses))]
    public async Task ReadResponseAsync_TruncatedCapture_FailsAsInvalidResponse(string version, string file)
    {
        var bytes = await File.ReadAllBytesAsync(Reference.Odoo(version, "xmlrpc-samples", file));
        var e = await Assert.ThrowsAsync<OdooException>(() => XmlRpcCodec.ReadResponseAsync(bytes[..(bytes.Length / 2)]));
        Assert.True(e.InvalidResponse);
    }

    [Fact]
    public async Task WriteResponse_EveryType_RoundTrips()
    {
        var value = new Dictionary<string, object?>
        {
            ["int"] = 7L, ["big"] = 1L << 40, ["neg"] = long.MinValue, ["double"] = 1e-05, ["pi"] = Math.PI,
            ["yes"] = true, ["no"] = false, ["text"] = "a & b < c > d \"e\" 'f' \r\n\t é 中", ["empty"] = "",
            ["nil"] = null, ["when"] = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), ["bytes"] = new byte[] { 0, 1, 255 },
            ["list"] = new List<object?> { 1L, "two", new List<object?>(), new Dictionary<string, object?>() },
            ["nested"] = new Dictionary<string, object?> { ["m2o"] = new List<object?> { 3L, "Name" } },
        };
        var response = await XmlRpcCodec.ReadResponseAsync(XmlRpcCodec.WriteResponse(value));
        Values.AssertDeepEqual(value, response.Value);
    }

    [Fact]
    public void WriteCall_ExecuteKw_HasTheWireShapeOdooReads()
    {
        var body = XmlRpcCodec.WriteCall("execute_kw", ["db", 2, "pw", "product.product", "search_read",
            new object?[] { OdooDomain.Leaf("active", "=", true) }, new Dictionary<string, object?> { ["limit"] = 5, ["big"] = 3_000_000_000L }]);
        var doc = XDocument.Parse(Encoding.UTF8.GetString(body));
        Assert.Equal("execute_kw", doc.Root!.Element("methodName")!.Value);
        var parameters = doc.Root.Element("params")!.Elements("param").ToList();
        Assert.Equal(7, parameters.Count);
        Assert.Equal("2", parameters[1].Element("value")!.Element("int")!.Value);
        Assert.Equal("3000000000", doc.Descendants("i8").Single().Value);
        Assert.Equal(new[] { "active", "=", "1" }, parameters[5].Descendants("data").Last().Elements("value").Select(v => v.Value));
    }

    [Fact]
    public async Task WriteFault_ReadBack_IsAFault() =>
        Assert.Equal(new XmlRpcFault(3, null, "Access Denied"), (await XmlRpcCodec.ReadResponseAsync(XmlRpcCodec.WriteFault(3, "Access Denied"))).Fault);

    [Fact]
    public void WriteCall_UnrepresentableValues_FailClearly()
    {
        Assert.Contains("64 bits", Assert.Throws<ArgumentException>(() => XmlRpcCodec.WriteCall("m", [ulong.MaxValue])).Message);
        Assert.Contains("control character", Assert.Throws<ArgumentException>(() => XmlRpcCodec.WriteCall("m", ["a\u0001b"])).Message);
        Assert.Contains("cannot be sent", Assert.Throws<ArgumentException>(() => XmlRpcCodec.WriteCall("m", [double.NaN])).Message);
        Assert.Contains("cannot be sent", Assert.Throws<ArgumentException>(() => XmlRpcCodec.WriteCall("m", [new object()])).Message);
    }

    private static byte[] Body(string valueXml) =>
        Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n{valueXml}\n</param>\n</params>\n</methodResponse>\n");
}
