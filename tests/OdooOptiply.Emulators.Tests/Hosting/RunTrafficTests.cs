// RunTraffic: both emulators record each request by the run header it carries (tenant/job/epoch), with its
// arrival and end; requests without the header are only counted.
using OdooOptiply.Emulators.Hosting;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Emulators.Optiply;

namespace OdooOptiply.Emulators.Tests.Hosting;

public sealed class RunTrafficTests
{
    [Fact]
    public async Task BothEmulators_RecordLabelledRequestsByTenant_AndCountTheOthers()
    {
        await using var odoo = await OdooEmulator.StartAsync(new OdooEmulatorOptions());
        await using var optiply = await OptiplyEmulator.StartAsync(new OptiplyEmulatorOptions());
        using var http = new HttpClient();
        foreach (var url in new[] { new Uri(odoo.Url, "web/version"), new Uri(optiply.Url, "v1/products") })
        {
            using var labelled = new HttpRequestMessage(HttpMethod.Get, url);
            labelled.Headers.Add(RunTraffic.Header, "acme%2Fnl/pull/17");
            (await http.SendAsync(labelled)).Dispose();
            (await http.GetAsync(url)).Dispose();
        }

        foreach (var runs in new[] { odoo.Runs, optiply.Runs })
        {
            var r = Assert.Single(runs.OfTenant("acme/nl"));
            Assert.Equal(("acme%2Fnl/pull/17", "pull"), (r.Run, r.Job));
            Assert.True(r.End >= r.Start);
            Assert.Equal(1, runs.Unlabelled);
            Assert.Empty(runs.OfTenant("beta"));
        }
    }
}
