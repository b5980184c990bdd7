// Each sink from its message file, against the emulated Odoo over XML-RPC: what lands in Odoo, the summary in the
// emitted STATE, and that a second run of the same file creates nothing (every record found by its binding).
namespace OdooOptiply.Singer.Tests.Target;

public sealed class SinkTests
{
    [Fact]
    public async Task TaxRates_CreatePurchaseTaxes_AndReuseTheOneOfThatName()
    {
        await using var h = await TargetHarness.StartAsync();
        var before = h.Search("account.tax", "[]").Count;
        var run = await h.RunFileAsync("taxrates.jsonl");
        Assert.Null(run.Error);
        var import = Assert.Single(h.Search("account.tax", "[[\"name\",\"=\",\"Import 5%\"]]"));
        Assert.Equal(("percent", 5.0, "purchase"), ((string?)import["amount_type"], Convert.ToDouble(import["amount"]), (string?)import["type_tax_use"]));
        var fee = Assert.Single(h.Search("account.tax", "[[\"name\",\"=\",\"Eco fee\"]]"));
        Assert.Equal("fixed", fee["amount_type"]);
        Assert.Single(h.Search("account.tax", "[[\"name\",\"=\",\"21%\"],[\"type_tax_use\",\"=\",\"purchase\"]]"));
        Assert.Equal(before + 2, h.Search("account.tax", "[]").Count);
        Assert.Equal((2L, 0L, 1L, 0L), run.Counts("TaxRates"));
        Assert.Equal(4, (int)run.States[0]["bookmarks"]!["TaxRates"]!["position"]!);
        Assert.Equal(1, (int)run.Summary("TaxRates")["existing"]!);

        var again = await h.RunFileAsync("taxrates.jsonl");
        Assert.Equal((0L, 0L, 3L, 0L), again.Counts("TaxRates"));
        Assert.Equal(before + 2, h.Search("account.tax", "[]").Count);
    }

    [Fact]
    public async Task VendorsAndSuppliers_OnePartnerPerVendor_ExistingCompanyReusedAndUpdated()
    {
        await using var h = await TargetHarness.StartAsync();
        var partners = h.Search("res.partner", "[]").Count;
        var run = await h.RunFileAsync("vendors.jsonl");
        Assert.Null(run.Error);
        var nordic = Assert.Single(h.Search("res.partner", "[[\"name\",\"=\",\"Nordic Timber AB\"]]"));
        Assert.Equal(("9001", "company", "Växjö", "+46 470 123 45", 2L, 1L), ((string?)nordic["ref"], (string?)nordic["company_type"] ?? "company",
            (string?)nordic["city"], (string?)nordic["phone"], (long?)nordic["country_id"], Convert.ToInt64(nordic["supplier_rank"])));
        var office = Assert.Single(h.Search("res.partner", "[[\"name\",\"=\",\"Office Supplies Ltd\"]]"));
        Assert.Equal(("9002", "new-orders@officesupplies.example", "Keizersgracht 1", 1L), ((string?)office["ref"], (string?)office["email"], (string?)office["street"], (long?)office["country_id"]));
        Assert.Single(h.Search("res.partner", "[[\"name\",\"=\",\"Keyless Trading\"]]"));
        Assert.Equal(partners + 2, h.Search("res.partner", "[]").Count); // Nordic Timber and Keyless Trading; Office Supplies reused
        Assert.Equal((1L, 0L, 1L, 0L), run.Counts("Vendors"));
        Assert.Equal((1L, 0L, 1L, 0L), run.Counts("Suppliers")); // 9001 again on Suppliers: the same partner

        var again = await h.RunFileAsync("vendors.jsonl");
        Assert.Equal((0L, 0L, 2L, 0L), again.Counts("Vendors"));
        Assert.Equal(partners + 2, h.Search("res.partner", "[]").Count);
    }

    [Fact]
    public async Task BuyOrders_CreatedWithLinesInOneCall_ConfirmedByButtonConfirm()
    {
        await using var h = await TargetHarness.StartAsync();
        var run = await h.RunFileAsync("buyorders.jsonl");
        Assert.Null(run.Error);
        Assert.Equal((2L, 0L, 0L, 0L), run.Counts("BuyOrders"));
        var po = Assert.Single(h.Search("purchase.order", "[[\"name\",\"=\",\"5001\"]]"));
        Assert.Equal(("purchase", "Optiply buy order 5001", 6L), ((string?)po["state"], (string?)po["origin"], (long?)po["partner_id"]));
        Assert.Equal("2026-11-30 10:00:00", po["date_order"]);
        var lines = h.Search("purchase.order.line", $"[[\"order_id\",\"=\",{po["id"]}]]");
        Assert.Equal(2, lines.Count);
        Assert.Equal((1L, 10.0, 5.5), ((long?)lines[0]["product_id"], Convert.ToDouble(lines[0]["product_qty"]), Convert.ToDouble(lines[0]["price_unit"])));
        Assert.Equal("2026-12-09 00:00:00", lines[1]["date_planned"]);
        // Confirmed by Odoo's own button: the receipt exists (a state written by hand makes none).
        Assert.NotEmpty(h.Search("stock.picking", $"[[\"origin\",\"=\",\"5001\"]]").Concat(h.Search("stock.move", $"[[\"purchase_line_id\",\"=\",{lines[0]["id"]}]]")));
        var second = Assert.Single(h.Search("purchase.order", "[[\"name\",\"=\",\"5002\"]]"));
        Assert.Equal(("Optiply run 77", 4L), ((string?)second["origin"], (long?)second["partner_id"]));

        var again = await h.RunFileAsync("buyorders.jsonl");
        Assert.Equal((0L, 0L, 2L, 0L), again.Counts("BuyOrders"));
        Assert.Equal(2, h.Search("purchase.order", "[[\"name\",\"in\",[\"5001\",\"5002\"]]]").Count);
    }

    [Fact]
    public async Task BuyOrders_AsDraft_StayRequestsForQuotation()
    {
        await using var h = await TargetHarness.StartAsync();
        await h.RunFileAsync("buyorders.jsonl", new Dictionary<string, bool> { ["export_buy_orders_as_draft"] = true });
        Assert.Equal("draft", Assert.Single(h.Search("purchase.order", "[[\"name\",\"=\",\"5001\"]]"))["state"]);
    }

    [Fact]
    public async Task BuyOrders_KnownOrderChanged_IsUpdatedInPlace()
    {
        await using var h = await TargetHarness.StartAsync();
        await h.RunFileAsync("buyorders.jsonl");
        var changed = File.ReadAllText(TargetHarness.MessagesFile("buyorders.jsonl")).Replace("\\\"quantity\\\":10", "\\\"quantity\\\":12");
        var run = await h.RunTextAsync(changed);
        Assert.Equal((1L, 0L, 1L, 1L), run.Counts("BuyOrders"));
        var po = Assert.Single(h.Search("purchase.order", "[[\"name\",\"=\",\"5001\"]]"));
        var lines = h.Search("purchase.order.line", $"[[\"order_id\",\"=\",{po["id"]}]]");
        Assert.Equal(2, lines.Count);
        Assert.Equal(12.0, Convert.ToDouble(lines[0]["product_qty"]));
        Assert.Equal(Math.Round(55.0 / 12, 6), Convert.ToDouble(lines[0]["price_unit"]), 6);
    }

    [Fact]
    public async Task BuyOrders_UnknownProduct_FailsTheRecordAndWritesNoOrder()
    {
        await using var h = await TargetHarness.StartAsync();
        var text = File.ReadAllText(TargetHarness.MessagesFile("buyorders.jsonl")).Replace("\\\"sku\\\":\\\"OPT-0002\\\"", "\\\"sku\\\":\\\"NO-SUCH\\\"");
        var run = await h.RunTextAsync(text);
        Assert.Equal((1L, 1L, 0L, 0L), run.Counts("BuyOrders"));
        Assert.Empty(h.Search("purchase.order", "[[\"name\",\"=\",\"5001\"]]"));
    }

    [Fact]
    public async Task PurchaseInvoices_BecomeConfirmedPurchaseOrders()
    {
        await using var h = await TargetHarness.StartAsync();
        var run = await h.RunFileAsync("purchaseinvoices.jsonl");
        Assert.Equal((1L, 0L, 0L, 0L), run.Counts("PurchaseInvoices"));
        var po = Assert.Single(h.Search("purchase.order", "[[\"name\",\"=\",\"PINV-2026-001\"]]"));
        Assert.Equal(("purchase", 7L), ((string?)po["state"], (long?)po["partner_id"]));
        var line = Assert.Single(h.Search("purchase.order.line", $"[[\"order_id\",\"=\",{po["id"]}]]"));
        Assert.Equal((12.0, 7.25), (Convert.ToDouble(line["product_qty"]), Convert.ToDouble(line["price_unit"])));
        Assert.Equal((0L, 0L, 1L, 0L), (await h.RunFileAsync("purchaseinvoices.jsonl")).Counts("PurchaseInvoices"));
    }

    [Fact]
    public async Task Invoices_CustomerInvoicesWithLines_PostedOnesPosted()
    {
        await using var h = await TargetHarness.StartAsync();
        var run = await h.RunFileAsync("invoices.jsonl");
        Assert.Equal((2L, 0L, 0L, 0L), run.Counts("Invoices"));
        var posted = Assert.Single(h.Search("account.move", "[[\"ref\",\"=\",\"INV-7001\"]]"));
        Assert.Equal(("out_invoice", "posted", "2026-11-20", "2026-12-20"), ((string?)posted["move_type"], (string?)posted["state"], (string?)posted["invoice_date"], (string?)posted["invoice_date_due"]));
        var lines = h.Search("account.move.line", $"[[\"move_id\",\"=\",{posted["id"]}]]");
        Assert.Equal(2, lines.Count);
        Assert.Equal(("Delivery", 5.0), ((string?)lines[1]["name"], Convert.ToDouble(lines[1]["price_unit"])));
        Assert.NotNull(lines[0]["account_id"]);
        Assert.Equal(3L, Assert.Single((IEnumerable<long>)lines[0]["tax_ids"]!)); // the sales tax "9%"
        var draft = Assert.Single(h.Search("account.move", "[[\"ref\",\"=\",\"INV-7002\"]]"));
        Assert.Equal(("draft", 2L), ((string?)draft["state"], (long?)draft["currency_id"]));
        Assert.Equal((0L, 0L, 2L, 0L), (await h.RunFileAsync("invoices.jsonl")).Counts("Invoices"));
    }

    [Fact]
    public async Task Invoices_PostedOneChanged_IsRefusedWithAReason_DraftOneUpdated()
    {
        await using var h = await TargetHarness.StartAsync();
        await h.RunFileAsync("invoices.jsonl");
        var changed = File.ReadAllText(TargetHarness.MessagesFile("invoices.jsonl")).Replace("\"unitPrice\":5}", "\"unitPrice\":6}").Replace("\\\"quantity\\\":10", "\\\"quantity\\\":11");
        var run = await h.RunTextAsync(changed);
        Assert.Equal((1L, 1L, 0L, 1L), run.Counts("Invoices"));
        var draft = Assert.Single(h.Search("account.move", "[[\"ref\",\"=\",\"INV-7002\"]]"));
        Assert.Equal(11.0, Convert.ToDouble(Assert.Single(h.Search("account.move.line", $"[[\"move_id\",\"=\",{draft["id"]}]]"))["quantity"]));
    }

    [Fact]
    public async Task Bills_VendorBillsTakeThePurchaseTax()
    {
        await using var h = await TargetHarness.StartAsync();
        var run = await h.RunFileAsync("bills.jsonl");
        Assert.Equal((1L, 0L, 0L, 0L), run.Counts("Bills"));
        var bill = Assert.Single(h.Search("account.move", "[[\"ref\",\"=\",\"BILL-TP-88\"]]"));
        Assert.Equal(("in_invoice", "posted", 6L), ((string?)bill["move_type"], (string?)bill["state"], (long?)bill["partner_id"]));
        var line = Assert.Single(h.Search("account.move.line", $"[[\"move_id\",\"=\",{bill["id"]}]]"));
        Assert.Equal((1L, 2L), (Assert.Single((IEnumerable<long>)line["tax_ids"]!), (long?)line["account_id"]));
    }

    [Fact]
    public async Task OdooShapedRecords_AsATapSendsThem_AreTakenToo()
    {
        await using var h = await TargetHarness.StartAsync();
        var run = await h.RunFileAsync("odoo-shaped.jsonl");
        Assert.Null(run.Error);
        var partner = Assert.Single(h.Search("res.partner", "[[\"name\",\"=\",\"Harbour Metals BV\"]]"));
        Assert.Equal(("41", "info@harbour.example", "Kade 4", "3011 AA", "+31 10 123"), ((string?)partner["ref"], (string?)partner["email"], (string?)partner["street"], (string?)partner["zip"], (string?)partner["phone"]));
        var tax = Assert.Single(h.Search("account.tax", "[[\"name\",\"=\",\"Excise 3%\"]]"));
        Assert.Equal(("percent", 3.0), ((string?)tax["amount_type"], Convert.ToDouble(tax["amount"])));
    }

    [Fact]
    public async Task Bills_Attachments_UploadedOnceFromInputPath_AMissingFileFailsTheRecord()
    {
        await using var h = await TargetHarness.StartAsync();
        var folder = Directory.CreateTempSubdirectory("target-input-").FullName;
        File.WriteAllBytes(Path.Combine(folder, "a1_bill.pdf"), [0x25, 0x50, 0x44, 0x46, 1, 2, 3]);
        var messages = File.ReadAllText(TargetHarness.MessagesFile("bills.jsonl"))
            .Replace("\"status\":\"posted\",", "\"status\":\"posted\",\"attachments\":[{\"id\":\"a1\",\"name\":\"bill.pdf\"}],");
        var settings = new Dictionary<string, string> { ["input_path"] = folder };
        var run = await h.RunTextAsync(messages, settings: settings);
        Assert.Equal((1L, 0L, 0L, 0L), run.Counts("Bills"));
        var bill = Assert.Single(h.Search("account.move", "[[\"ref\",\"=\",\"BILL-TP-88\"]]"));
        var file = Assert.Single(h.Search("ir.attachment", $"[[\"res_id\",\"=\",{bill["id"]}]]"));
        Assert.Equal(("a1_bill.pdf", "account.move", Convert.ToBase64String([0x25, 0x50, 0x44, 0x46, 1, 2, 3])), ((string?)file["name"], (string?)file["res_model"], (string?)file["datas"]));

        // A draft bill naming a file not (yet) there: the bill is written, the record fails; once the file is there the
        // next run attaches it to the same bill, and nothing is uploaded twice.
        var draft = messages.Replace("BILL-TP-88", "BILL-TP-89").Replace("\"status\":\"posted\"", "\"status\":\"draft\"")
            .Replace("[{\"id\":\"a1\",\"name\":\"bill.pdf\"}]", "[{\"id\":\"a1\",\"name\":\"bill.pdf\"},{\"id\":\"a2\",\"name\":\"late.pdf\"}]");
        Assert.Equal(1L, (await h.RunTextAsync(draft, settings: settings)).Counts("Bills").Fail);
        var second = Assert.Single(h.Search("account.move", "[[\"ref\",\"=\",\"BILL-TP-89\"]]"));
        Assert.Single(h.Search("ir.attachment", $"[[\"res_id\",\"=\",{second["id"]}]]"));
        File.WriteAllBytes(Path.Combine(folder, "a2_late.pdf"), [1]);
        Assert.Equal((1L, 0L, 0L, 1L), (await h.RunTextAsync(draft, settings: settings)).Counts("Bills"));
        Assert.Single(h.Search("account.move", "[[\"ref\",\"=\",\"BILL-TP-89\"]]"));
        Assert.Equal(2, h.Search("ir.attachment", $"[[\"res_id\",\"=\",{second["id"]}]]").Count);
        Assert.Single(h.Search("ir.attachment", $"[[\"res_id\",\"=\",{bill["id"]}]]"));
        Directory.Delete(folder, true);
    }
}
