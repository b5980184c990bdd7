// How the daemon takes the board in: AddSyncTelemetry (always: the instruments, and traces exported over
// OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set) and AddSyncBoard (with --http: the web server).
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace OdooOptiply.Web;

public static class BoardServices
{
    public const string OtlpVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddSyncTelemetry(this IServiceCollection services, Func<string, string?>? env = null)
    {
        services.AddSingleton<SyncTelemetry>();
        if (!string.IsNullOrEmpty((env ?? Environment.GetEnvironmentVariable)(OtlpVariable)))
            services.AddOpenTelemetry().WithTracing(t => t.AddSource(SyncTelemetry.Name, "System.Net.Http").AddOtlpExporter());
        return services;
    }

    public static IServiceCollection AddSyncBoard(this IServiceCollection services, BoardOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<BoardServer>();
        services.AddHostedService(sp => sp.GetRequiredService<BoardServer>());
        return services;
    }
}
