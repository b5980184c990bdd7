// Where the PostgreSQL state lives: `state: "postgresql://user:password@host:port/database?…"` in a tenant
// file, or the ODOO_OPTIPLY_STATE environment variable (it wins, so one deployment points every tenant
// at one database). libpq's URL form, with `host=/socket/dir` and `port=` query parameters for unix
// sockets. Turned into an Npgsql connection string here; the password never appears in a message.
using System.Globalization;
using Npgsql;

namespace OdooOptiply.Sync.State.Postgres;

public static class PostgresStateUrl
{
    /// <summary>The environment variable that points every tenant's state at one PostgreSQL database.</summary>
    public const string Variable = "ODOO_OPTIPLY_STATE";

    /// <summary>How long PostgreSQL lets a session sit idle inside a transaction before ending it (every transaction of the
    /// store and of Quartz is a few statements sent back to back).</summary>
    public const int IdleInTransactionMs = 5000;

    public static bool IsPostgres(string? state) =>
        state is not null && (state.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || state.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Npgsql connection string for a postgresql:// URL; a one-line reason (no password) when it is not one.</summary>
    public static string ToConnectionString(string url)
    {
        if (!IsPostgres(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw new StateStoreException($"state: expected a postgresql://user:password@host:port/database URL, got \"{Redact(url)}\"");
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Length > 0 ? Uri.UnescapeDataString(uri.Host) : "localhost",
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')) is { Length: > 0 } db ? db : "postgres",
            ApplicationName = "odoo-optiply",
            MaxPoolSize = 20,
            // A worker frozen mid-transaction (SIGSTOP, a VM paused) must not hold its row locks — a tenant's lease row, Quartz's
            // trigger lock — past its lease: the server ends such a session after this long, and the others go on.
            Options = $"-c idle_in_transaction_session_timeout={IdleInTransactionMs}",
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            switch (key)
            {
                case "host": b.Host = value; break;
                case "port": b.Port = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "user": b.Username = value; break;
                case "password": b.Password = value; break;
                case "dbname": b.Database = value; break;
                case "sslmode": b.SslMode = Enum.Parse<SslMode>(value, ignoreCase: true); break;
                case "pool_size": b.MaxPoolSize = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new StateStoreException($"state: unknown parameter \"{key}\" in the PostgreSQL URL (known: host, port, user, password, dbname, sslmode, pool_size)");
            }
        }
        return b.ConnectionString;
    }

    /// <summary>The URL without its password, for messages.</summary>
    public static string Redact(string url) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(url, @"(//[^:/@]*:)[^@]*@", "$1***@"), @"(password=)[^&]*", "$1***");
}
