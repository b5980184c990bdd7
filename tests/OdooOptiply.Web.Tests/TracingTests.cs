// Traces of a real run: one "pull run" activity for the tenant, one activity per stream under it, and the
// run's HTTP calls to Odoo and Optiply (System.Net.Http's activities) in the same trace. And the OTLP
// exporter is wired only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace OdooOptiply.Web.Tests;

[Collection(BoardCollection.Name)]
public sealed class TracingTests
{
    [Fact]
    public async Task RealPull_TracesTheRunItsStreamsAndItsCalls()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is SyncTelemetry.Name or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var w = await BoardWorld.StartAsync();
        await w.Host.Services.GetRequiredService<IBoardDaemon>().RunNowAsync("acme", BoardJob.Pull, "test", default);
        await BoardWorld.Until(() => Task.FromResult(stopped.Any(a => a.DisplayName == "pull run")), "the run's activity");

        var run = stopped.Single(a => a.DisplayName == "pull run");
        Assert.Equal("acme", run.GetTagItem("tenant"));
        Assert.Equal("ok", run.GetTagItem("outcome"));
        var products = Assert.Single(stopped, a => a.DisplayName == "stream products");
        Assert.Equal(run.SpanId, products.ParentSpanId);
        Assert.Equal(run.TraceId, products.TraceId);
        var calls = stopped.Where(a => a.Source.Name == "System.Net.Http" && a.TraceId == run.TraceId).ToList();
        Assert.Contains(calls, c => c.GetTagItem("server.port") is int port && port == w.Odoo.Url.Port);
        Assert.Contains(calls, c => c.GetTagItem("server.port") is int port && port == w.Optiply.Url.Port);
    }

    [Fact]
    public void Otlp_OnlyWhenTheEndpointIsSet()
    {
        using var without = new ServiceCollection().AddSyncTelemetry(_ => null).BuildServiceProvider();
        Assert.Null(without.GetService<TracerProvider>());
        using var with = new ServiceCollection().AddSyncTelemetry(k => k == BoardServices.OtlpVariable ? "http://127.0.0.1:4318" : null)
            .AddSingleton(TimeProvider.System).BuildServiceProvider();
        Assert.NotNull(with.GetService<TracerProvider>());
    }
}
