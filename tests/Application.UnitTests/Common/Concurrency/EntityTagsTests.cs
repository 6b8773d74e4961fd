using ProxyAdmin.Application.Common.Concurrency;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.UnitTests.TestSupport;

namespace ProxyAdmin.Application.UnitTests.Common.Concurrency;

public sealed class EntityTagsTests
{
    private const string Table = "LiteLLM_TeamTable";

    private TestConditionalRequest _request = null!;
    private EntityTags _tags = null!;

    [SetUp]
    public void SetUp()
    {
        _request = new TestConditionalRequest();
        _tags = new EntityTags(_request);
    }

    [Test]
    public void ShouldBeAStrongQuotedTagThatMovesWithTheTableTheIdAndTheVersion()
    {
        var tag = EntityTags.Of(Table, "t1", 3);

        Assert.That(tag, Does.Match("^\"[A-Za-z0-9_-]{24}\"$"));
        Assert.That(EntityTags.Of(Table, "t1", 3), Is.EqualTo(tag));
        Assert.That(new[] { EntityTags.Of(Table, "t1", 4), EntityTags.Of(Table, "t2", 3), EntityTags.Of("LiteLLM_UserTable", "t1", 3) }, Has.None.EqualTo(tag));
    }

    [Test]
    public void ShouldLetAWriteWithoutIfMatchGoAheadUnlessOneIsRequired()
    {
        Assert.DoesNotThrow(() => _tags.EnsureCurrent(Table, "t1", 0));

        _request.IfMatchRequired = true;
        var refusal = Assert.Throws<PreconditionRequiredException>(() => _tags.EnsureCurrent(Table, "t1", 0));
        Assert.That(refusal!.Param, Is.EqualTo("If-Match"));
    }

    [Test]
    public void ShouldAcceptTheCurrentTagOrAStar()
    {
        _request.IfMatch = EntityTags.Of(Table, "t1", 2);
        Assert.DoesNotThrow(() => _tags.EnsureCurrent(Table, "t1", 2));

        _request.IfMatch = "*";
        Assert.DoesNotThrow(() => _tags.EnsureCurrent(Table, "t1", 7));
    }

    [Test]
    public void ShouldRefuseAStaleTagNamingTheCurrentOne()
    {
        _request.IfMatch = EntityTags.Of(Table, "t1", 1);

        var refusal = Assert.Throws<PreconditionFailedException>(() => _tags.EnsureCurrent(Table, "t1", 2));

        Assert.That(refusal!.CurrentEntityTag, Is.EqualTo(EntityTags.Of(Table, "t1", 2)));
        Assert.That(refusal.Message, Does.Contain(refusal.CurrentEntityTag));
        Assert.That(refusal.Param, Is.EqualTo("If-Match"));
    }

    [Test]
    public void ShouldNeverMatchAWeakTag()
    {
        _request.IfMatch = "W/" + EntityTags.Of(Table, "t1", 2);

        var refusal = Assert.Throws<PreconditionFailedException>(() => _tags.EnsureCurrent(Table, "t1", 2));

        Assert.That(refusal!.Message, Does.Contain("weak tag never matches"));
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("\"open")]
    [TestCase("\"a\" \"b\"")]
    [TestCase("\"a\",")]
    [TestCase("W/abc")]
    public void ShouldRefuseAHeaderThatIsNotAListOfTags(string header)
    {
        _request.IfMatch = header;

        var refusal = Assert.Throws<BadRequestException>(() => _tags.EnsureCurrent(Table, "t1", 2));

        Assert.That(refusal!.Param, Is.EqualTo("If-Match"));
    }

    [Test]
    public void ShouldCompareABatchPositionByPositionAndRefuseAnotherCount()
    {
        IReadOnlyList<(string, long)> named = [("a", 1), ("b", 5)];
        _request.IfMatch = $"{EntityTags.Of(Table, "a", 1)}, *";
        Assert.DoesNotThrow(() => _tags.EnsureCurrent(Table, named));

        _request.IfMatch = "*";
        Assert.DoesNotThrow(() => _tags.EnsureCurrent(Table, named), "a lone * covers every id");

        _request.IfMatch = $"{EntityTags.Of(Table, "b", 5)},{EntityTags.Of(Table, "a", 1)}";
        var swapped = Assert.Throws<PreconditionFailedException>(() => _tags.EnsureCurrent(Table, named));
        Assert.That(swapped!.Message, Does.Contain("resource 1 of 2"));
        Assert.That(swapped.CurrentEntityTag, Is.EqualTo(EntityTags.Of(Table, "a", 1)));

        _request.IfMatch = EntityTags.Of(Table, "a", 1);
        var count = Assert.Throws<BadRequestException>(() => _tags.EnsureCurrent(Table, named));
        Assert.That(count!.Message, Does.Contain("1 entity tag(s) for 2 resource(s)"));
    }

    [Test]
    public void ShouldHandTheAnswersTagToTheRequest()
    {
        _tags.Answer(Table, "t1", 4);

        Assert.That(_request.Answered, Is.EqualTo(new[] { EntityTags.Of(Table, "t1", 4) }));
    }
}
