// A server-side error as Odoo raises it. The Python exception class decides everything the client
// sees: the XML-RPC faultCode, the JSON-RPC data.name, the JSON-2 HTTP status, and whether the
// text is the bare message (Odoo's own exceptions) or a full traceback (everything else).
namespace OdooOptiply.Emulators.Odoo;

public enum OdooErrorKind
{
    UserError, ValidationError, MissingError, AccessDenied, AccessError,
    ValueError, TypeError, AttributeError, KeyError, OverflowError,
}

/// <summary>Where in the server the error happened; picks the innermost traceback frames.</summary>
public enum OdooErrorSite { Generic, FieldsToFetch, DomainLeaf, CallKw, Authenticate }

public sealed class OdooFault(OdooErrorKind kind, string message, OdooErrorSite site = OdooErrorSite.Generic, string? causeKey = null)
    : Exception(message)
{
    public OdooErrorKind Kind { get; } = kind;
    public OdooErrorSite Site { get; } = site;
    /// <summary>A KeyError that caused this one (Odoo 19 chains "KeyError: 'x'" before ValueError).</summary>
    public string? CauseKey { get; } = causeKey;

    /// <summary>faultCode on /xmlrpc/2: 2 user errors, 3 access denied, 4 access error, 1 anything else.</summary>
    public int XmlRpcCode => Kind switch
    {
        OdooErrorKind.UserError or OdooErrorKind.ValidationError or OdooErrorKind.MissingError => 2,
        OdooErrorKind.AccessDenied => 3,
        OdooErrorKind.AccessError => 4,
        _ => 1,
    };

    /// <summary>Odoo's own exceptions travel as their message; Python built-ins as a traceback.</summary>
    public bool IsOdooException => XmlRpcCode != 1;

    public string PythonName => Kind switch
    {
        OdooErrorKind.UserError or OdooErrorKind.ValidationError or OdooErrorKind.MissingError
            or OdooErrorKind.AccessDenied or OdooErrorKind.AccessError => "odoo.exceptions." + Kind,
        _ => "builtins." + Kind,
    };

    /// <summary>The HTTP status JSON-2 answers with (Json2Dispatcher in Odoo 19).</summary>
    public int Json2Status => Kind switch
    {
        OdooErrorKind.UserError or OdooErrorKind.ValidationError or OdooErrorKind.TypeError => 422,
        OdooErrorKind.MissingError => 404,
        OdooErrorKind.AccessDenied or OdooErrorKind.AccessError => 403,
        _ => 500,
    };

    public static OdooFault UserError(string m) => new(OdooErrorKind.UserError, m);
    public static OdooFault Validation(string m) => new(OdooErrorKind.ValidationError, m);
    public static OdooFault AccessDenied() => new(OdooErrorKind.AccessDenied, "Access Denied", OdooErrorSite.Authenticate);
    public static OdooFault AccessError(string m) => new(OdooErrorKind.AccessError, m);
    public static OdooFault Missing(string m) => new(OdooErrorKind.MissingError, m);
    public static OdooFault TypeError(string m) => new(OdooErrorKind.TypeError, m, OdooErrorSite.CallKw);
    public static OdooFault ValueError(string m) => new(OdooErrorKind.ValueError, m);
}
