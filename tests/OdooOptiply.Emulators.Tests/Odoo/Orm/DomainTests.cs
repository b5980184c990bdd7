// The domain language as the ORM evaluates it over the demo data: prefix operators with implicit
// '&', False semantics, like/ilike, dotted paths, active_test, and Odoo's errors for bad fields.
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Odoo.Orm;
using OdooOptiply.Emulators.Seed;

namespace OdooOptiply.Emulators.Tests.Odoo.Orm;

public sealed class DomainTests
{
    private static readonly OdooDatabase Db = Seeded();

    private static OdooDatabase Seeded()
    {
        var db = new OdooDatabase(18);
        OdooSeeds.Apply(db, "demo");
        return db;
    }

    private static List<long> Search(string domainJson, bool activeTest = true) => Db.InRead(() =>
        Db.Orm.Search(Env.Default with { ActiveTest = activeTest }, "product.product",
            (IReadOnlyList<object?>)OdooOptiply.Emulators.Odoo.Wire.PyJson.ToValue(System.Text.Json.JsonDocument.Parse(domainJson).RootElement)!, "id"));

    [Fact]
    public void Search_ImplicitAnd_CombinesLeaves() =>
        Assert.Equal([1L], Search("""[["default_code", "like", "OPT-000"], ["list_price", "<", 11]]"""));

    [Fact]
    public void Search_InWholeNumbers_MatchesTheListedIdsAndManyToOnes()
    {
        Assert.Equal([2L, 5L], Search("""[["id", "in", [5, 2, 99999]]]"""));
        Assert.Empty(Search("""[["id", "in", []]]"""));
        var templates = Search("""[["product_tmpl_id", "in", [1, 3]]]""").Select(id => Db.Get("product.product", id)!["product_tmpl_id"]).Distinct().Order();
        Assert.Equal([1L, 3L], templates.Cast<long>());
        // An empty many2one is in no list of ids; "not in" takes it.
        var noCompany = Search("""[["company_id", "=", false]]""");
        Assert.NotEmpty(noCompany);
        Assert.DoesNotContain(noCompany.FirstOrDefault(), Search("""[["company_id", "in", [1, 2]]]"""));
        Assert.Contains(noCompany.FirstOrDefault(), Search("""[["company_id", "not in", [1, 2]]]"""));
    }

    [Fact]
    public void Search_PrefixOr_MatchesEither() =>
        Assert.Equal([1L, 2L], Search("""["|", ["default_code", "=", "OPT-0001"], ["default_code", "=", "OPT-0002"]]"""));

    [Fact]
    public void Search_Not_Negates() =>
        Assert.DoesNotContain(1L, Search("""["!", ["default_code", "=", "OPT-0001"]]"""));

    [Fact]
    public void Search_EqualsFalse_MatchesEmptyValues() =>
        Assert.All(Search("""[["barcode", "=", false]]"""), id => Assert.Null(Db.Get("product.product", id)!.GetValueOrDefault("barcode")));

    [Fact]
    public void Search_Ilike_IsCaseInsensitiveSubstring() =>
        Assert.Equal([1L], Search("""[["name", "ilike", "office chAIR"]]"""));

    [Fact]
    public void Search_EqualsLike_UsesPatternAsIs()
    {
        Assert.Empty(Search("""[["default_code", "=like", "PT-0001"]]"""));
        Assert.Equal([1L], Search("""[["default_code", "=like", "%PT-0001"]]"""));
    }

    [Fact]
    public void Search_In_WithFalse_IncludesEmpty() =>
        Assert.Contains(Search("""[["barcode", "=", false]]""")[0], Search("""[["barcode", "in", [false, "x"]]]"""));

    [Fact]
    public void Search_DottedPathThroughMany2One_FollowsTheRelation()
    {
        var kits = Search("""[["product_tmpl_id.bom_ids", "!=", false]]""");
        Assert.Equal(2, kits.Count); // the kit and the manufactured product
    }

    [Fact]
    public void Search_ComputedField_IsSearchable() =>
        Assert.All(Search("""[["qty_available", ">", 0]]"""), id => Assert.True((double)Db.Read("product.product", id, ["qty_available"])!["qty_available"]! > 0));

    [Fact]
    public void Search_ActiveTest_HidesArchivedUnlessDomainMentionsActive()
    {
        Assert.DoesNotContain(24L, Search("[]"));
        Assert.Contains(24L, Search("""[["active", "=", false]]"""));
        Assert.Contains(24L, Search("[]", activeTest: false));
    }

    [Fact]
    public void Search_UnknownFieldInLeaf_RaisesValueErrorWithLeaf()
    {
        var f = Assert.Throws<OdooFault>(() => Search("""[["nope", "=", 1]]"""));
        Assert.Equal(1, f.XmlRpcCode);
        Assert.Equal("Invalid field product.product.nope in leaf ('nope', '=', 1)", f.Message);
    }

    [Fact]
    public void Search_OrderAndOffset_PageInOrder()
    {
        var all = Db.InRead(() => Db.Orm.Search(Env.Default, "product.product", [], "default_code desc, id"));
        var page = Db.InRead(() => Db.Orm.Search(Env.Default, "product.product", [], "default_code desc, id", 2, 3));
        Assert.Equal(all.Skip(2).Take(3), page);
        var codes = all.Select(id => Db.Get("product.product", id)!.GetValueOrDefault("default_code") as string).Where(c => c is not null).ToList();
        Assert.Equal(codes.OrderByDescending(c => c, StringComparer.OrdinalIgnoreCase), codes);
    }

    [Fact]
    public void Search_KeysetOnId_StartsAfterTheBound() =>
        Assert.All(Search("""[["id", ">", 10]]"""), id => Assert.True(id > 10));
}
