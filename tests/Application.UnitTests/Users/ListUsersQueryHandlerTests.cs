using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Application.Users.Queries.ListUsers;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.Users;

public sealed class ListUsersQueryHandlerTests
{
    private InMemoryReadRepository _reads = null!;

    [SetUp]
    public void SetUp()
    {
        _reads = new InMemoryReadRepository();
        _reads.Seed(
            TestData.User("u3", UserRole.InternalUser, "carol@corp.example", TestData.Earlier.AddMinutes(3)),
            TestData.User("u1", UserRole.ProxyAdmin, "alice@corp.example", TestData.Earlier.AddMinutes(1)),
            TestData.User("u5", UserRole.InternalUser, "eve@other.example", TestData.Earlier.AddMinutes(5)),
            TestData.User("u2", UserRole.InternalUser, "bob@corp.example", TestData.Earlier.AddMinutes(2)),
            TestData.User("u4", UserRole.InternalUserViewer, null, TestData.Earlier.AddMinutes(4)));
    }

    [Test]
    public async Task ShouldReturnOnePageOfUsersOldestFirstWithTheTotals()
    {
        var page = await Handle(new ListUsersQuery { Page = 2, PageSize = 2 });

        Assert.That(page.Users.Select(u => u.UserId), Is.EqualTo(new[] { "u3", "u4" }));
        Assert.That(page.Total, Is.EqualTo(5));
        Assert.That(page.Page, Is.EqualTo(2));
        Assert.That(page.PageSize, Is.EqualTo(2));
        Assert.That(page.TotalPages, Is.EqualTo(3));
    }

    [Test]
    public async Task ShouldReturnAnEmptyPageBeyondTheLast()
    {
        var page = await Handle(new ListUsersQuery { Page = 4, PageSize = 2 });

        Assert.That(page.Users, Is.Empty);
        Assert.That(page.Total, Is.EqualTo(5));
    }

    [Test]
    public async Task ShouldFilterByRole()
    {
        var page = await Handle(new ListUsersQuery { Role = UserRole.InternalUser });

        Assert.That(page.Users.Select(u => u.UserId), Is.EqualTo(new[] { "u2", "u3", "u5" }));
        Assert.That(page.Total, Is.EqualTo(3));
    }

    [Test]
    public async Task ShouldSearchUserIdsAndEmails()
    {
        Assert.That((await Handle(new ListUsersQuery { Search = "corp" })).Users.Select(u => u.UserId), Is.EqualTo(new[] { "u1", "u2", "u3" }));
        Assert.That((await Handle(new ListUsersQuery { Search = "u4" })).Users.Select(u => u.UserId), Is.EqualTo(new[] { "u4" }));
    }

    [Test]
    public async Task ShouldCountOnlyTheMatchingUsers()
    {
        var page = await Handle(new ListUsersQuery { Search = "corp", Role = UserRole.InternalUser, PageSize = 1 });

        Assert.That(page.Users.Select(u => u.UserId), Is.EqualTo(new[] { "u2" }));
        Assert.That(page.Total, Is.EqualTo(2));
        Assert.That(page.TotalPages, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldWalkByCursorOldestFirstAndCountUnfilteredFromTheMaintainedCount()
    {
        var first = await Handle(new ListUsersQuery { PageSize = 3 });
        var second = await Handle(new ListUsersQuery { PageSize = 3, After = first.NextCursor });

        Assert.That(first.Users.Concat(second.Users).Select(u => u.UserId), Is.EqualTo(new[] { "u1", "u2", "u3", "u4", "u5" }));
        Assert.That(second.NextCursor, Is.Null);
        Assert.That(_reads.CountsAll, Has.Count.EqualTo(2));
        Assert.That(first.Total, Is.EqualTo(5));
    }

    [Test]
    public async Task ShouldBindACursorToTheRoleItWasMadeFor()
    {
        var cursor = (await Handle(new ListUsersQuery { PageSize = 1, Role = UserRole.InternalUser })).NextCursor;

        Assert.That((await Handle(new ListUsersQuery { Role = UserRole.InternalUser, After = cursor })).Users.Select(u => u.UserId), Is.EqualTo(new[] { "u3", "u5" }));
        Assert.That(_reads.CountsAll, Is.Empty, "a role filter is counted by query");
        var refused = Assert.ThrowsAsync<ProxyAdmin.Application.Common.Exceptions.BadRequestException>(async () => await Handle(new ListUsersQuery { After = cursor }));
        Assert.That(refused!.Param, Is.EqualTo("after"));
    }

    private async Task<UserPageDto> Handle(ListUsersQuery query) =>
        await new ListUsersQueryHandler(_reads).Handle(query, CancellationToken.None);
}

public sealed class ListUsersQueryValidatorTests
{
    private readonly ListUsersQueryValidator _validator = new();

    [Test]
    public void ShouldAcceptTheDefaults() => Assert.That(_validator.InvalidFields(new ListUsersQuery()), Is.Empty);

    [Test]
    public void ShouldRejectAPageBelowOne() =>
        Assert.That(_validator.Messages(new ListUsersQuery { Page = 0 }), Is.EqualTo(new[] { "'page' must be 1 or greater." }));

    [TestCase(0)]
    [TestCase(101)]
    public void ShouldRejectAPageSizeOutsideTheLimit(int pageSize) =>
        Assert.That(_validator.InvalidFields(new ListUsersQuery { PageSize = pageSize }), Is.EqualTo(new[] { "page_size" }));

    [Test]
    public void ShouldRejectAnUnknownRole() =>
        Assert.That(_validator.InvalidFields(new ListUsersQuery { Role = (UserRole)99 }), Is.EqualTo(new[] { "role" }));
}
