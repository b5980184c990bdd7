// The client for Optiply's public API (reference optiply-api.md): one connection (auth, rate limit,
// retries, trace) shared by one OptiplyResource per resource type. Knows nothing of Odoo or syncing.
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OdooOptiply.Optiply;

public sealed class OptiplyClient : IAsyncDisposable
{
    /// <summary>The resource types of the public API this client knows (others can still be reached with Resource).</summary>
    public static readonly IReadOnlyList<string> ResourceTypes =
    [
        "products", "suppliers", "supplierProducts", "productCompositions", "sellOrders", "sellOrderLines",
        "buyOrders", "buyOrderLines", "receiptLines", "accounts",
    ];

    private readonly OptiplyDoor _connection;
    private readonly ILogger _log;
    private readonly Dictionary<string, OptiplyResource> _resources = new(StringComparer.Ordinal);

    public OptiplyClient(OptiplyOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException("Optiply options: " + string.Join("; ", problems), nameof(options));
        Options = options;
        _log = (loggers ?? NullLoggerFactory.Instance).CreateLogger("OdooOptiply.Optiply");
        _connection = new OptiplyDoor(options, _log, time ?? TimeProvider.System, handler);
    }

    public OptiplyOptions Options { get; }

    /// <summary>The request header that names the run a request belongs to (for Optiply's logs and the emulator's traffic).</summary>
    public const string RunHeader = "X-Odoo-Optiply-Run";

    /// <summary>Sent as <see cref="RunHeader"/> on every request while set (token requests included): the daemon sets it for each
    /// run (tenant/job/lease epoch) and clears it after. Null: no header.</summary>
    public string? RunLabel { get => _connection.RunLabel; set => _connection.RunLabel = value; }

    /// <summary>Asked right before every request while set: false stops the request with a Fatal failure (the daemon's lease gate).</summary>
    public Func<bool>? RequestGate { get => _connection.RequestGate; set => _connection.RequestGate = value; }

    public OptiplyResource Products => Resource("products");
    public OptiplyResource Suppliers => Resource("suppliers");
    public OptiplyResource SupplierProducts => Resource("supplierProducts");
    public OptiplyResource ProductCompositions => Resource("productCompositions");
    public OptiplyResource SellOrders => Resource("sellOrders");
    public OptiplyResource SellOrderLines => Resource("sellOrderLines");
    public OptiplyResource BuyOrders => Resource("buyOrders");
    public OptiplyResource BuyOrderLines => Resource("buyOrderLines");
    public OptiplyResource ReceiptLines => Resource("receiptLines");
    public OptiplyResource Accounts => Resource("accounts");

    /// <summary>The resource of that JSON:API type (camelCase collection name, e.g. "buyOrderLines").</summary>
    /// <summary>Fetches a token (one request at most): proves the credentials at the start of a run. Throws OptiplyException (Authentication).</summary>
    public Task ConnectAsync(CancellationToken ct = default) => _connection.Tokens.GetAsync(ct);

    public OptiplyResource Resource(string type)
    {
        if (string.IsNullOrWhiteSpace(type) || type.Contains('/')) throw new ArgumentException($"'{type}' is not an Optiply resource type", nameof(type));
        lock (_resources)
        {
            if (!_resources.TryGetValue(type, out var r)) _resources[type] = r = new OptiplyResource(type, _connection, Options, _log);
            return r;
        }
    }

    /// <summary>HTTP requests sent so far (token requests and retries included).</summary>
    public long RequestCount => _connection.RequestCount;

    /// <summary>Access tokens fetched so far.</summary>
    public int TokensFetched => _connection.Tokens.TokensFetched;

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }
}
