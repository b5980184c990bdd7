// Recorded answers for odoo-extract --replay (issue 16): a small HTTP server, run as its own process
// (`OdooOptiply.Bench replay-serve`), so the client measured shares no CPU with it. With --upstream it is a
// recording proxy: each request is forwarded and its answer's bytes kept under the request's key; without, it
// answers each request from those bytes after --pace-ms (the real server's per-call time: the issue measured
// 20,097 products in 22 calls in 5.84 s, ≈ 265 ms a call, with no parsing at all). The key is the path and the
// body with JSON-RPC's request "id" taken out (it counts per client). Requests run concurrently (two connections
// are two requests in flight). It prints "listening <url>" once ready.
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OdooOptiply.Bench;

internal static partial class OdooReplay
{
    public static async Task<int> ServeAsync(string[] args)
    {
        var dir = Args.Text(args, "--dir") ?? throw new ArgumentException("--dir is required");
        var upstream = Args.Text(args, "--upstream") is { } u ? new Uri(u) : null;
        var pace = TimeSpan.FromMilliseconds(Args.Int(args, "--pace-ms", 265));
        Directory.CreateDirectory(dir);
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        Console.WriteLine($"listening http://127.0.0.1:{port}/ ({(upstream is null ? $"replay, {pace.TotalMilliseconds:0} ms a call" : "recording " + upstream)})");
        var misses = 0;
        var phase = "none";
        while (listener.IsListening)
        {
            var ctx = await listener.GetContextAsync();
            if (ctx.Request.Url!.AbsolutePath.StartsWith("/__phase/", StringComparison.Ordinal))
            {
                phase = ctx.Request.Url.AbsolutePath["/__phase/".Length..]; // the requests that follow are this phase's, in order
                ctx.Response.StatusCode = 204;
                ctx.Response.Close();
                continue;
            }
            var currentPhase = phase;
            _ = Task.Run(async () =>
            {
                try
                {
                    using var body = new MemoryStream();
                    await ctx.Request.InputStream.CopyToAsync(body);
                    var request = body.ToArray();
                    var key = Key(ctx.Request.Url!.AbsolutePath, request);
                    var file = Path.Combine(dir, key);
                    byte[] answer;
                    string type;
                    if (upstream is not null)
                    {
                        using var forward = new HttpRequestMessage(HttpMethod.Post, new Uri(upstream, ctx.Request.Url!.PathAndQuery)) { Content = new ByteArrayContent(request) };
                        forward.Content.Headers.TryAddWithoutValidation("Content-Type", ctx.Request.ContentType ?? "application/json");
                        using var response = await http.SendAsync(forward);
                        answer = await response.Content.ReadAsByteArrayAsync();
                        type = response.Content.Headers.ContentType?.ToString() ?? "application/json";
                        await File.WriteAllBytesAsync(file, answer);
                        await File.WriteAllTextAsync(file + ".type", type);
                        await File.WriteAllBytesAsync(file + ".req", request);
                        lock (dir) File.AppendAllText(Path.Combine(dir, "order-" + currentPhase + ".txt"), ctx.Request.Url!.AbsolutePath + " " + key + "\n");
                    }
                    else if (File.Exists(file))
                    {
                        answer = await File.ReadAllBytesAsync(file);
                        type = await File.ReadAllTextAsync(file + ".type");
                        await Task.Delay(pace);
                    }
                    else
                    {
                        Console.Error.WriteLine($"replay: no recorded answer for {ctx.Request.Url!.AbsolutePath} ({Interlocked.Increment(ref misses)} so far)");
                        ctx.Response.StatusCode = 404;
                        ctx.Response.Close();
                        return;
                    }
                    ctx.Response.ContentType = type;
                    ctx.Response.Headers["Date"] = DateTime.UtcNow.ToString("R");
                    ctx.Response.ContentLength64 = answer.Length;
                    await ctx.Response.OutputStream.WriteAsync(answer);
                    ctx.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or IOException or HttpRequestException)
                {
                    Console.Error.WriteLine($"replay: {e.GetType().Name}: {e.Message}");
                    try { ctx.Response.Abort(); } catch (ObjectDisposedException) { }
                }
            });
        }
        return 0;
    }

    private static string Key(string path, byte[] body)
    {
        var text = JsonRpcId().Replace(Encoding.UTF8.GetString(body), "");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path + "\n" + text)))[..32];
    }

    [GeneratedRegex("\"id\"\\s*:\\s*\\d+\\s*,?")]
    private static partial Regex JsonRpcId();

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Starts replay-serve as a child process (this bench's own program) and waits for its "listening" line.</summary>
    public static async Task<(System.Diagnostics.Process Process, Uri Url)> StartAsync(string dir, Uri? upstream, int paceMs)
    {
        var self = typeof(OdooReplay).Assembly.Location;
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { self, "replay-serve", "--dir", dir, "--pace-ms", paceMs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        if (upstream is not null) { info.ArgumentList.Add("--upstream"); info.ArgumentList.Add(upstream.ToString()); }
        var process = System.Diagnostics.Process.Start(info)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
            if (line.StartsWith("listening ", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return (process, new Uri(line.Split(' ')[1]));
            }
        throw new InvalidOperationException("replay-serve ended before it listened");
    }

    /// <summary>Names the phase the next requests belong to (recording: kept in order-PHASE.txt).</summary>
    public static async Task PhaseAsync(Uri server, string name)
    {
        using var http = new HttpClient();
        using var _ = await http.PostAsync(new Uri(server, "__phase/" + name), new ByteArrayContent([]));
    }

    /// <summary>The server-bound limit: a phase's recorded requests sent again in order on one connection, each answer read
    /// whole and not parsed (what the issue's "replayed with no parsing at all" measured).</summary>
    public static async Task<TimeSpan> LimitAsync(Uri server, string dir, string phase)
    {
        using var http = new HttpClient();
        var order = File.ReadAllLines(Path.Combine(dir, "order-" + phase + ".txt")).Select(l => l.Split(' ')).ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var parts in order)
        {
            var content = new ByteArrayContent(File.ReadAllBytes(Path.Combine(dir, parts[1] + ".req")));
            content.Headers.TryAddWithoutValidation("Content-Type", File.ReadAllText(Path.Combine(dir, parts[1] + ".type")));
            using var response = await http.PostAsync(new Uri(server, parts[0].TrimStart('/')), content);
            _ = await response.Content.ReadAsByteArrayAsync();
        }
        return watch.Elapsed;
    }
}
