// The web suites run one after another: every daemon in this process records into the same named Meter,
// so two at once would count each other's runs on /metrics.
namespace OdooOptiply.Web.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BoardCollection
{
    public const string Name = "board";
}
