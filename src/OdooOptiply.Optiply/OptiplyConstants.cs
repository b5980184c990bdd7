// The Optiply client's defaults and every assumption it makes about the service, with the evidence
// label of the reference (optiply-api.md). Where the reference says [infer] or [guess], the constant
// says so: this is the one place to change when the real service disagrees.
namespace OdooOptiply.Optiply;

public static class OptiplyConstants
{
    /// <summary>[code: all clients] production API base; it ends in "/" so a relative URI resolves under /v1/, not beside it.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.optiply.com/v1/");
    /// <summary>[code: all clients] production token endpoint (dashboard.optiply.nl, not .com).</summary>
    public static readonly Uri DefaultTokenUrl = new("https://dashboard.optiply.nl/api/auth/oauth/token");
    /// <summary>[doc] must be sent on every request, GET included.</summary>
    public const string JsonApiMediaType = "application/vnd.api+json";

    /// <summary>[doc] page[limit] maximum (default 50).</summary>
    public const int MaxPageLimit = 100;
    /// <summary>[code: tap-optiply] after a 504 on a large page, retry the page with half the limit, down to this.</summary>
    public const int MinPageLimitAfterGatewayTimeout = 25;

    /// <summary>[code: targets] the token is renewed this long before expires_in runs out (capped at half the lifetime).</summary>
    public static readonly TimeSpan TokenRefreshMargin = TimeSpan.FromMinutes(2);
    /// <summary>[code] clients use 60 s timeouts; large sellOrderLines pages can be slow.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    /// <summary>[code: Retool demo, PHP, tap] no documented number; staff keep to roughly this.</summary>
    public const double DefaultRequestsPerSecond = 5;
    public const int DefaultMaxRetries = 5;
    /// <summary>[guess] a page of 100 records is tens of KiB; 256 MiB is far above any real answer and far below what
    /// would exhaust the process.</summary>
    public const long DefaultMaxResponseBytes = 256L * 1024 * 1024;
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromSeconds(60);
    /// <summary>[guess] the rate limiter keeps each permit this much longer than a second, so that network (or, on
    /// loopback, scheduling) jitter of up to this much cannot bunch requests together on the server beyond N per
    /// second. Measured here: 5–40 ms of arrival jitter on a loaded machine. Costs about 9% of burst throughput.</summary>
    public static readonly TimeSpan RateLimitSlack = TimeSpan.FromMilliseconds(100);

    /// <summary>[code] statuses retried with back-off (429 also for POST: a rejected request was not processed).</summary>
    public static readonly IReadOnlySet<int> TransientStatuses = new HashSet<int> { 429, 502, 503, 504 };

    /// <summary>[code: tap] lists of these resources are filtered with filter[accountId] when an AccountId is configured
    /// ([guess]: the resources whose attribute tables list accountId).</summary>
    public static readonly IReadOnlySet<string> AccountScopedResources = new HashSet<string> { "products", "suppliers", "sellOrders", "buyOrders" };

    /// <summary>[vault] unique pairs answered 409 on a duplicate create; [code: ETL, target-v2] recovered by looking the pair up.</summary>
    public static readonly IReadOnlyDictionary<string, (string A, string B)> UniquePairs = new Dictionary<string, (string, string)>
    {
        ["supplierProducts"] = ("productId", "supplierId"),
        ["productCompositions"] = ("composedProductId", "partProductId"),
    };

    /// <summary>[code: ETL, target-v2] the text of the 400 for a supplier email Optiply rejects; the create is retried without emails.</summary>
    public const string InvalidEmailPhrase = "is not a valid address";

    /// <summary>[code: target-v2 commits] Java Long attributes: sent as JSON integers, never 12.0.</summary>
    public static readonly IReadOnlySet<string> IntegerAttributes = new HashSet<string>
    {
        "stockLevel", "quantity", "partQuantity", "batchQuantity", "minimumPurchaseQuantity", "lotSize", "deliveryTime",
        "userReplenishmentPeriod", "freeStock", "lostSalesReaction", "lostSalesMovReaction", "backorderThreshold",
        "backordersReaction", "maxLoadCapacity", "containerVolume", "economicOrderQuantity",
        "productId", "supplierId", "buyOrderId", "sellOrderId", "buyOrderLineId", "composedProductId", "partProductId",
        "accountId", "promotionId",
    };

    /// <summary>[code] full date-time attributes; sent as UTC yyyy-MM-ddTHH:mm:ssZ (§10). A string without an offset is read as UTC.</summary>
    public static readonly IReadOnlySet<string> TimestampAttributes = new HashSet<string>
    {
        "placed", "completed", "expectedDeliveryDate", "availabilityDate", "occurred", "createdAtRemote",
        "remoteDataSyncedToDate", "resumingPurchase", "startDate", "endDate",
    };
    public const string WriteTimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    /// <summary>Filter values keep milliseconds, so an updatedAt cursor does not skip rows within the same second.</summary>
    public const string FilterTimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
}
