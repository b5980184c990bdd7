// Tests for OdooJson: JSON numbers keep their kind (long vs double), giant integers fail, values write back.
using OdooOptiply.Odoo.Transport;

namespace OdooOptiply.Odoo.Tests.Transport;

public class OdooJsonTests
{
    [Fact]
    public void Parse_Numbers_KeepIntegerOrFloat()
    {
        var list = (IReadOnlyList<object?>)OdooJson.Parse("[1, 1.0, 1e-05, -9223372036854775808, null, false, \"s\"]")!;
        Assert.Equal([1L, 1.0, 1e-05, long.MinValue, null, false, "s"], list);
    }

    [Fact]
    public void Parse_IntegerPast64Bits_FailsClearly() =>
        Assert.Contains("64 bits", Assert.Throws<FormatException>(() => OdooJson.Parse("[123456789012345678901234]")).Message);

    [Fact]
    public void Serialize_ModelValues_WritesOdooForms() =>
        Assert.Equal("{\"d\":\"2026-01-02 03:04:05\",\"b\":\"AQI=\",\"l\":[1,2.5,true,null]}",
            OdooJson.Serialize(new Dictionary<string, object?> { ["d"] = new DateTime(2026, 1, 2, 3, 4, 5), ["b"] = new byte[] { 1, 2 }, ["l"] = new object?[] { 1, 2.5, true, null } }));
}
