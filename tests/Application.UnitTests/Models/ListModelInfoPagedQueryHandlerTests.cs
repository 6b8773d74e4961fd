using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models.Queries.ListModelInfoPaged;
using ProxyAdmin.Application.UnitTests.TestSupport;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class ListModelInfoPagedQueryHandlerTests
{
    private ModelPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _ports.GivenCatalog();
    }

    [TestCase(1, 2, new[] { "cfg-a", "cfg-team" })]
    [TestCase(2, 2, new[] { "g1", "g2" })]
    [TestCase(3, 2, new[] { "tm1", "tm2" })]
    [TestCase(1, 3, new[] { "cfg-a", "cfg-team", "g1" })]
    [TestCase(2, 3, new[] { "g2", "tm1", "tm2" })]
    [TestCase(1, 50, new[] { "cfg-a", "cfg-team", "g1", "g2", "tm1", "tm2" })]
    [TestCase(4, 2, new string[0])]
    public async Task ShouldWindowOverConfigModelsThenStoredModels(int page, int size, string[] expected)
    {
        var result = await Handle(new ListModelInfoPagedQuery { Page = page, Size = size }, TestCaller.Admin());

        Assert.That(result.Data.Select(m => m.ModelId), Is.EqualTo(expected));
        Assert.That(result.TotalCount, Is.EqualTo(6));
        Assert.That(result.CurrentPage, Is.EqualTo(page));
        Assert.That(result.Size, Is.EqualTo(size));
        Assert.That(result.TotalPages, Is.EqualTo((6 + size - 1) / size));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    public async Task ShouldWalkByCursorFromTheConfigModelsIntoTheStoredOnes(int size)
    {
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Handle(new ListModelInfoPagedQuery { Size = size, After = after }, TestCaller.Admin());
            seen.AddRange(page.Data.Select(m => m.ModelId));
            after = page.NextCursor;
        }
        while (after is not null);

        Assert.That(seen, Is.EqualTo(new[] { "cfg-a", "cfg-team", "g1", "g2", "tm1", "tm2" }));
    }

    [Test]
    public async Task ShouldSearchConfigAndStoredNames()
    {
        var result = await Handle(new ListModelInfoPagedQuery { Search = "gpt" }, TestCaller.Admin());

        Assert.That(result.Data.Select(m => m.ModelId), Is.EqualTo(new[] { "cfg-a", "g1" }));
        Assert.That(result.TotalCount, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldSearchTeamModelsByTheirPublicNames()
    {
        var result = await Handle(new ListModelInfoPagedQuery { Search = "t1-model" }, TestCaller.Admin());

        Assert.That(result.Data.Select(m => m.ModelId), Is.EqualTo(new[] { "tm1" }));
    }

    [Test]
    public async Task ShouldPageOnlyWhatAMemberMaySee()
    {
        var result = await Handle(new ListModelInfoPagedQuery { Page = 2, Size = 2 }, TestCaller.InternalUser("bob"));

        Assert.That(result.Data.Select(m => (m.ModelId, m.ModelName)), Is.EqualTo(new[] { ("g2", "claude"), ("tm1", "t1-model") }));
        Assert.That(result.TotalCount, Is.EqualTo(4));
        Assert.That(result.TotalPages, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldFilterByTeam()
    {
        var result = await Handle(new ListModelInfoPagedQuery { TeamId = "t1" }, TestCaller.Admin());

        Assert.That(result.Data.Select(m => m.ModelId), Is.EqualTo(new[] { "tm1" }));
        Assert.That(result.TotalCount, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldReportNoPagesWhenNothingMatches()
    {
        var result = await Handle(new ListModelInfoPagedQuery { Search = "nothing" }, TestCaller.Admin());

        Assert.That(result.Data, Is.Empty);
        Assert.That(result.TotalPages, Is.Zero);
    }

    private async Task<ModelInfoPageDto> Handle(ListModelInfoPagedQuery query, ICurrentCaller caller) =>
        await new ListModelInfoPagedQueryHandler(_ports.Reads, _ports.Visibility(caller), _ports.Reader, _ports.Presenter).Handle(query, CancellationToken.None);
}

public sealed class ListModelInfoPagedQueryValidatorTests
{
    private readonly ListModelInfoPagedQueryValidator _validator = new();

    [Test]
    public void ShouldAcceptTheDefaults() => Assert.That(_validator.InvalidFields(new ListModelInfoPagedQuery()), Is.Empty);

    [Test]
    public void ShouldRejectAPageBelowOneAndASizeAboveTheMaximum() =>
        Assert.That(_validator.InvalidFields(new ListModelInfoPagedQuery { Page = 0, Size = 101 }), Is.EquivalentTo(new[] { "page", "size" }));
}
