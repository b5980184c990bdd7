// Tests for Keyset: the (write_date, id) position as an Odoo domain, robust to microsecond write_dates.
using OdooOptiply.Odoo;
using OdooOptiply.Sync.State;
using OdooOptiply.Sync.Streams;

namespace OdooOptiply.Sync.Tests.Streams;

public class KeysetTests
{
    [Fact]
    public void After_Position_IsNextSecondOrSameSecondHigherId()
    {
        var domain = Keyset.After(new Bookmark(new DateTime(2026, 1, 2, 3, 4, 5, 600, DateTimeKind.Utc), 42));
        Assert.Equal(
            "[\"|\",[\"write_date\",\">=\",\"2026-01-02 03:04:06\"],\"&\",\"&\",[\"write_date\",\">=\",\"2026-01-02 03:04:05\"],[\"write_date\",\"<\",\"2026-01-02 03:04:06\"],[\"id\",\">\",42]]",
            domain.ToString());
    }

    [Fact]
    public void Since_TruncatesToTheSecond() =>
        Assert.Equal("[[\"write_date\",\">=\",\"2026-01-02 03:04:05\"]]", Keyset.Since(new DateTime(2026, 1, 2, 3, 4, 5, 999, DateTimeKind.Utc)).ToString());
}

public class BookmarkTests
{
    private static readonly DateTime T = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void IsBefore_SameDateHigherId_IsAfterTheBookmark() => Assert.True(new Bookmark(T, 5).IsBefore(T, 6));

    [Fact]
    public void Max_KeepsTheLaterPosition()
    {
        Assert.Equal(new Bookmark(T.AddSeconds(1), 1), Bookmark.Max(new Bookmark(T, 9), new Bookmark(T.AddSeconds(1), 1)));
        Assert.Equal(new Bookmark(T, 9), Bookmark.Max(new Bookmark(T, 9), new Bookmark(T, 3)));
        Assert.Equal(new Bookmark(T, 3), Bookmark.Max(null, new Bookmark(T, 3)));
    }
}
