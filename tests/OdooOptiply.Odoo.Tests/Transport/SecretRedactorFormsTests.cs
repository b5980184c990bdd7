// A password with quotes and an ampersand must be redacted in every spelling it takes on the wire.
using OdooOptiply.Odoo.Transport;

namespace OdooOptiply.Odoo.Tests.Transport;

public sealed class SecretRedactorFormsTests
{
    [Theory]
    [InlineData("<string>Pa'ss&amp;w0rd\"X9</string>")]
    [InlineData("<string>Pa&apos;ss&amp;w0rd&quot;X9</string>")]
    [InlineData("<string>Pa&#39;ss&amp;w0rd&#34;X9</string>")]
    [InlineData("{\"password\": \"Pa'ss&w0rd\\\"X9\"}")]
    [InlineData("{\"password\":\"Pa\\u0027ss\\u0026w0rd\\u0022X9\"}")]
    [InlineData("password=Pa%27ss%26w0rd%22X9")]
    public void EveryWireSpelling_IsRedacted(string text)
    {
        var clean = new SecretRedactor(["Pa'ss&w0rd\"X9"]).Redact(text);
        Assert.Contains(SecretRedactor.Mask, clean);
        Assert.DoesNotContain("w0rd", clean);
    }
}
