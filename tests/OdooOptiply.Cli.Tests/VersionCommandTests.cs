// Tests for the `version` command.
using OdooOptiply.Cli.Commands;

namespace OdooOptiply.Cli.Tests;

public class VersionCommandTests
{
    [Fact]
    public void ProgramVersion_IsSemanticVersion() =>
        Assert.Matches(@"^\d+\.\d+\.\d+", VersionCommand.ProgramVersion());
}
