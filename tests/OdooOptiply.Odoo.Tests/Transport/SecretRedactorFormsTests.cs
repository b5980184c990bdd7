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

/// <summary>The redactor masks secret values, never the program's own words: a password that is also a word of the
/// refusal message ("user") must leave "login refused for user 'admin'" readable.</summary>
public sealed class SecretRedactorOwnWordsTests
{
    [Theory]
    [InlineData(OdooProtocol.XmlRpc)]
    [InlineData(OdooProtocol.JsonRpc)]
    public async Task RefusedLogin_WithAPasswordThatIsAWord_KeepsTheMessageReadable(OdooProtocol protocol)
    {
        await using var emulator = await OdooOptiply.Emulators.Odoo.OdooEmulator.StartAsync(new() { Version = 18 });
        await using var client = new OdooClient(new OdooOptions
        {
            Url = emulator.Url, Database = emulator.Database, Username = emulator.Username, Password = "user", Protocol = protocol, MaxRetries = 0,
        });
        var e = await Assert.ThrowsAsync<OdooException>(() => client.AuthenticateAsync());
        Assert.Contains($"login refused for user '{emulator.Username}'", e.Message);
        Assert.DoesNotContain(SecretRedactor.Mask, e.Message);
    }

    [Fact]
    public void ServerText_EchoingTheSecret_IsStillRedacted()
    {
        var redactor = new SecretRedactor(["user"]);
        var e = redactor.Redact(new OdooException(Outcome.Fatal, "bad password 'user'"));
        Assert.DoesNotContain("'user'", e.Message);
    }
}
