// TLS: both clients refuse a self-signed certificate by default (Fatal, not retried, saying what to do)
// and accept it only when insecure_skip_tls_verify is set for that one connection, with a warning logged.
// The emulators bind to loopback unless told otherwise.
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;

namespace OdooOptiply.Cli.Tests.Reliability;

public sealed class TlsTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private Uri _url = null!;
    private int _hits;

    public async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pfx), null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        _app = builder.Build();
        _app.Run(c =>
        {
            Interlocked.Increment(ref _hits);
            c.Response.ContentType = "application/json";
            return c.Request.Path.Value switch
            {
                "/jsonrpc" => c.Response.WriteAsync("""{"jsonrpc":"2.0","id":1,"result":{"server_version":"18.0","server_version_info":[18,0,0,"final",0,""],"protocol_version":1}}"""),
                "/oauth/token" => c.Response.WriteAsync("""{"access_token":"tls-token","expires_in":3600}"""),
                _ => c.Response.WriteAsync("""{"data":{"id":"5","type":"products","attributes":{"name":"Bolt"}}}"""),
            };
        });
        await _app.StartAsync();
        _url = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private OdooClient Odoo(bool insecure, ILoggerFactory? loggers = null) => new(new OdooOptions
    {
        Url = _url, Database = "db", Username = "u", Password = "tls-test-password", Protocol = OdooProtocol.JsonRpc, InsecureSkipTlsVerify = insecure, MaxRetries = 3,
    }, loggers);

    private OptiplyClient Optiply(bool insecure, ILoggerFactory? loggers = null) => new(new OptiplyOptions
    {
        BaseUrl = new Uri(_url, "v1"), TokenUrl = new Uri(_url, "oauth/token"), ClientId = "c", ClientSecret = "tls-test-secret", Username = "u", Password = "tls-test-password",
        RequestsPerSecond = 0, InsecureSkipTlsVerify = insecure, MaxRetries = 3,
    }, loggers);

    [Fact]
    public async Task OdooClient_SelfSignedCertificate_IsRefusedByDefaultWithoutRetrying()
    {
        await using var client = Odoo(insecure: false);
        var e = await Assert.ThrowsAsync<OdooException>(() => client.VersionAsync());
        Assert.Equal(Outcome.Fatal, e.Outcome);
        Assert.Contains("certificate", e.Message);
        Assert.True(e.Message.Contains("insecure_skip_tls_verify"), e.Message);
        Assert.Equal(0, _hits);
    }

    [Fact]
    public async Task OdooClient_SelfSignedCertificate_IsAcceptedWithTheOptionAndAWarning()
    {
        var logs = new ListLogger();
        await using var client = Odoo(insecure: true, logs);
        Assert.Equal(18, (await client.VersionAsync()).Major);
        Assert.Contains(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Text.Contains("TLS certificate verification is OFF"));
    }

    [Fact]
    public async Task OptiplyClient_SelfSignedCertificate_IsRefusedByDefaultWithoutRetrying()
    {
        await using var client = Optiply(insecure: false);
        var e = await Assert.ThrowsAsync<OptiplyException>(() => client.Products.GetAsync("5"));
        Assert.Contains("certificate", e.Message);
        Assert.Contains("insecure_skip_tls_verify", e.Message);
        Assert.Equal(0, _hits);
    }

    [Fact]
    public async Task OptiplyClient_SelfSignedCertificate_IsAcceptedWithTheOptionAndAWarning()
    {
        var logs = new ListLogger();
        await using var client = Optiply(insecure: true, logs);
        Assert.Equal("Bolt", (await client.Products.GetAsync("5"))!.GetString("name"));
        Assert.Contains(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Text.Contains("TLS certificate verification is OFF"));
    }

    [Fact]
    public async Task Emulators_ByDefault_ListenOnLoopbackOnly()
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions { Seed = "empty" });
        await using var optiply = await OptiplyEmulator.StartAsync(new OptiplyEmulatorOptions());
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(odoo.Url.Host)));
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(optiply.BaseUrl.Host)));
        // From any other address of this machine, the ports are closed.
        var others = NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)).ToList();
        foreach (var address in others)
            foreach (var port in new[] { odoo.Url.Port, optiply.BaseUrl.Port })
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(address, port));
            }
    }
}
