// Bad input on stdin: each case stops the target with the line number and the stream named, and writes nothing of
// the batch it was reading (the records before the bad line that no STATE covered are not in Odoo either).
using OdooOptiply.Singer.Target;

namespace OdooOptiply.Singer.Tests.Target;

public sealed class BadInputTests
{
    private const string TaxSchema = """{"type":"SCHEMA","stream":"TaxRates","schema":{"type":"object","properties":{"name":{"type":"string"},"value":{"type":"number"}},"required":["name"]}}""";
    private const string GoodTax = """{"type":"RECORD","stream":"TaxRates","record":{"name":"Good 1%","value":1,"is_percent":true}}""";

    private static async Task<TargetInputException> FailsAsync(string messages, long line, string? stream, string words)
    {
        await using var h = await TargetHarness.StartAsync();
        var taxes = h.Search("account.tax", "[]").Count;
        var run = await h.RunTextAsync(messages);
        var e = Assert.IsType<TargetInputException>(run.Error);
        Assert.Equal(line, e.Line);
        Assert.Equal(stream, e.Stream);
        Assert.Contains(words, e.Message);
        Assert.StartsWith($"line {line}", e.Message);
        Assert.Equal(taxes, h.Search("account.tax", "[]").Count); // nothing half-written: the good record before it is not in Odoo
        Assert.Empty(run.States);
        return e;
    }

    [Fact]
    public Task RecordBeforeItsSchema_IsRefused() =>
        FailsAsync(string.Join('\n', GoodTax), 1, "TaxRates", "before its SCHEMA");

    [Fact]
    public Task RecordFailingItsSchema_IsRefused_WithoutItsValues() => FailsAsync(
        string.Join('\n', TaxSchema, GoodTax, """{"type":"RECORD","stream":"TaxRates","record":{"name":"Bad","value":"secret-looking-text"}}"""),
        3, "TaxRates", "does not match its SCHEMA");

    [Fact]
    public async Task RecordFailingItsSchema_MessageNamesTheFieldNotTheValue()
    {
        var e = await FailsAsync(string.Join('\n', TaxSchema, """{"type":"RECORD","stream":"TaxRates","record":{"value":"hunter2"}}"""), 2, "TaxRates", "does not match");
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Fact]
    public Task UnknownStream_IsRefusedAtItsSchema() => FailsAsync(
        string.Join('\n', TaxSchema, GoodTax, """{"type":"SCHEMA","stream":"Widgets","schema":{"type":"object"}}"""), 3, "Widgets", "no sink takes this stream");

    [Fact]
    public Task UnknownStream_RecordWithoutSchema_IsRefused() => FailsAsync(
        string.Join('\n', TaxSchema, GoodTax, """{"type":"RECORD","stream":"Widgets","record":{}}"""), 3, "Widgets", "no sink takes this stream");

    [Fact]
    public Task MalformedLine_IsRefused() => FailsAsync(string.Join('\n', TaxSchema, GoodTax, """{"type":"RECORD","stream":"TaxRa"""), 3, null, "not JSON");

    [Fact]
    public async Task HugeLine_IsRefusedWithoutReadingItWhole()
    {
        await using var h = await TargetHarness.StartAsync();
        var huge = "{\"type\":\"RECORD\",\"stream\":\"TaxRates\",\"record\":{\"name\":\"" + new string('x', 64 * 1024) + "\"}}";
        var run = await h.RunTextAsync(string.Join('\n', TaxSchema, GoodTax, huge), options: new TargetOptions(MaxLineBytes: 16 * 1024));
        Assert.Equal(3, run.Error!.Line);
        Assert.Contains("longer than 16384 bytes", run.Error.Message);
        Assert.Empty(h.Search("account.tax", "[[\"name\",\"=\",\"Good 1%\"]]"));
    }

    [Fact]
    public Task UnknownMessageType_IsRefused() => FailsAsync(string.Join('\n', TaxSchema, """{"type":"BANANA","stream":"TaxRates"}"""), 2, "TaxRates", "unknown message type");

    [Fact]
    public async Task BadLineAfterAState_KeepsWhatTheStateCovered()
    {
        await using var h = await TargetHarness.StartAsync();
        var run = await h.RunTextAsync(string.Join('\n', TaxSchema, GoodTax, """{"type":"STATE","value":{"p":2}}""", "not json"));
        Assert.Equal(4, run.Error!.Line);
        Assert.Single(h.Search("account.tax", "[[\"name\",\"=\",\"Good 1%\"]]"));
        Assert.Equal(2, (int)Assert.Single(run.States)["p"]!);
    }
}
