// The board's judgement of a flow from its run history (pure): ok within an interval and a half of the last
// success, late after one missed interval (by age or one failed run), failing after two; off, waiting,
// running. And where the board may listen: loopback, or elsewhere only with a token.
using System.Net;
using OdooOptiply.Sync;
using OdooOptiply.Sync.Streams;

namespace OdooOptiply.Web.Tests;

public sealed class BoardStatusTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
    private static readonly BoardFlow Products = BoardFlows.All.Single(f => f.Id == "products");

    private static RunReport Run(int minutesAgo, StreamStatus status, string? error = null) =>
        new("t", Now.AddMinutes(-minutesAgo), Now.AddMinutes(-minutesAgo).AddSeconds(5), false,
            [new StreamReport(StreamNames.Products, status, 10, 1, 0, 0, 9, 0, 0, TimeSpan.FromSeconds(5), new Dictionary<string, long>(), error is null ? [] : [error])]);

    private static FlowCell Judge(bool running = false, params RunReport[] newestFirst) =>
        BoardStatus.Judge(Products, newestFirst, _ => TimeSpan.FromMinutes(30), Now, _ => running, _ => null);

    [Theory]
    [InlineData(10, FlowState.Ok)]
    [InlineData(44, FlowState.Ok)]
    [InlineData(46, FlowState.Late)]
    [InlineData(74, FlowState.Late)]
    [InlineData(76, FlowState.Failing)]
    public void Judge_ByAgeOfLastSuccess(int minutesAgo, FlowState expected) =>
        Assert.Equal(expected, Judge(false, Run(minutesAgo, StreamStatus.Ok)).State);

    [Fact]
    public void Judge_OneFailedRunSinceSuccess_LateWithTheError()
    {
        var cell = Judge(false, Run(1, StreamStatus.Failed, "Optiply said 500"), Run(31, StreamStatus.Ok));
        Assert.Equal(FlowState.Late, cell.State);
        Assert.Equal("products: Optiply said 500", cell.Reason);
    }

    [Fact]
    public void Judge_TwoFailedRuns_Failing() =>
        Assert.Equal(FlowState.Failing, Judge(false, Run(1, StreamStatus.Failed, "x"), Run(31, StreamStatus.Failed, "x"), Run(61, StreamStatus.Ok)).State);

    [Fact]
    public void Judge_RunThatCouldNotStart_CountsAsAFailureOfPullFlows()
    {
        var start = new RunReport("t", Now.AddMinutes(-1), Now, false, [StreamReport.NotRun(BoardStatus.StartStream, "Odoo unreachable") with { Status = StreamStatus.Failed }]);
        var cell = Judge(false, start, Run(31, StreamStatus.Failed, "x"));
        Assert.Equal(FlowState.Failing, cell.State);
        Assert.Equal("start: Odoo unreachable", cell.Reason);
    }

    [Fact]
    public void Judge_DisabledNeverAndRunning()
    {
        Assert.Equal(FlowState.Off, Judge(false, Run(5, StreamStatus.Disabled)).State);
        Assert.Equal(FlowState.Waiting, Judge(false).State);
        Assert.Equal(FlowState.Running, Judge(true, Run(100, StreamStatus.Ok)).State);
    }

    [Fact]
    public void Judge_DryRunsDoNotCount() =>
        Assert.Equal(FlowState.Late, Judge(false, Run(1, StreamStatus.Ok) with { DryRun = true }, Run(50, StreamStatus.Ok)).State);

    [Theory]
    [InlineData("127.0.0.1:5080", null, true)]
    [InlineData("localhost:5080", null, true)]
    [InlineData("[::1]:5080", null, true)]
    [InlineData("0.0.0.0:5080", null, false)]
    [InlineData("192.168.1.4:5080", null, false)]
    [InlineData("0.0.0.0:5080", "token", true)]
    public void Refusal_OtherThanLoopback_OnlyWithAToken(string address, string? token, bool allowed) =>
        Assert.Equal(allowed, BoardAuth.Refusal(BoardAuth.ParseAddress(address), token) is null);

    [Fact]
    public void ParseAddress_Garbage_SaysWhatIsExpected() =>
        Assert.Contains("127.0.0.1:5080", Assert.Throws<ArgumentException>(() => BoardAuth.ParseAddress("board-please")).Message, StringComparison.Ordinal);

    [Fact]
    public void Matches_OnlyTheExactToken()
    {
        Assert.True(BoardAuth.Matches("s3cret", "s3cret"));
        Assert.False(BoardAuth.Matches("s3cret", "s3cre"));
        Assert.False(BoardAuth.Matches(null, ""));
        Assert.Equal(IPAddress.Loopback, BoardAuth.ParseAddress("5080").Address);
    }
}
