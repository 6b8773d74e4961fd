using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Application.Common.Concurrency;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Organizations.Queries.GetOrganizationInfo;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Organizations;

public sealed class GetOrganizationInfoQueryHandlerTests
{
    private HandlerPorts _ports = null!;
    private Budget _boRow = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        var organization = OrganizationFixtures.Organization(
            "org-1",
            models: ["gpt-4o"],
            budget: new BudgetSettings { MaxBudget = 100 },
            ("ada", OrganizationRole.OrgAdmin), ("bo", OrganizationRole.InternalUser), ("cy", OrganizationRole.InternalUserViewer));
        _boRow = Budget.Create(new BudgetSettings { MaxBudget = 4 }, TestData.Stamp);
        organization.SetMemberBudget("bo", _boRow, TestData.Stamp);
        _ports.GivenBudgets(_boRow);
        _ports.GivenTeams(
            TeamFixtures.Team("t-bo", new TeamSettings { OrganizationId = "org-1" }, ("bo", TeamRole.User)),
            TeamFixtures.Team("t-other", new TeamSettings { OrganizationId = "org-1" }, ("dan", TeamRole.Admin)),
            TeamFixtures.Team("t-elsewhere", new TeamSettings { OrganizationId = "org-2" }, ("bo", TeamRole.Admin)));
        _ports.GivenOrganizations(organization, OrganizationFixtures.Organization("org-2"));
    }

    [Test]
    public async Task ShouldShowTheOrganizationWithItsBudgetRowMembersAndTeams()
    {
        var shown = await Handle("org-1", TestCaller.Admin());

        Assert.That(shown.OrganizationId, Is.EqualTo("org-1"));
        Assert.That(shown.OrganizationAlias, Is.EqualTo("org-1-alias"));
        Assert.That(shown.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(shown.LitellmBudgetTable!.MaxBudget, Is.EqualTo(100));
        Assert.That(shown.Members.Select(m => (m.UserId, m.UserRole)), Is.EqualTo(new[]
        {
            ("ada", OrganizationRole.OrgAdmin),
            ("bo", OrganizationRole.InternalUser),
            ("cy", OrganizationRole.InternalUserViewer),
        }));
        Assert.That(shown.Members.Single(m => m.UserId == "bo").LitellmBudgetTable!.MaxBudget, Is.EqualTo(4), "each member with its own budget row");
        Assert.That(shown.Members.Single(m => m.UserId == "ada").LitellmBudgetTable, Is.Null);
        Assert.That(shown.Teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t-bo", "t-other" }), "only the organization's teams");
    }

    [Test]
    public async Task ShouldShowAnAdminViewerEveryTeam() =>
        Assert.That((await Handle("org-1", TestCaller.AdminViewer())).Teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t-bo", "t-other" }));

    [Test]
    public async Task ShouldShowAnOrgAdminEveryTeamOfItsOrganization() =>
        Assert.That((await Handle("org-1", TestCaller.InternalUser("ada"))).Teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t-bo", "t-other" }));

    [Test]
    public async Task ShouldShowAMemberWhoIsNoOrgAdminOnlyItsOwnTeams()
    {
        var shown = await Handle("org-1", TestCaller.InternalUser("bo"));

        Assert.That(shown.Teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t-bo" }));
        Assert.That(shown.Members, Has.Count.EqualTo(3), "a member sees who else is in the organization");
    }

    [Test]
    public async Task ShouldShowAViewerMemberNoTeamItIsNotIn() =>
        Assert.That((await Handle("org-1", TestCaller.InternalUser("cy"))).Teams, Is.Empty);

    [Test]
    public void ShouldHideTheOrganizationFromAnOutsider()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle("org-1", TestCaller.InternalUser("dan")));

        Assert.That(missing!.Message, Is.EqualTo("Organization not found for organization_id=org-1"));
        Assert.That(missing.Param, Is.EqualTo("organization_id"));
    }

    [Test]
    public void ShouldHideTheOrganizationFromAServiceAccount() =>
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle("org-1", TestCaller.ServiceAccount("t-bo")));

    [Test]
    public void ShouldRefuseAnUnknownOrganizationWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle("ghost", TestCaller.Admin()));

        Assert.That(missing!.Message, Is.EqualTo("Organization not found for organization_id=ghost"));
    }

    [Test]
    public async Task ShouldReadTheOrganizationUntracked()
    {
        await Handle("org-1", TestCaller.Admin());

        _ports.Organizations.Verify(r => r.ReadAsync("org-1", It.IsAny<CancellationToken>()), Times.Once);
        _ports.Organizations.Verify(r => r.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public void AnyUserMayAskAndServiceAccountsMayNot()
    {
        var authorize = (AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(GetOrganizationInfoQuery), typeof(AuthorizeAttribute))!;

        Assert.That(authorize.Policy, Is.EqualTo(AccessPolicy.SelfServiceRead));
        Assert.That(authorize.ServiceAccounts, Is.False);
    }

    [Test]
    public async Task ShouldAnswerWithTheTagOfTheStoredVersionShown()
    {
        await Handle("org-1", TestCaller.Admin());

        Assert.That(_ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Organizations, "org-1", 0) }));
    }

    private async Task<OrganizationDto> Handle(string organizationId, ICurrentCaller caller) =>
        await new GetOrganizationInfoQueryHandler(_ports.Organizations.Object, _ports.Budgets.Object, caller, _ports.Tags).Handle(new GetOrganizationInfoQuery(organizationId), CancellationToken.None);
}

public sealed class GetOrganizationInfoQueryValidatorTests
{
    private readonly GetOrganizationInfoQueryValidator _validator = new();

    [Test]
    public void ShouldAcceptAnId() => Assert.That(_validator.InvalidFields(new GetOrganizationInfoQuery("org-1")), Is.Empty);

    [Test]
    public void ShouldRequireTheOrganizationId() =>
        Assert.That(_validator.Messages(new GetOrganizationInfoQuery("")), Is.EqualTo(new[] { "'organization_id' is required." }));
}
