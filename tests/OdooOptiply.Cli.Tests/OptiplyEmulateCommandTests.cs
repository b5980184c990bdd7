// `emulate optiply`: starts on the given port, prints what a client needs, stops on cancellation,
// and refuses a bad --faults spec. (Named Optiply* to stay inside the optiply helper's files.)
using System.CommandLine;
using OdooOptiply.Cli.Commands;

namespace OdooOptiply.Cli.Tests;

public class OptiplyEmulateCommandTests
{
    [Fact]
    public async Task EmulateOptiply_RunsUntilCancelled_AndPrintsTheConnection()
    {
        var root = new RootCommand();
        root.Subcommands.Add(new Command("emulate") { EmulateOptiplyCommand.Create() });
        var output = new PrintedText();
        using var cts = new CancellationTokenSource();
        var run = root.Parse(["emulate", "optiply", "--port", "0", "--faults", "strict-rps=50"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() }, cts.Token);
        var text = await output.PrintedAsync(o => o.Contains("Ctrl-C"), "the emulator's connection lines", run);
        Assert.Contains("token_url     http://127.0.0.1:", text);
        var baseUrl = text.Split('\n').First(l => l.Contains("base_url")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        using var http = new HttpClient();
        Assert.Equal(401, (int)(await http.GetAsync(baseUrl + "/products")).StatusCode);
        cts.Cancel();
        Assert.Equal(0, await run);
    }

    [Fact]
    public async Task EmulateOptiply_BadFaultSpec_Exits2()
    {
        var root = new RootCommand();
        root.Subcommands.Add(new Command("emulate") { EmulateOptiplyCommand.Create() });
        var error = new StringWriter();
        var exit = await root.Parse(["emulate", "optiply", "--port", "0", "--faults", "teapot=1"]).InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        Assert.Equal(2, exit);
        Assert.Contains("unknown fault", error.ToString());
    }
}
