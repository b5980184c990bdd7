// Tests for SearchReadPagesAsync and the field handling of reads: explicit order, offset and keyset
// paging, limits, the loop guard, fields_get intersection, the ignore list and field drop-and-retry.
using OdooOptiply.Odoo.Tests.TestSupport;

namespace OdooOptiply.Odoo.Tests;

public class OdooClientPagingTests
{
    private static ScriptedOdoo Products(int count, Func<ScriptedCall, object?>? other = null, bool ignoreOffset = false, string? refuseField = null) => new()
    {
        Respond = call =>
        {
            if (call.Method == "fields_get")
                return new Dictionary<string, object?> { ["id"] = Field("integer"), ["name"] = Field("char"), ["default_code"] = Field("char"), ["x_breaks"] = Field("char") };
            if (call.Method != "search_read") return other?.Invoke(call);
            var fields = ((IReadOnlyList<object?>)call.Kwargs["fields"]!).Cast<string>().ToList();
            if (refuseField is not null && fields.Contains(refuseField))
                throw new ScriptedFault("builtins.ValueError", $"Invalid field '{refuseField}' on model 'product.product'");
            var domain = (IReadOnlyList<object?>)call.Args[0]!;
            var after = domain.OfType<IReadOnlyList<object?>>().Where(l => (string)l[0]! == "id" && (string)l[1]! == ">").Select(l => (long)l[2]!).DefaultIfEmpty(0).Max();
            var offset = ignoreOffset ? 0 : (long)call.Kwargs["offset"]!;
            var limit = (long)call.Kwargs["limit"]!;
            return Enumerable.Range(1, count).Where(id => id > after).Skip((int)offset).Take((int)limit)
                .Select(id => new Dictionary<string, object?>(fields.Select(f => KeyValuePair.Create(f, (object?)$"{f}-{id}"))) { ["id"] = (long)id }).ToList();
        },
    };

    private static Dictionary<string, object?> Field(string type) => new() { ["type"] = type, ["string"] = type };

    private static async Task<List<IReadOnlyList<OdooRecord>>> AllPages(OdooClient client, OdooPageOptions? page = null, string[]? fields = null)
    {
        var pages = new List<IReadOnlyList<OdooRecord>>();
        await foreach (var p in client.SearchReadPagesAsync("product.product", OdooDomain.All, fields ?? ["name", "default_code"], page)) pages.Add(p);
        return pages;
    }

    [Fact]
    public async Task SearchReadPagesAsync_OffsetPaging_ReadsEveryRecordOnceInIdOrder()
    {
        var odoo = Products(2500);
        await using var client = new OdooClient(OdooClientTests.Options(), handler: odoo);
        var pages = await AllPages(client, new OdooPageOptions { PageSize = 1000 });
        Assert.Equal([1000, 1000, 500], pages.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(1, 2500).Select(i => (long)i), pages.SelectMany(p => p).Select(r => r.Id));
        var reads = odoo.Calls.Where(c => c.Method == "search_read").ToList();
        Assert.Equal([0L, 1000L, 2000L], reads.Select(c => (long)c.Kwargs["offset"]!));
        Assert.All(reads, c => Assert.Equal("id asc", c.Kwargs["order"]));
    }

    [Fact]
    public async Task SearchReadPagesAsync_ExactMultipleOfPageSize_StopsOnTheEmptyPage()
    {
        var odoo = Products(2000);
        await using var client = new OdooClient(OdooClientTests.Options(), handler: odoo);
        var pages = await AllPages(client, new OdooPageOptions { PageSize = 1000 });
        Assert.Equal(2, pages.Count);
        Assert.Equal(3, odoo.Calls.Count(c => c.Method == "search_read"));
    }

    [Fact]
    public async Task SearchReadPagesAsync_Keyset_AsksForIdsAfterTheLastOne()
    {
        var odoo = Products(250);
        await using var client = new OdooClient(OdooClientTests.Options(), handler: odoo);
        var pages = await AllPages(client, new OdooPageOptions { PageSize = 100, Keyset = true });
        Assert.Equal(250, pages.Sum(p => p.Count));
        var reads = odoo.Calls.Where(c => c.Method == "search_read").ToList();
        Assert.All(reads, c => Assert.Equal(0L, c.Kwargs["offset"]));
        Assert.Contains("[\"id\",\">\",100]", OdooOptiply.Odoo.Transport.OdooJson.Serialize(reads[1].Args[0]));
    }

    [Fact]
    public async Task SearchReadPagesAsync_KeysetWithOtherOrder_IsRefused()
    {
        await using var client = new OdooClient(OdooClientTests.Options(), handler: Products(10));
        await Assert.ThrowsAsync<ArgumentException>(() => AllPages(client, new OdooPageOptions { Keyset = true, Order = "write_date asc, id asc" }));
    }

    [Fact]
    public async Task SearchReadPagesAsync_Limit_StopsThere()
    {
        await using var client = new OdooClient(OdooClientTests.Options(), handler: Products(500));
        var pages = await AllPages(client, new OdooPageOptions { PageSize = 100, Limit = 250, Offset = 10 });
        Assert.Equal(250, pages.Sum(p => p.Count));
        Assert.Equal(11, pages[0][0].Id);
    }

    [Fact]
    public async Task SearchReadPagesAsync_ServerIgnoringOffset_FailsLoudlyInsteadOfLooping()
    {
        await using var client = new OdooClient(OdooClientTests.Options(), handler: Products(500, ignoreOffset: true));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => AllPages(client, new OdooPageOptions { PageSize = 100 }));
        Assert.Contains("same page", e.Message);
    }

    [Fact]
    public async Task SearchReadPagesAsync_UnknownAndIgnoredFields_AreNotRequested()
    {
        var odoo = Products(3);
        var logs = new ListLogger();
        var options = OdooClientTests.Options() with { IgnoreFields = new Dictionary<string, IReadOnlySet<string>> { ["product.product"] = new HashSet<string> { "default_code" } } };
        await using var client = new OdooClient(options, logs, handler: odoo);
        var pages = await AllPages(client, fields: ["name", "default_code", "is_storable"]);
        var fields = (IReadOnlyList<object?>)odoo.Calls.Single(c => c.Method == "search_read").Kwargs["fields"]!;
        Assert.Equal(["name"], fields.Cast<string>());
        // A field this version lacks is a debug notice (issue 11: warnings only for what a user should act on).
        Assert.Contains(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Debug && l.Text.Contains("is_storable"));
        Assert.DoesNotContain(logs.Warnings, w => w.Contains("is_storable"));
        Assert.Single(odoo.Calls, c => c.Method == "fields_get");
    }

    [Fact]
    public async Task SearchReadPagesAsync_FieldRefusedByServer_IsDroppedWithAWarningAndReadAgain()
    {
        var odoo = Products(3, refuseField: "x_breaks");
        var logs = new ListLogger();
        await using var client = new OdooClient(OdooClientTests.Options(), logs, handler: odoo);
        var pages = await AllPages(client, fields: ["name", "x_breaks"]);
        Assert.Equal(3, pages.Single().Count);
        Assert.False(pages[0][0].ContainsKey("x_breaks"));
        Assert.Contains(logs.Warnings, w => w.Contains("x_breaks") && w.Contains("dropping"));
        // Later reads on the same client do not ask for it again.
        await AllPages(client, fields: ["name", "x_breaks"]);
        Assert.Equal(3, odoo.Calls.Count(c => c.Method == "search_read"));
    }

    [Fact]
    public async Task ReadAsync_IdsAndFields_AreSentAndRecordsReturned()
    {
        var odoo = Products(0, other: c => c.Method == "read"
            ? ((IReadOnlyList<object?>)c.Args[0]!).Select(id => new Dictionary<string, object?> { ["id"] = id, ["name"] = "n" }).ToList()
            : null);
        await using var client = new OdooClient(OdooClientTests.Options(), handler: odoo);
        var records = await client.ReadAsync("product.product", [4L, 5L], ["name", "nope"]);
        Assert.Equal([4L, 5L], records.Select(r => r.Id));
        Assert.Equal(["name"], ((IReadOnlyList<object?>)odoo.Calls.Single(c => c.Method == "read").Kwargs["fields"]!).Cast<string>());
    }
}
