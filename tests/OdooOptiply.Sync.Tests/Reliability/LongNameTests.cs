// Odoo allows any length and any character in a name; Optiply takes 255 characters and no control
// characters (issue 10.9). A name that does not fit is fitted, so the product is updated, not refused on
// every run.
using OdooOptiply.Sync.Mapping;
using OdooOptiply.Sync.Streams;
using OdooOptiply.Sync.Tests.TestSupport;

namespace OdooOptiply.Sync.Tests.Reliability;

public sealed class LongNameTests
{
    [Fact]
    public async Task NameOf300CharactersWithControlCharacters_IsFittedAndTravels()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.True((await h.SyncAsync()).Succeeded);
        var id = h.ProductId("OPT-0003");
        h.Odoo.Data.Write("product.product", [id], new Dictionary<string, object?> { ["name"] = "Long\u001b\u000bname " + new string('x', 300) });

        var run = await h.SyncAsync();

        Assert.Equal(0, run.Of(StreamNames.Products).Failed);
        var name = h.ByRemoteId("products", id.ToString())!["name"]!.GetValue<string>();
        Assert.Equal(255, name.Length);
        Assert.StartsWith("Longname x", name);
        // The report says what was cut, so the user knows Optiply holds a shorter name than Odoo.
        Assert.Contains(run.Of(StreamNames.Products).Errors, e => e.StartsWith("note: 1 text(s) longer than Optiply's 255 characters were cut", StringComparison.Ordinal)
            && e.Contains("Longname x", StringComparison.Ordinal));
        Assert.True(run.Succeeded);
    }

    [Theory]
    [InlineData("a\tb\nc", "a b c")]
    [InlineData("  padded  ", "padded")]
    public void Fit_CleansAndTrims(string input, string expected) => Assert.Equal(expected, Wire.Fit(input));

    [Fact]
    public void Fit_NeverSplitsASurrogatePair()
    {
        var text = new string('a', 254) + "😀" + "tail";
        var fitted = Wire.Fit(text);
        Assert.Equal(254, fitted.Length);
        Assert.False(char.IsHighSurrogate(fitted[^1]));
    }
}
