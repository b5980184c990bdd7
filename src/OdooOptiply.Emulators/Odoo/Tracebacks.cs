// Python-traceback text for faults, shaped like the captured ones (reference/odoo/*/xmlrpc-samples):
// the transport's entry frames, the ORM frames of the failing step, then "ExceptionClass: message".
// Frame lists are abridged; the header, the chaining text and the last line are exact.
using System.Text;

namespace OdooOptiply.Emulators.Odoo;

public enum OdooTransport { XmlRpc, JsonRpc, Json2 }

internal static class Tracebacks
{
    private const string Root = "/usr/lib/python3/odoo";

    public static string Build(OdooFault f, int version, OdooTransport transport)
    {
        var sb = new StringBuilder();
        if (f.Kind == OdooErrorKind.AccessDenied && version >= 19 && transport == OdooTransport.JsonRpc)
            return LastLine(f, version) + "\n"; // 19 sends only the last line here (captured)
        if (f.CauseKey is not null && version >= 19)
        {
            sb.Append("Traceback (most recent call last):\n");
            Frame(sb, version >= 19 ? "odoo/orm/models.py" : "odoo/models.py", 3851, "_determine_fields_to_fetch", "field = self._fields[field_name]");
            sb.Append("KeyError: ").Append(Wire.PyFormat.Repr(f.CauseKey)).Append("\n\n");
            sb.Append("The above exception was the direct cause of the following exception:\n\n");
        }
        sb.Append("Traceback (most recent call last):\n");
        EntryFrames(sb, version, transport);
        SiteFrames(sb, f, version);
        return sb.Append(LastLine(f, version)).Append('\n').ToString();
    }

    public static string LastLine(OdooFault f, int version) => f.Kind switch
    {
        OdooErrorKind.AccessDenied or OdooErrorKind.AccessError or OdooErrorKind.UserError
            or OdooErrorKind.ValidationError or OdooErrorKind.MissingError => $"{f.PythonName}: {f.Message}",
        _ => $"{f.Kind}: {f.Message}",
    };

    private static void EntryFrames(StringBuilder sb, int v, OdooTransport t)
    {
        if (t != OdooTransport.XmlRpc)
        {
            if (v >= 19) Frame(sb, "odoo/http.py", 2273, "_serve_db", "return service_model.retrying(serve_func, env=self.env)");
            else Frame(sb, "odoo/http.py", 2123, "_transactioning", "return service_model.retrying(func, env=self.env)");
            Frame(sb, "odoo/service/model.py", v >= 19 ? 184 : 156, "retrying", "result = func()");
            Frame(sb, "odoo/http.py", v >= 19 ? 2328 : 2090, "_serve_ir_http", "response = self.dispatcher.dispatch(rule.endpoint, args)");
            Frame(sb, "odoo/addons/base/models/ir_http.py", v >= 19 ? 355 : 333, "_dispatch", "result = endpoint(**request.params)");
            Frame(sb, "odoo/http.py", v >= 19 ? 788 : 754, "route_wrapper", "result = endpoint(self, *args, **params_ok)");
        }
        if (t == OdooTransport.Json2)
        {
            Frame(sb, "addons/rpc/controllers/json2.py", 86, "web_json_2_rpc", "result = func(records, **kwargs)");
            return;
        }
        if (t == OdooTransport.XmlRpc)
        {
            var rpc = v >= 19 ? "addons/rpc/controllers/xmlrpc.py" : "odoo/addons/base/controllers/rpc.py";
            Frame(sb, rpc, v >= 19 ? 162 : 165, "xmlrpc_2", "response = self._xmlrpc(service)");
            Frame(sb, rpc, v >= 19 ? 134 : 139, "_xmlrpc", "result = dispatch_rpc(service, method, params)");
        }
        else
        {
            Frame(sb, v >= 19 ? "addons/rpc/controllers/jsonrpc.py" : "odoo/addons/base/controllers/rpc.py", v >= 19 ? 16 : 178, "jsonrpc", "return dispatch_rpc(service, method, args)");
        }
        Frame(sb, "odoo/http.py", v >= 19 ? 439 : 412, "dispatch_rpc", "return dispatch(method, params)");
        if (v >= 19)
        {
            Frame(sb, "odoo/service/model.py", 129, "dispatch", "res = execute_cr(cr, uid, model, method_, args, kw)");
            Frame(sb, "odoo/service/model.py", 146, "execute_cr", "result = retrying(partial(call_kw, recs, method, args, kw), env)");
            Frame(sb, "odoo/service/model.py", 184, "retrying", "result = func()");
            Frame(sb, "odoo/service/model.py", 93, "call_kw", "result = method(recs, *args, **kwargs)");
        }
        else
        {
            Frame(sb, "odoo/service/model.py", 58, "dispatch", "res = execute_kw(db, uid, *params[3:])");
            Frame(sb, "odoo/service/model.py", 81, "execute_kw", "return execute(db, uid, obj, method, *args, **kw or {})");
            Frame(sb, "odoo/service/model.py", 87, "execute", "res = execute_cr(cr, uid, obj, method, *args, **kw)");
            Frame(sb, "odoo/service/model.py", 72, "execute_cr", "result = retrying(partial(odoo.api.call_kw, recs, method, args, kw), env)");
            Frame(sb, "odoo/service/model.py", 156, "retrying", "result = func()");
            Frame(sb, "odoo/api.py", 535, "call_kw", "result = getattr(recs, name)(*args, **kwargs)");
        }
    }

    private static void SiteFrames(StringBuilder sb, OdooFault f, int v)
    {
        var models = v >= 19 ? "odoo/orm/models.py" : "odoo/models.py";
        switch (f.Site)
        {
            case OdooErrorSite.FieldsToFetch:
                Frame(sb, models, v >= 19 ? 1416 : 1779, "search_fetch", "fields_to_fetch = self._determine_fields_to_fetch(field_names)");
                Frame(sb, models, v >= 19 ? 3853 : 4171, "_determine_fields_to_fetch",
                    v >= 19 ? "raise ValueError(f\"Invalid field {field_name!r} on {self._name!r}\") from e"
                            : "raise ValueError(f\"Invalid field {field_name!r} on model {self._name!r}\")");
                break;
            case OdooErrorSite.DomainLeaf:
                if (v >= 19)
                {
                    Frame(sb, models, 5364, "_search", "domain = domain.optimize_full(self)");
                    Frame(sb, "odoo/orm/domains.py", 916, "__get_field", "self._raise(\"Invalid field %s.%s\", model._name, field_name)");
                    Frame(sb, "odoo/orm/domains.py", 901, "_raise", "raise error(message % (*args, self.field_expr, self.operator, self.value))");
                }
                else
                {
                    Frame(sb, models, 5796, "_search", "query = self._where_calc(domain)");
                    Frame(sb, "odoo/osv/expression.py", 374, "_anyfy_leaves", "raise ValueError(f\"Invalid field {model._name}.{path[0]} in leaf {item}\")");
                }
                break;
            case OdooErrorSite.CallKw when v < 19:
                Frame(sb, "odoo/api.py", 466, "call_kw", "method = getattr(type(model), name, None)");
                break;
        }
    }

    private static void Frame(StringBuilder sb, string file, int line, string func, string code) =>
        sb.Append("  File \"").Append(Root).Append('/').Append(file).Append("\", line ").Append(line)
          .Append(", in ").Append(func).Append("\n    ").Append(code).Append('\n');
}
