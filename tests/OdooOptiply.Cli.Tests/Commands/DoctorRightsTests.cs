// `doctor` checks the rights the buy order export needs: create and write on purchase.order and purchase.order.line,
// through has_access on Odoo 18+ and check_access_rights on 16–17. A user without them fails the check with the fix.
using OdooOptiply.Cli.Commands;
using Spectre.Console.Testing;

namespace OdooOptiply.Cli.Tests.Commands;

public class DoctorRightsTests
{
    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    public async Task Doctor_UserWithExportRights_SaysSo(int version)
    {
        await using var t = await TenantFiles.StartAsync(version);
        var console = new TestConsole().Width(220);
        Assert.Equal(0, await DoctorCommand.RunAsync(t.ConfigPath, console, _ => null, CancellationToken.None));
        Assert.Contains("create and write on purchase.order and purchase.order.line", console.Output);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    public async Task Doctor_UserWhoCannotCreatePurchaseOrderLines_FailsWithTheFix(int version)
    {
        await using var t = await TenantFiles.StartAsync(version);
        t.Odoo.Data.DenyRight("purchase.order.line", "create");
        t.Odoo.Data.DenyRight("purchase.order", "write");
        var console = new TestConsole().Width(260);
        Assert.Equal(1, await DoctorCommand.RunAsync(t.ConfigPath, console, _ => null, CancellationToken.None));
        var output = System.Text.RegularExpressions.Regex.Replace(console.Output, @"\s+", " ");
        Assert.Contains("lacks write on purchase.order, create on purchase.order.line", output);
        Assert.Contains("Purchase / User", output);
    }
}
