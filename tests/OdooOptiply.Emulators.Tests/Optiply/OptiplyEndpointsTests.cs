// Checklist 3 and 6: resources with string ids, uuid, timestamps and createdFromPublicApi; POST 201,
// PATCH 200 (partial), DELETE 204, 404 for unknown ids; Content-Type; accounts; relationship links.
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Emulators.Tests.Optiply;

public class OptiplyEndpointsTests
{
    [Fact]
    public async Task Post_Product_Is201WithStringIdUuidTimestampsAndCreatedFromPublicApi()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-03-04T05:06:07Z"));
        await using var raw = await OptiplyRaw.StartAsync(new OptiplyEmulatorOptions { Clock = clock });
        var (status, body) = await raw.PostAsync("products", new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 5 });
        Assert.Equal(201, status);
        var data = body!["data"]!;
        Assert.Equal(System.Text.Json.JsonValueKind.String, data["id"]!.GetValueKind());
        Assert.Equal("products", data["type"]!.GetValue<string>());
        var a = data["attributes"]!;
        Assert.True(Guid.TryParse(a["uuid"]!.GetValue<string>(), out _));
        Assert.Equal("2025-03-04T05:06:07.000Z", a["createdAt"]!.GetValue<string>());
        Assert.Equal("2025-03-04T05:06:07.000Z", a["updatedAt"]!.GetValue<string>());
        Assert.True(a["createdFromPublicApi"]!.GetValue<bool>());
        Assert.Equal(raw.Emulator.AccountId, a["accountId"]!.GetValue<long>());
        Assert.Equal("enabled", a["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_SentAttributesOnly_ChangeAnd200WithWholeResource()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-03-04T05:06:07Z"));
        await using var raw = await OptiplyRaw.StartAsync(new OptiplyEmulatorOptions { Clock = clock });
        var id = await raw.CreateAsync("products", new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 5, ["skuCode"] = "B-1" });
        clock.Advance(TimeSpan.FromMinutes(1));
        var (status, body) = await raw.PatchAsync("products", id, new JsonObject { ["stockLevel"] = 9 });
        Assert.Equal(200, status);
        var a = body!["data"]!["attributes"]!;
        Assert.Equal(9, a["stockLevel"]!.GetValue<long>());
        Assert.Equal("B-1", a["skuCode"]!.GetValue<string>());
        Assert.Equal("Bolt", a["name"]!.GetValue<string>());
        Assert.Equal("2025-03-04T05:07:07.000Z", a["updatedAt"]!.GetValue<string>());
        Assert.Equal("2025-03-04T05:06:07.000Z", a["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_ExplicitNull_ClearsValue()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var id = await raw.CreateAsync("products", new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 5, ["skuCode"] = "B-1" });
        var (_, body) = await raw.PatchAsync("products", id, new JsonObject { ["skuCode"] = null });
        Assert.Null(body!["data"]!["attributes"]!["skuCode"]);
    }

    [Fact]
    public async Task Delete_Is204_ThenGetAndDeleteAre404()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var id = await raw.CreateAsync("products", new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 5 });
        Assert.Equal(204, (await raw.SendAsync(HttpMethod.Delete, $"products/{id}")).Status);
        var (status, body) = await raw.GetAsync($"products/{id}");
        Assert.Equal(404, status);
        Assert.Equal("404", body!["errors"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(404, (await raw.SendAsync(HttpMethod.Delete, $"products/{id}")).Status);
        Assert.Equal(404, (await raw.PatchAsync("products", id, new JsonObject { ["stockLevel"] = 1 })).Status);
    }

    [Fact]
    public async Task Request_WithoutJsonApiContentType_Is415()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        Assert.Equal(415, (await raw.SendAsync(HttpMethod.Get, "products", contentType: null)).Status);
        Assert.Equal(415, (await raw.SendAsync(HttpMethod.Get, "products", contentType: "application/json")).Status);
    }

    [Fact]
    public async Task Request_WithoutContentType_IsAcceptedWhenNotRequired()
    {
        await using var raw = await OptiplyRaw.StartAsync(new OptiplyEmulatorOptions { RequireContentType = false });
        Assert.Equal(200, (await raw.SendAsync(HttpMethod.Get, "products", contentType: null)).Status);
    }

    [Fact]
    public async Task Accounts_ListTheConfiguredAccount_AndRefuseWrites()
    {
        await using var raw = await OptiplyRaw.StartAsync(new OptiplyEmulatorOptions { AccountId = 77, AccountName = "Shop 77" });
        var (_, body) = await raw.GetAsync("accounts");
        Assert.Equal("77", body!["data"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("Shop 77", body["data"]![0]!["attributes"]!["name"]!.GetValue<string>());
        Assert.Equal(405, (await raw.PostAsync("accounts", new JsonObject { ["name"] = "x" })).Status);
        Assert.Equal(405, (await raw.SendAsync(HttpMethod.Delete, "accounts/77")).Status);
    }

    [Fact]
    public async Task Post_AccountIdOfAnotherAccount_Is403()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var (status, _) = await raw.PostAsync("products", new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1 }, "?accountId=999");
        Assert.Equal(403, status);
    }

    [Fact]
    public async Task Relationships_RelatedLinks_ReturnTheRelatedRecords()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        var supplier = await raw.CreateAsync("suppliers", new JsonObject { ["name"] = "ACME" });
        var product = await raw.CreateAsync("products", new JsonObject { ["name"] = "Bolt", ["stockLevel"] = 1 });
        var sp = await raw.CreateAsync("supplierProducts", new JsonObject { ["name"] = "Bolt", ["productId"] = product, ["supplierId"] = supplier });
        var (_, spBody) = await raw.GetAsync($"supplierProducts/{sp}");
        var related = spBody!["data"]!["relationships"]!["supplier"]!["links"]!["related"]!.GetValue<string>();
        var (_, supplierBody) = await raw.GetAsync(related.Replace(raw.Emulator.BaseUrl.AbsoluteUri, ""));
        Assert.Equal(supplier, supplierBody!["data"]!["id"]!.GetValue<string>());
        var (_, list) = await raw.GetAsync($"products/{product}/supplierProducts");
        Assert.Equal(sp, list!["data"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownResourceType_Is404()
    {
        await using var raw = await OptiplyRaw.StartAsync();
        Assert.Equal(404, (await raw.GetAsync("customers")).Status);
    }
}
