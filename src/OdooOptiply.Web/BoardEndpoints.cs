// The board's pages and actions. GET: / (board, ?filter=failing|late), /board/live (its live part),
// /tenants/{t} and /tenants/{t}/live, /login. POST (signed in + antiforgery token, else 401/400):
// /tenants/{t}/run/pull|export, /tenants/{t}/pause, /tenants/{t}/resume, /login, /logout. Each action is
// appended to the tenant's run history with who asked. Off loopback, every page needs a signed-in user.
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OdooOptiply.Web;

internal static class BoardEndpoints
{
    public static void Map(WebApplication app, bool pagesNeedLogin)
    {
        app.Use(async (ctx, next) =>
        {
            ctx.Response.Headers["X-Frame-Options"] = "DENY";
            ctx.Response.Headers["X-Content-Type-Options"] = "nosniff";
            ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
            var open = ctx.Request.Path.StartsWithSegments("/login") || ctx.Request.Path.StartsWithSegments("/healthz")
                || ctx.Request.Path.StartsWithSegments("/readyz") || ctx.Request.Path.StartsWithSegments("/metrics");
            if (pagesNeedLogin && !open && Who(ctx) is null)
            {
                ctx.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(ctx.Request.Path + ctx.Request.QueryString));
                return;
            }
            await next(ctx);
        });

        app.MapGet("/", async (HttpContext ctx, BoardReader reader, TimeProvider time, string? filter) =>
            Html(BoardHtml.Board(await reader.RowsAsync(ctx.RequestAborted), Filter(filter), Who(ctx), time.GetUtcNow().UtcDateTime)));
        app.MapGet("/board/live", async (HttpContext ctx, BoardReader reader, TimeProvider time, string? filter) =>
            Html(BoardHtml.BoardLive(await reader.RowsAsync(ctx.RequestAborted), Filter(filter), time.GetUtcNow().UtcDateTime)));
        app.MapGet("/tenants/{tenant}", async (HttpContext ctx, BoardReader reader, IAntiforgery af, string tenant, string? notice) =>
            await reader.DetailAsync(tenant, ctx.RequestAborted) is { } d
                ? Html(BoardHtml.Tenant(d, Who(ctx), Who(ctx) is null ? null : Csrf(af, ctx), notice))
                : Results.NotFound($"no tenant {tenant}"));
        app.MapGet("/tenants/{tenant}/live", async (HttpContext ctx, BoardReader reader, string tenant) =>
            await reader.DetailAsync(tenant, ctx.RequestAborted) is { } d ? Html(BoardHtml.TenantLive(d)) : Results.NotFound($"no tenant {tenant}"));

        app.MapGet("/login", (HttpContext ctx, IAntiforgery af, BoardOptions options, string? returnUrl) =>
            Html(BoardHtml.Login(Csrf(af, ctx), null, returnUrl, options.Token is not null)));
        app.MapPost("/login", async (HttpContext ctx, IAntiforgery af, BoardOptions options, ILogger<BoardServer> log) =>
        {
            if (await CsrfProblem(af, ctx) is { } bad) return bad;
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var who = form["who"].ToString().Trim();
            var returnUrl = form["returnUrl"].ToString();
            if (options.Token is null) return Results.Text("actions are off: " + BoardAuth.TokenVariable + " is not set", statusCode: 403);
            if (who.Length == 0 || !BoardAuth.Matches(options.Token, form["token"].ToString()))
            {
                log.LogWarning("board: a login as {Who} was refused (wrong token)", who);
                ctx.Response.StatusCode = 401;
                return Html(BoardHtml.Login(Csrf(af, ctx), "wrong token, or no name given", returnUrl, true));
            }
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, who[..Math.Min(who.Length, 60)])], BoardAuth.Scheme);
            await ctx.SignInAsync(BoardAuth.Scheme, new ClaimsPrincipal(identity));
            log.LogInformation("board: {Who} logged in", who);
            return Results.Redirect(returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/", false, false);
        });
        app.MapPost("/logout", async (HttpContext ctx, IAntiforgery af) =>
        {
            if (await CsrfProblem(af, ctx) is { } bad) return bad;
            await ctx.SignOutAsync(BoardAuth.Scheme);
            return Results.Redirect("/");
        });

        app.MapPost("/tenants/{tenant}/run/{job}", (HttpContext ctx, string tenant, string job) =>
            job is "pull" or "export"
                ? Act(ctx, tenant, $"run {job} now", (d, who, ct) => d.RunNowAsync(tenant, job == "pull" ? BoardJob.Pull : BoardJob.Export, who, ct))
                : Task.FromResult(Results.NotFound($"no job {job}: pull or export")));
        app.MapPost("/tenants/{tenant}/pause", (HttpContext ctx, string tenant) => Act(ctx, tenant, "pause", (d, who, ct) => d.SetPausedAsync(tenant, true, who, ct)));
        app.MapPost("/tenants/{tenant}/resume", (HttpContext ctx, string tenant) => Act(ctx, tenant, "resume", (d, who, ct) => d.SetPausedAsync(tenant, false, who, ct)));
    }

    private static async Task<IResult> Act(HttpContext ctx, string tenant, string what, Func<IBoardDaemon, string, CancellationToken, Task> action)
    {
        var services = ctx.RequestServices;
        if (Who(ctx) is not { } who) return Results.Text("refused: log in first (/login) to act on the board", statusCode: 401);
        if (await CsrfProblem(services.GetRequiredService<IAntiforgery>(), ctx) is { } bad) return bad;
        var daemon = services.GetRequiredService<IBoardDaemon>();
        if (daemon.Tenants.All(t => t.Name != tenant)) return Results.NotFound($"no tenant {tenant}");
        var time = services.GetRequiredService<TimeProvider>();
        var log = services.GetRequiredService<ILogger<BoardServer>>();
        try
        {
            var store = await daemon.StoreAsync(tenant, ctx.RequestAborted);
            await action(daemon, who, ctx.RequestAborted);
            await BoardActionLog.AppendAsync(store, new BoardAction(time.GetUtcNow().UtcDateTime, who, what), ctx.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("board: {Who} asked {What} for {Tenant}: failed: {Reason}", who, what, tenant, e.Message);
            return Results.Text($"{what} for {tenant} failed: {e.Message}", statusCode: 500);
        }
        log.LogInformation("board: {Who} asked {What} for {Tenant}", who, what, tenant);
        return Results.Redirect($"/tenants/{Uri.EscapeDataString(tenant)}?notice={Uri.EscapeDataString($"{what}: asked by {who}")}");
    }

    private static string? Who(HttpContext ctx) => ctx.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;

    private static string? Filter(string? f) => f is "failing" or "late" ? f : null;

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static string Csrf(IAntiforgery af, HttpContext ctx)
    {
        var tokens = af.GetAndStoreTokens(ctx);
        return $"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(tokens.RequestToken ?? "")}\">";
    }

    private static async Task<IResult?> CsrfProblem(IAntiforgery af, HttpContext ctx)
    {
        try { await af.ValidateRequestAsync(ctx); return null; }
        catch (AntiforgeryValidationException) { return Results.Text("refused: the form's antiforgery token is missing or wrong (reload the page)", statusCode: 400); }
    }
}
