using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Paging;

namespace ProxyAdmin.Application.UnitTests.Common.Paging;

public sealed class PageCursorTests
{
    private static readonly DateTime Instant = new(2026, 12, 2, 15, 0, 0, DateTimeKind.Utc);

    [Test]
    public void ShouldRoundTripTheSortKeysInAUrlSafeText()
    {
        var fingerprint = PageCursor.Fingerprint("list", "team-a", null);
        var id = Guid.NewGuid();

        var cursor = PageCursor.Encode(fingerprint, PageCursor.Key(Instant.AddTicks(7)), PageCursor.Key(id), "ünïcode/+=", PageCursor.Key(true));
        var keys = PageCursor.Decode(cursor, fingerprint, 4);

        Assert.That(cursor, Does.Match("^[A-Za-z0-9_-]+$"));
        Assert.That((keys.Instant(0), keys.Id(1), keys.Text(2), keys.Flag(3)), Is.EqualTo((Instant.AddTicks(7), id, "ünïcode/+=", true)));
        Assert.That(keys.Instant(0).Kind, Is.EqualTo(DateTimeKind.Utc));
    }

    [Test]
    public void ShouldTellFiltersApartInTheFingerprint()
    {
        Assert.That(PageCursor.Fingerprint("list", "a", null), Is.Not.EqualTo(PageCursor.Fingerprint("list", null, "a")));
        Assert.That(PageCursor.Fingerprint("list", "a"), Is.Not.EqualTo(PageCursor.Fingerprint("other", "a")));
        Assert.That(PageCursor.Fingerprint("list", Instant), Is.EqualTo(PageCursor.Fingerprint("list", new DateTime(Instant.Ticks, DateTimeKind.Utc))));
    }

    [TestCase("")]
    [TestCase("%%%")]
    [TestCase("bm90IGpzb24")]
    [TestCase("WyJ4Il0")]
    [TestCase("WzFd")]
    public void ShouldRefuseWhatIsNotACursorOfThisListNamingAfter(string cursor)
    {
        var refused = Assert.Throws<BadRequestException>(() => PageCursor.Decode(cursor, PageCursor.Fingerprint("list"), 1));

        Assert.That(refused!.Param, Is.EqualTo("after"));
    }

    [Test]
    public void ShouldRefuseACursorOfAnotherListOrKeysOfTheWrongType()
    {
        var cursor = PageCursor.Encode(PageCursor.Fingerprint("other"), "not-a-number");

        Assert.Throws<BadRequestException>(() => PageCursor.Decode(cursor, PageCursor.Fingerprint("list"), 1));
        var keys = PageCursor.Decode(cursor, PageCursor.Fingerprint("other"), 1);
        Assert.Throws<BadRequestException>(() => keys.Instant(0));
        Assert.Throws<BadRequestException>(() => keys.Id(0));
        Assert.Throws<BadRequestException>(() => keys.Flag(0));
    }

    [Test]
    public void ShouldSliceOneRowMoreIntoAPageAndTheCursorOfItsLastRow()
    {
        var (items, next) = PageSlice.Of([1, 2, 3], 2, i => $"after-{i}");
        var (last, none) = PageSlice.Of([1, 2], 2, i => $"after-{i}");

        Assert.That((items, next), Is.EqualTo((new List<int> { 1, 2 }, "after-2")).Using<(List<int>, string?)>((a, b) => a.Item1.SequenceEqual(b.Item1) && a.Item2 == b.Item2));
        Assert.That(last, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(none, Is.Null);
    }
}
