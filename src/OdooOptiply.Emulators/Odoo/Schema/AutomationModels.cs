// The fields of ir.model, base.automation and ir.actions.server as far as webhook rules need them, by hand
// from the Odoo 17/18 source (no capture holds them): 17 added the "webhook" server action (state 'webhook',
// webhook_url, webhook_field_ids) and base.automation's action_server_ids; 16 has neither, so a client asking
// 16 for a webhook gets the invalid-field / wrong-selection fault a real 16 gives. See docs/sync.md "Push from Odoo".
namespace OdooOptiply.Emulators.Odoo.Schema;

internal static class AutomationModels
{
    private static FieldDef C(string n, string s, string t = "char") => new(n, t, s);
    private static FieldDef M(string n, string rel, string s, bool required = false) => new(n, "many2one", s, rel, Required: required);
    private static IReadOnlyList<IReadOnlyList<string>> Sel(params string[] pairs) =>
        pairs.Chunk(2).Select(p => (IReadOnlyList<string>)p).ToList();

    public static IReadOnlyDictionary<string, FieldDef[]> All(int version)
    {
        var webhook = version >= 17;
        var states = webhook
            ? Sel("object_write", "Update Record", "object_create", "Create Record", "code", "Execute Code", "webhook", "Send Webhook Notification", "multi", "Execute Existing Actions")
            : Sel("code", "Execute Python Code", "object_create", "Create a new Record", "object_write", "Update the Record", "multi", "Execute several actions");
        var triggers = Sel("on_create", "On Creation", "on_write", "On Update", "on_create_or_write", "On Creation & Update",
            "on_unlink", "On Deletion", "on_change", "Based on Form Modification", "on_time", "Based on Timed Condition");
        FieldDef[] action =
        [
            C("name", "Action Name"), M("model_id", "ir.model", "Model", required: true), C("model_name", "Model Name") with { Readonly = true },
            new("state", "selection", "Type", Required: true, Selection: states), C("usage", "Usage", "selection"),
            .. webhook
                ? new[]
                {
                    C("webhook_url", "Webhook URL"), new FieldDef("webhook_field_ids", "many2many", "Webhook Fields", "ir.model.fields"),
                    M("base_automation_id", "base.automation", "Automation Rule"),
                }
                : [],
        ];
        FieldDef[] rule =
        [
            C("name", "Automation Rule Name"), M("model_id", "ir.model", "Model", required: true), C("model_name", "Model Name") with { Readonly = true },
            new("trigger", "selection", "Trigger", Required: true, Selection: triggers), new("active", "boolean", "Active"),
            C("filter_domain", "Apply on", "char"),
            webhook ? new FieldDef("action_server_ids", "one2many", "Actions To Do", "ir.actions.server") : M("action_server_id", "ir.actions.server", "Server Actions", required: true),
        ];
        return new Dictionary<string, FieldDef[]>
        {
            ["ir.model"] = [C("name", "Model Description"), C("model", "Model")],
            ["ir.model.fields"] = [C("name", "Field Name"), M("model_id", "ir.model", "Model"), C("model", "Model Name")],
            ["ir.actions.server"] = action,
            ["base.automation"] = rule,
        };
    }
}
