// Turns a tenant's connection sections into the clients' own option records.
using OdooOptiply.Odoo;
using OdooOptiply.Optiply;

namespace OdooOptiply.Sync.Config;

public static class ConnectionOptions
{
    public static OdooOptions ToOdooOptions(this TenantConfig c, string? tracePath = null) => new()
    {
        Url = c.Odoo.Url,
        Database = c.Odoo.Database,
        Username = c.Odoo.Username,
        Password = c.Odoo.Password,
        ApiKey = c.Odoo.ApiKey,
        Protocol = c.Odoo.Protocol switch
        {
            "xmlrpc" => OdooProtocol.XmlRpc,
            "jsonrpc" => OdooProtocol.JsonRpc,
            "json2" => OdooProtocol.Json2,
            _ => OdooProtocol.Auto,
        },
        PageSize = c.Odoo.PageSize ?? OdooDefaults.PageSize,
        Lang = c.Flags.Language,
        TracePath = tracePath,
        InsecureSkipTlsVerify = c.Odoo.InsecureSkipTlsVerify,
        MaxTotalWait = c.Odoo.MaxTotalWaitSeconds is int s ? TimeSpan.FromSeconds(s) : OdooDefaults.MaxTotalWait,
        MaxResponseBytes = c.Odoo.MaxResponseMb is int mb ? mb * 1024L * 1024 : OdooDefaults.MaxResponseBytes,
    };

    public static OptiplyOptions ToOptiplyOptions(this TenantConfig c, string? tracePath = null) => new()
    {
        BaseUrl = c.Optiply.BaseUrl,
        TokenUrl = c.Optiply.TokenUrl,
        ClientId = c.Optiply.ClientId,
        ClientSecret = c.Optiply.ClientSecret,
        Username = c.Optiply.Username,
        Password = c.Optiply.Password,
        AccountId = c.Optiply.AccountId,
        CouplingId = c.Optiply.CouplingId,
        RequestsPerSecond = c.Optiply.RequestsPerSecond,
        TracePath = tracePath,
        InsecureSkipTlsVerify = c.Optiply.InsecureSkipTlsVerify,
        MaxResponseBytes = c.Optiply.MaxResponseMb is int mb ? mb * 1024L * 1024 : OptiplyConstants.DefaultMaxResponseBytes,
    };
}
