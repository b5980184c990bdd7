// The Optiply redactor blanks a secret with quotes, an apostrophe, an ampersand and angle brackets in every
// spelling it takes on the wire or in a server's echo: raw, URL-encoded, JSON-escaped (both escapers), XML-escaped.
namespace OdooOptiply.Optiply.Tests;

public sealed class OptiplyRedactorFormsTests
{
    private const string Secret = "Pa'ss&w0rd\"X9<>";

    [Theory]
    [InlineData("password=Pa%27ss%26w0rd%22X9%3C%3E&grant_type=password")]
    [InlineData("password=Pa%27ss%26w0rd%22X9%3c%3e")]
    [InlineData("{\"message\":\"bad password Pa\\u0027ss\\u0026w0rd\\u0022X9\\u003C\\u003E\"}")]
    [InlineData("{\"message\":\"bad password Pa'ss&w0rd\\\"X9<>\"}")]
    [InlineData("<error>Pa&apos;ss&amp;w0rd&quot;X9&lt;&gt;</error>")]
    [InlineData("<error>Pa'ss&amp;w0rd\"X9&lt;&gt;</error>")]
    [InlineData("raw Pa'ss&w0rd\"X9<> in a message")]
    public void EverySpelling_IsRedacted(string text)
    {
        var clean = new OptiplyRedactor(Secret).Redact(text);
        Assert.Contains(OptiplyRedactor.Mask, clean);
        Assert.DoesNotContain("w0rd", clean);
    }
}
