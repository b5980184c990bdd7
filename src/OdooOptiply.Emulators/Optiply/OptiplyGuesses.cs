// Every behaviour of the Optiply emulator that the reference (optiply-api.md) marks [infer] or [guess],
// or leaves open, lives here — one named place to change when the real service disagrees.
// Documented behaviour ([doc]/[code]/[vault]) is implemented where it belongs and not repeated here.
namespace OdooOptiply.Emulators.Optiply;

public static class OptiplyGuesses
{
    // ---- Paging (§4): the limits are [doc]; the 400 texts are Crnk's OffsetLimitPagingBehavior [infer].
    public const int DefaultPageLimit = 50;
    public const int MaxPageLimit = 100;
    public static string LimitTooLarge(long limit) => $"limit value {limit} is larger than the maximum allowed of {MaxPageLimit}";
    public static string OffsetNotMultiple(long offset, long limit) => $"offset {offset} is not a multiple of limit {limit}";

    /// <summary>Order of a list when no sort is given: not documented (§4) — by id ascending.</summary>
    public const string DefaultSort = "id";

    /// <summary>LIKE: Crnk's reference matcher, case-insensitive "contains", with % as a wildcard (§4, [infer]).</summary>
    public static readonly bool LikeIsCaseInsensitiveContains = true;

    // ---- Errors (§6): Crnk's body shape {"errors":[{status,title,detail,...}]} [infer].
    /// <summary>Bean-validation failures (value rules) answer 422 with meta.type ConstraintViolation; 400 vs 422 unknown.</summary>
    public const int ValueRuleStatus = 422;
    /// <summary>The phrase target-v2 and the ETL match on for a rejected supplier email ([code]); the status 400 is [code] too.</summary>
    public const string InvalidEmailPhrase = "is not a valid address";
    /// <summary>A foreign key naming no record: 404 is [code] for receiptLines.buyOrderLineId, guessed for all others.</summary>
    public const int UnknownReferenceStatus = 404;
    /// <summary>An attribute the resource does not have: Jackson's FAIL_ON_UNKNOWN_PROPERTIES (400). Strict on purpose: it catches client typos.</summary>
    public static readonly bool RejectUnknownAttributes = true;
    /// <summary>Read-only attributes (id, uuid, createdAt, …) sent on a write are silently ignored.</summary>
    public static readonly bool IgnoreReadOnlyAttributes = true;
    /// <summary>Writes to accounts (GET only per §7.11) answer 405.</summary>
    public const int NotWritableStatus = 405;

    /// <summary>A write whose ?accountId= names an account the user does not have: Spring's "Access is denied".</summary>
    public const int ForeignAccountStatus = 403;
    /// <summary>orderLines sent on a PATCH of an order (only documented on POST): refused with 400.</summary>
    public static readonly bool OrderLinesOnlyOnCreate = true;

    // ---- Headers (§3.2): what happens without Content-Type is not documented (§11.23). Strict here so
    // tests prove the client always sends it; turn off with OptiplyEmulatorOptions.RequireContentType.
    public const int MissingContentTypeStatus = 415;

    // ---- Authentication (§2): lifetime not documented; Spring-style error bodies [infer].
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    public const string TokenType = "bearer";
    public const string Scope = "read write delete";
    public const string BadClientDescription = "UserDetailsService returned null, which is an interface contract violation";
    public const string BadUserDescription = "Bad credentials";
    public const string MissingTokenDescription = "Full authentication is required to access this resource";
    /// <summary>Spring echoes the token back: "Invalid access token: &lt;token&gt;". Kept, so client redaction is tested.</summary>
    public static string InvalidTokenDescription(string token) => $"Invalid access token: {token}";
    public static string ExpiredTokenDescription(string token) => $"Access token expired: {token}";

    // ---- Wire formats (§3.4).
    /// <summary>Response timestamps: not shown in any source. UTC with Z and milliseconds.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    /// <summary>Decimals are emitted as JSON strings (the tap types them as strings), with at least two decimals.</summary>
    public static readonly bool DecimalsAsStrings = true;
    public const string DecimalFormat = "0.00####";
    /// <summary>Decimals are rounded to this many places when stored (DB columns of 2 dp assumed).</summary>
    public const int DecimalPlaces = 2;
    /// <summary>Java Long attributes (stockLevel, quantities) reject a fractional number such as 12.5 or 12.0 (target-v2's fix).</summary>
    public static readonly bool IntegersRejectFractionTokens = true;
    /// <summary>Status enums are accepted in any case and emitted lower-case (§11.7).</summary>
    public static readonly bool StatusEmittedLowerCase = true;
    /// <summary>NaN or empty-string ids answer 500 ([code] observed).</summary>
    public const int BadIdValueStatus = 500;

    // ---- remoteId (§5.5): [guess] stored in remoteIdMap under the couplingId (as a string key); not echoed.
    /// <summary>When a write carries no couplingId, the remote id is stored under the emulator's own coupling id.</summary>
    public static readonly bool RemoteIdWithoutCouplingUsesDefaultCoupling = true;

    // ---- Resources (§7).
    /// <summary>Whether the POST answer of an order echoes the created lines (§11.11): not echoed.</summary>
    public static readonly bool EchoEmbeddedOrderLines = false;
    /// <summary>buyOrders.assembly when omitted.</summary>
    public static readonly bool AssemblyDefault = false;
    /// <summary>expectedDeliveryDate when the supplier has no deliveryTime: the order's placed date.</summary>
    public static readonly bool ExpectedDeliveryDefaultsToPlaced = true;
    /// <summary>Setting preferred=true on a supplierProduct clears it on the product's other supplierProducts ("one preferred per product").</summary>
    public static readonly bool OnePreferredPerProduct = true;
    /// <summary>Cascades beyond the documented buyOrder → buyOrderLines → receiptLines.</summary>
    public static readonly bool CascadeSellOrderLines = true;
    public static readonly bool CascadeProductChildren = true;   // supplierProducts and productCompositions of a deleted product
    public static readonly bool CascadeSupplierProducts = true;  // supplierProducts of a deleted supplier
    /// <summary>unlimitedStock when omitted on a product POST (one target treats it as required; the ETL sends false).</summary>
    public static readonly bool UnlimitedStockDefault = false;
}
