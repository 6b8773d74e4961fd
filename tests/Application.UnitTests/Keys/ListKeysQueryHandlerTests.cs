using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys.Queries.ListKeys;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.UnitTests.Keys;

public sealed class ListKeysQueryHandlerTests
{
    private InMemoryReadRepository _reads = null!;

    [SetUp]
    public void SetUp()
    {
        _reads = new InMemoryReadRepository();
        _reads.Seed(
            Key("a1", "alice", minutes: 1, alias: "alice-laptop", team: "red"),
            Key("a2", "alice", minutes: 2, alias: "alice-ci", team: null),
            Key("a3", "alice", minutes: 3, alias: "alice-phone", team: "red"),
            Key("b1", "bob", minutes: 4, alias: "bob-laptop", team: "red"),
            Key("m1", null, minutes: 5, alias: null, team: null));
    }

    [Test]
    public async Task ShouldShowANonAdminOnlyItsOwnKeysNewestFirst()
    {
        var page = await Handle(new ListKeysQuery(), TestCaller.InternalUser("alice"));

        Assert.That(Aliases(page), Is.EqualTo(new[] { "alice-phone", "alice-ci", "alice-laptop" }));
        Assert.That(page.TotalCount, Is.EqualTo(3));
    }

    [Test]
    public async Task ShouldLetANonAdminNameItselfAsTheOwner()
    {
        var page = await Handle(new ListKeysQuery { UserId = "alice" }, TestCaller.InternalUser("alice"));

        Assert.That(page.TotalCount, Is.EqualTo(3));
    }

    [Test]
    public void ShouldForbidANonAdminListingSomeoneElsesKeys() =>
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new ListKeysQuery { UserId = "bob" }, TestCaller.InternalUser("alice")));

    [Test]
    public void ShouldRefuseAKeyWithoutAUserWithLiteLLMsWordsInsteadOfListingEveryKey()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new ListKeysQuery(), TestCaller.ServiceAccount("red")));

        Assert.That(refused!.Message, Is.EqualTo("You are not authorized to access this endpoint. No 'user_id' is associated with your API key."));
        Assert.That(refused.Param, Is.EqualTo("user_id"));
        Assert.That(_reads.Specifications, Is.Empty);
    }

    [Test]
    public async Task ShouldShowAdminsEveryKey()
    {
        Assert.That((await Handle(new ListKeysQuery(), TestCaller.Admin())).TotalCount, Is.EqualTo(5));
        Assert.That((await Handle(new ListKeysQuery(), TestCaller.AdminViewer())).TotalCount, Is.EqualTo(5));
    }

    [Test]
    public async Task ShouldLetAnAdminFilterByOwnerTeamAndAlias()
    {
        Assert.That(Aliases(await Handle(new ListKeysQuery { UserId = "bob" }, TestCaller.Admin())), Is.EqualTo(new[] { "bob-laptop" }));
        Assert.That(Aliases(await Handle(new ListKeysQuery { TeamId = "red" }, TestCaller.Admin())), Is.EqualTo(new[] { "bob-laptop", "alice-phone", "alice-laptop" }));
        Assert.That(Aliases(await Handle(new ListKeysQuery { KeyAlias = "laptop" }, TestCaller.Admin())), Is.EqualTo(new[] { "bob-laptop", "alice-laptop" }));
    }

    [Test]
    public async Task ShouldNarrowANonAdminsFiltersToItsOwnKeys()
    {
        var page = await Handle(new ListKeysQuery { TeamId = "red" }, TestCaller.InternalUser("alice"));

        Assert.That(Aliases(page), Is.EqualTo(new[] { "alice-phone", "alice-laptop" }));
    }

    [Test]
    public async Task ShouldReturnOnePageWithTheTotals()
    {
        var page = await Handle(new ListKeysQuery { Page = 2, Size = 2 }, TestCaller.Admin());

        Assert.That(Aliases(page), Is.EqualTo(new[] { "alice-phone", "alice-ci" }));
        Assert.That(page.TotalCount, Is.EqualTo(5));
        Assert.That(page.CurrentPage, Is.EqualTo(2));
        Assert.That(page.Size, Is.EqualTo(2));
        Assert.That(page.TotalPages, Is.EqualTo(3));
    }

    [Test]
    public async Task ShouldWalkByCursorNewestFirstOnlyThroughTheCallersOwnKeys()
    {
        var adminCursor = (await Handle(new ListKeysQuery { Size = 1 }, TestCaller.Admin())).NextCursor;

        var first = await Handle(new ListKeysQuery { Size = 2, After = adminCursor }, TestCaller.InternalUser("alice"));
        var second = await Handle(new ListKeysQuery { Size = 2, After = first.NextCursor }, TestCaller.InternalUser("alice"));

        Assert.That(Aliases(first).Concat(Aliases(second)), Is.EqualTo(new[] { "alice-phone", "alice-ci", "alice-laptop" }), "after m1, alice's only");
        Assert.That(second.NextCursor, Is.Null);
        Assert.That(_reads.CountsAll, Is.EqualTo(new[] { typeof(VirtualKey) }), "only the admin's unfiltered list reads the kept count");
    }

    private static VirtualKey Key(string name, string? owner, int minutes, string? alias, string? team) =>
        TestData.Key($"sk-list-{name}-0000", owner, new KeySettings { KeyAlias = alias, TeamId = team }, TestData.Earlier.AddMinutes(minutes));

    private static List<string?> Aliases(KeyPageDto page) => page.Keys.ConvertAll(k => k.KeyAlias);

    private async Task<KeyPageDto> Handle(ListKeysQuery query, ICurrentCaller caller) =>
        await new ListKeysQueryHandler(_reads, caller).Handle(query, CancellationToken.None);
}

public sealed class ListKeysQueryValidatorTests
{
    private readonly ListKeysQueryValidator _validator = new();

    [Test]
    public void ShouldAcceptTheDefaults() => Assert.That(_validator.InvalidFields(new ListKeysQuery()), Is.Empty);

    [Test]
    public void ShouldRejectAPageBelowOneAndASizeAboveTheLimit() =>
        Assert.That(_validator.InvalidFields(new ListKeysQuery { Page = 0, Size = 101 }), Is.EquivalentTo(new[] { "page", "size" }));
}
