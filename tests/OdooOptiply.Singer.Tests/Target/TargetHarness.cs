// An emulated Odoo on loopback and a temp folder (an Odoo-only TestWorld World), the real Odoo client over XML-RPC (as
// target-odoo-v3 talks), a temp SQLite state file and a SingerTarget: what every in-process target test starts from. Feeds message files (Target/Messages)
// or text, and returns the STATE lines the target printed.
using System.Text;
using System.Text.Json.Nodes;
using OdooOptiply.Emulators.Odoo;
using OdooOptiply.Odoo;
using OdooOptiply.Singer.Target;
using OdooOptiply.Sync.OdooWrites;
using OdooOptiply.Sync.State;
using OdooOptiply.TestWorld;

namespace OdooOptiply.Singer.Tests.Target;

internal sealed class TargetHarness : IAsyncDisposable
{
    private World _world = null!;

    public OdooEmulator Odoo => _world.Odoo;
    public OdooClient Client { get; private set; } = null!;
    public SqliteStateStore Store { get; private set; } = null!;
    public string StatePath => _world.StatePath;

    /// <param name="handler">a fake at the network boundary (e.g. one that loses an answer), else plain HTTP</param>
    public static async Task<TargetHarness> StartAsync(int version = 18, OdooProtocol protocol = OdooProtocol.XmlRpc, HttpMessageHandler? handler = null)
    {
        var h = new TargetHarness();
        h._world = await World.StartAsync(new WorldOptions { Version = version, WithOptiply = false, Tenant = "singer-target", FolderPrefix = "singer-target-" });
        h.Client = new OdooClient(new OdooOptions
        {
            Url = h.Odoo.Url, Database = h.Odoo.Database, Username = h.Odoo.Username, Password = protocol == OdooProtocol.Json2 ? null : h.Odoo.Password,
            ApiKey = protocol == OdooProtocol.Json2 ? h.Odoo.ApiKey : null, Protocol = protocol, Lang = "en_US", MaxRetries = 1, BackoffBase = TimeSpan.Zero,
        }, handler: handler);
        h.Store = await SqliteStateStore.OpenAsync(h.StatePath, "singer-target");
        return h;
    }

    public static string MessagesFile(string name) => Path.Combine(AppContext.BaseDirectory, "Target", "Messages", name);

    /// <summary>Runs the target over a message file; returns the target and the STATE values it emitted.</summary>
    public Task<Run> RunFileAsync(string name, IReadOnlyDictionary<string, bool>? flags = null, TargetOptions? options = null) =>
        RunTextAsync(File.ReadAllText(MessagesFile(name)), flags, options);

    public async Task<Run> RunTextAsync(string messages, IReadOnlyDictionary<string, bool>? flags = null, TargetOptions? options = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var output = new StringWriter();
        var target = new SingerTarget(new OdooWriteContext(Client, null, flags, settings), Store, output, options ?? new TargetOptions());
        Exception? error = null;
        try { await target.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(messages)), null, CancellationToken.None); }
        catch (TargetInputException e) { error = e; }
        var states = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.All(states, s => Assert.Equal("STATE", (string?)s["type"]));
        return new Run(target, states.Select(s => s["value"]!.AsObject()).ToList(), error as TargetInputException);
    }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Search(string model, string domain) => Odoo.Data.Search(model, domain);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Client.DisposeAsync();
        await _world.DisposeAsync();
    }

    internal sealed record Run(SingerTarget Target, IReadOnlyList<JsonObject> States, TargetInputException? Error)
    {
        public JsonObject Summary(string stream) => States[^1]["summary"]![stream]!.AsObject();
        public (long Success, long Fail, long Existing, long Updated) Counts(string stream) => Target.Summary.Of(stream);
    }
}
