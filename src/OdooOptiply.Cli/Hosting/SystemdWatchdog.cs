// Under systemd (Type=notify, WatchdogSec=): UseSystemd's lifetime sends READY=1 and STOPPING=1; this
// service sends WATCHDOG=1 at half the interval systemd asks for (WATCHDOG_USEC), and only while the
// scheduler runs, so a daemon whose scheduler died is restarted by systemd. Does nothing elsewhere.
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Quartz;

namespace OdooOptiply.Cli.Hosting;

public sealed class SystemdWatchdog(IServiceProvider services, ISchedulerFactory factory, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // AddSystemd registers the notifier only when the process runs as a systemd service.
        if (services.GetService(typeof(ISystemdNotifier)) is not ISystemdNotifier { IsEnabled: true } notifier || !long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var usec) || usec <= 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromMicroseconds(usec / 2.0), time);
        var scheduler = await factory.GetScheduler(stoppingToken);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            if (await scheduler.GetStatus(stoppingToken) == SchedulerStatus.Running) notifier.Notify(new ServiceState("WATCHDOG=1"));
    }
}
