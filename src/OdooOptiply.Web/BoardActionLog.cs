// Every action taken on the board (run now, pause, resume), who asked and when, kept in the tenant's state
// store (key/value "board.actions", newest first, the last 200) so the tenant page shows it among the runs,
// whichever node serves the page.
using System.Text.Json;
using OdooOptiply.Sync.State;

namespace OdooOptiply.Web;

public sealed record BoardAction(DateTime At, string Who, string What);

public static class BoardActionLog
{
    public const string Key = "board.actions";
    private const int Keep = 200;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task AppendAsync(IStateStore store, BoardAction action, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var all = await ReadAsync(store, ct);
            await store.SetValueAsync(Key, JsonSerializer.Serialize(new[] { action }.Concat(all).Take(Keep).ToList()), ct);
        }
        finally { Gate.Release(); }
    }

    public static async Task<IReadOnlyList<BoardAction>> ReadAsync(IStateStore store, CancellationToken ct)
    {
        var json = await store.GetValueAsync(Key, ct);
        if (string.IsNullOrEmpty(json)) return [];
        try { return JsonSerializer.Deserialize<List<BoardAction>>(json) ?? []; }
        catch (JsonException) { return []; }
    }
}
