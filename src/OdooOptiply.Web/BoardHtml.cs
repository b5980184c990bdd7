// The board's HTML, rendered on the server (no front-end build): the home page (one row per tenant, one
// cell per flow of the mission's sync board), the tenant page, the login page. Every value is HTML-encoded;
// nothing here ever reads a secret (the config's connections are shown by URL, database and user only).
// A ten-line inline script replaces the live part of the page every few seconds (polling a fragment).
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using OdooOptiply.Sync;

namespace OdooOptiply.Web;

public static class BoardHtml
{
    private static string E(string? s) => HtmlEncoder.Default.Encode(s ?? "");
    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    private static string T(DateTime? t) => t is { } v ? v.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";
    private static string T(DateTimeOffset? t) => T(t?.UtcDateTime);
    private static string D(TimeSpan? d) => d is { } v ? v.TotalSeconds < 60 ? $"{v.TotalSeconds:0.0} s".Replace(',', '.') : $"{v.TotalMinutes:0.0} min".Replace(',', '.') : "—";

    private const string Style = """
        body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}
        th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}th{background:#f4f4f4}
        .s{font-weight:600;border-radius:3px;padding:0 .3em}.ok{background:#d9f2d9}.running{background:#d9e8ff}.late{background:#ffeab3}
        .failing{background:#ffd0d0}.paused{background:#e4e4e4}.waiting,.off{color:#777}.reason{color:#a00;font-size:12px;max-width:22em}
        .small{font-size:12px;color:#555}nav a{margin-right:1em}form.inline{display:inline}
        """;

    /// <summary>Polls <paramref name="fragmentUrl"/> and swaps the element #live for it; stops on a failed fetch until the next tick.</summary>
    private static string Poll(string fragmentUrl) => $$"""
        <script>
        setInterval(async () => {
          try { const r = await fetch('{{fragmentUrl}}', { headers: { 'X-Board-Poll': '1' } });
                if (r.ok) document.getElementById('live').innerHTML = await r.text(); } catch (e) { }
        }, 2000);
        </script>
        """;

    private static string Page(string title, string body, string? who, string? pollUrl) => $"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{E(title)}</title><style>{Style}</style></head><body>
        <nav><a href="/">sync board</a><a href="/?filter=failing">failing</a><a href="/?filter=late">late</a>
        {(who is null ? "<a href=\"/login\">log in</a>" : $"<span class=\"small\">signed in as {E(who)}</span>")}</nav>
        {body}{(pollUrl is null ? "" : Poll(pollUrl))}</body></html>
        """;

    public static string Board(IReadOnlyList<TenantRow> rows, string? filter, string? who, DateTime now) =>
        Page("odoo-optiply sync board", $"<h1>Sync board</h1><div id=\"live\">{BoardLive(rows, filter, now)}</div>", who,
            "/board/live" + (filter is null ? "" : "?filter=" + Uri.EscapeDataString(filter)));

    /// <summary>The live part of the home page: the table of tenants × flows.</summary>
    public static string BoardLive(IReadOnlyList<TenantRow> rows, string? filter, DateTime now)
    {
        var shown = rows.Where(r => filter switch
        {
            "failing" => r.State == FlowState.Failing,
            "late" => r.State == FlowState.Late,
            _ => true,
        }).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"small\">{shown.Count} of {rows.Count} tenants{(filter is null ? "" : $" ({E(filter)})")}; as of {T(now)} UTC</p>");
        sb.Append("<table id=\"board\"><thead><tr><th>tenant</th>");
        foreach (var f in BoardFlows.All) sb.Append(CultureInfo.InvariantCulture, $"<th>{E(f.Title)}<div class=\"small\">{E(f.Direction)}</div></th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var r in shown)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr data-tenant=\"{E(r.Tenant)}\" data-state=\"{BoardStatus.Word(r.State)}\"><td><a href=\"/tenants/{Uri.EscapeDataString(r.Tenant)}\">{E(r.Tenant)}</a><br>{Badge(r.State)}");
            if (r.PausedBy is not null) sb.Append(CultureInfo.InvariantCulture, $"<div class=\"small\">paused by {E(r.PausedBy)}</div>");
            if (r.Reason is not null) sb.Append(CultureInfo.InvariantCulture, $"<div class=\"reason\">{E(r.Reason)}</div>");
            sb.Append("</td>");
            foreach (var c in r.Cells) sb.Append(Cell(c));
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        return sb.ToString();
    }

    private static string Badge(FlowState s) => $"<span class=\"s {BoardStatus.Word(s)}\">{BoardStatus.Word(s)}</span>";

    private static string Cell(FlowCell c) =>
        $"<td data-flow=\"{E(c.Flow.Id)}\" data-state=\"{BoardStatus.Word(c.State)}\">{Badge(c.State)}"
        + $"<div class=\"small\">last {T(c.LastAt)} ({D(c.Duration)})</div>"
        + (c.LastAt is null ? "" : $"<div class=\"small\">read {N(c.Read)} · written {N(c.Written)} · rejected {N(c.Rejected)}</div>")
        + $"<div class=\"small\">next {T(c.Next)}</div>"
        + (c.Reason is null ? "" : $"<div class=\"reason\">{E(c.Reason)}</div>") + "</td>";

    public static string Tenant(TenantDetail d, string? who, string? csrfField, string? notice) =>
        Page($"{d.Row.Tenant} — odoo-optiply", $"<h1>Tenant {E(d.Row.Tenant)}</h1>"
            + (notice is null ? "" : $"<p class=\"small\" id=\"notice\">{E(notice)}</p>")
            + Actions(d, who, csrfField)
            + $"<div id=\"live\">{TenantLive(d)}</div>", who, $"/tenants/{Uri.EscapeDataString(d.Row.Tenant)}/live");

    private static string Actions(TenantDetail d, string? who, string? csrfField)
    {
        if (who is null || csrfField is null) return "<p class=\"small\">Log in to run a job now or pause this tenant: <a href=\"/login\">log in</a>.</p>";
        var t = Uri.EscapeDataString(d.Row.Tenant);
        string Button(string path, string label) => $"<form class=\"inline\" method=\"post\" action=\"/tenants/{t}/{path}\">{csrfField}<button type=\"submit\">{E(label)}</button></form> ";
        return "<div id=\"actions\">" + Button("run/pull", "Run pull now") + Button("run/export", "Run export now")
            + (d.Row.PausedBy is null ? Button("pause", "Pause") : Button("resume", "Resume")) + "</div>";
    }

    /// <summary>The live part of the tenant page.</summary>
    public static string TenantLive(TenantDetail d)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<p>status {Badge(d.Row.State)}{(d.Row.PausedBy is null ? "" : $" — paused by {E(d.Row.PausedBy)}")}</p>");
        if (d.Row.Problem is not null) sb.Append(CultureInfo.InvariantCulture, $"<p class=\"reason\">{E(d.Row.Problem)}</p>");
        sb.Append("<h2>Flows</h2><table id=\"flows\"><tr><th>flow</th><th>status</th><th>last run (UTC)</th><th>took</th><th>read</th><th>written</th><th>rejected</th><th>next run (UTC)</th><th>why</th></tr>");
        foreach (var c in d.Row.Cells)
            sb.Append(CultureInfo.InvariantCulture, $"<tr data-flow=\"{E(c.Flow.Id)}\" data-state=\"{BoardStatus.Word(c.State)}\"><td>{E(c.Flow.Title)}</td><td>{Badge(c.State)}</td><td>{T(c.LastAt)}</td><td>{D(c.Duration)}</td><td>{N(c.Read)}</td><td>{N(c.Written)}</td><td>{N(c.Rejected)}</td><td>{T(c.Next)}</td><td class=\"reason\">{E(c.Reason)}</td></tr>");
        sb.Append("</table>");

        sb.Append("<h2>Run history</h2><table id=\"runs\"><tr><th>run</th><th>started (UTC)</th><th>took</th><th>result</th><th>per stream: read / created / updated / deleted / unchanged / skipped / rejected, and errors</th></tr>");
        var entries = d.Runs.Select(r => (At: r.StartedAt, Run: (RunReport?)r, Action: (BoardAction?)null))
            .Concat(d.Actions.Select(a => (At: a.At, Run: (RunReport?)null, Action: (BoardAction?)a))).OrderByDescending(e => e.At).Take(80);
        foreach (var (at, run, action) in entries)
        {
            if (action is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"action\"><td>action</td><td>{T(at)}</td><td></td><td colspan=\"2\">{E(action.What)} — asked by <b>{E(action.Who)}</b></td></tr>");
                continue;
            }
            var r = run!;
            var result = r.Succeeded ? r.Rejected > 0 ? $"done, {N(r.Rejected)} rejected" : "done" : "failed";
            sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"run\" data-run=\"{r.Id}\" data-result=\"{(r.Succeeded ? "done" : "failed")}\"><td>{r.Id}{(r.DryRun ? " (dry run)" : "")}</td><td>{T(r.StartedAt)}</td><td>{D(r.Duration)}</td><td>{E(result)}</td><td><table>");
            foreach (var s in r.Streams)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s.Stream)}</td><td>{E(s.Status.ToString().ToLowerInvariant())}</td><td>{N(s.Read)} / {N(s.Created)} / {N(s.Updated)} / {N(s.Deleted)} / {N(s.Unchanged)} / {N(s.Skipped)} / {N(s.Failed)}</td><td class=\"reason\">");
                foreach (var err in s.Errors) sb.Append(CultureInfo.InvariantCulture, $"<div>{E(err)}</div>");
                foreach (var (why, n) in s.SkipReasons) sb.Append(CultureInfo.InvariantCulture, $"<div class=\"small\">skipped {N(n)}: {E(why)}</div>");
                sb.Append("</td></tr>");
            }
            sb.Append("</table></td></tr>");
        }
        sb.Append("</table>");

        sb.Append("<h2>Bookmarks and bindings</h2><table id=\"streams\"><tr><th>stream</th><th>bookmark (write_date, id)</th><th>bound records</th></tr>");
        foreach (var name in d.Bookmarks.Keys.Union(d.Bindings.Keys).Order(StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td>{(d.Bookmarks.TryGetValue(name, out var b) ? $"{T(b.WriteDate)}, {b.LastId}" : "—")}</td><td>{N(d.Bindings.GetValueOrDefault(name))}</td></tr>");
        sb.Append("</table>");
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"small\">last full reconciliation: {E(d.LastReconciliation ?? "never")} (every {d.Tenant.Config.Run.ReconcileHours} h)</p>");

        sb.Append("<h2>Last adoption report</h2>");
        if (d.Adoption.Count == 0) sb.Append("<p class=\"small\">no adoption in the recent runs</p>");
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"small\">run of {T(d.AdoptionAt)} UTC</p><ul id=\"adoption\">");
            foreach (var a in d.Adoption) sb.Append(CultureInfo.InvariantCulture, $"<li>{E(a.Describe())}</li>");
            sb.Append("</ul>");
        }

        sb.Append("<h2>Flags in force</h2><table id=\"flags\"><tr><th>flag</th><th>value</th></tr>");
        foreach (var (name, value) in BoardFlags.Of(d.Tenant.Config)) sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td>{E(value)}</td></tr>");
        sb.Append("</table>");
        return sb.ToString();
    }

    public static string Login(string csrfField, string? error, string? returnUrl, bool enabled) => Page("log in — odoo-optiply",
        "<h1>Log in</h1>" + (!enabled
            ? $"<p>Actions are off: start the daemon with the environment variable {BoardAuth.TokenVariable} set to a token to enable them.</p>"
            : (error is null ? "" : $"<p class=\"reason\" id=\"error\">{E(error)}</p>")
            + $"<form method=\"post\" action=\"/login\">{csrfField}<input type=\"hidden\" name=\"returnUrl\" value=\"{E(returnUrl)}\">"
            + "<p><label>your name <input name=\"who\" required></label></p><p><label>board token <input name=\"token\" type=\"password\" required autocomplete=\"current-password\"></label></p>"
            + "<p><button type=\"submit\">Log in</button></p></form>"), null, null);
}
