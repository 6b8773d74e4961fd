using ProxyAdmin.Application.Common.Concurrency;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Organizations.Commands.DeleteOrganizations;
using ProxyAdmin.Application.UnitTests.Budgets;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Organizations;

public sealed class DeleteOrganizationsCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Organization _first = null!;
    private Organization _second = null!;
    private List<Organization> _removed = null!;
    private List<Budget> _removedBudgets = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _first = OrganizationFixtures.Organization("org-1", budget: new BudgetSettings { MaxBudget = 10 }, members: ("ada", OrganizationRole.OrgAdmin));
        _second = OrganizationFixtures.Organization("org-2");
        _ports.GivenOrganizations(_first, _second);
        _removed = [];
        _removedBudgets = [];
        _ports.Organizations.Setup(r => r.Remove(It.IsAny<Organization>())).Callback<Organization>(_removed.Add);
        _ports.Budgets.Setup(r => r.Remove(It.IsAny<Budget>())).Callback<Budget>(_removedBudgets.Add);
        // By default each organization's row is linked by that organization alone.
        _ports.Budgets.Setup(r => r.CountLinksAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(1);
    }

    [Test]
    public async Task ShouldRemoveEveryOrganizationNamedWithItsOwnBudgetRow()
    {
        var deleted = await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-2", "org-1"] });

        Assert.That(_removed, Is.EqualTo(new[] { _second, _first }));
        Assert.That(_removedBudgets, Is.EquivalentTo(new[] { _first.Budget, _second.Budget }));
        Assert.That(deleted.Select(o => o.OrganizationId), Is.EqualTo(new[] { "org-2", "org-1" }));
        Assert.That(deleted[1].LitellmBudgetTable!.MaxBudget, Is.EqualTo(10), "the organization as it was");
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditEachDeletedOrganizationInTheSameSave()
    {
        var deleted = await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-1", "org-2"] });

        Assert.That(_ports.AuditRecords.Select(r => (r.Action, r.TableName, r.ObjectId)), Is.EqualTo(new[]
        {
            (AuditAction.Deleted, AuditTables.Organizations, "org-1"),
            (AuditAction.Deleted, AuditTables.Organizations, "org-2"),
        }));
        Assert.That(_ports.AuditRecords.Select(r => r.Before), Is.EqualTo(deleted));
        Assert.That(_ports.AuditRecords.Select(r => r.After), Is.All.Null);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldDeleteAnOrganizationNamedTwiceOnce()
    {
        var deleted = await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-1", "org-1"] });

        Assert.That(deleted.Select(o => o.OrganizationId), Is.EqualTo(new[] { "org-1" }));
        Assert.That(_removed, Is.EqualTo(new[] { _first }));
        Assert.That(_removedBudgets, Is.EqualTo(new[] { _first.Budget }));
    }

    [Test]
    public async Task ShouldKeepABudgetRowSomethingElseStillLinks()
    {
        _ports.Budgets.Setup(r => r.CountLinksAsync(_first.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-1"] });

        Assert.That(_removed, Is.EqualTo(new[] { _first }));
        Assert.That(_removedBudgets, Is.Empty);
    }

    [Test]
    public async Task ShouldKeepABudgetRowMadeByBudgetNew()
    {
        _first.LinkBudget(BudgetFixtures.Budget("standalone", maxBudget: 5));

        await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-1"] });

        Assert.That(_removed, Is.EqualTo(new[] { _first }));
        Assert.That(_removedBudgets, Is.Empty, "a row made by /budget/new outlives what links it");
    }

    [Test]
    public async Task ShouldRemoveTheMembersOwnBudgetRowsUnlessSomethingElseLinksThem()
    {
        var adaRow = Budget.Create(new BudgetSettings { MaxBudget = 3 }, TestData.Stamp);
        var bobRow = Budget.Create(new BudgetSettings { MaxBudget = 4 }, TestData.Stamp);
        _first.AddMember(new OrganizationMember("bob", OrganizationRole.InternalUser, TestData.Stamp), TestData.Stamp);
        _first.SetMemberBudget("ada", adaRow, TestData.Stamp);
        _first.SetMemberBudget("bob", bobRow, TestData.Stamp);
        _ports.GivenBudgets(adaRow, bobRow);
        _ports.Budgets.Setup(r => r.CountLinksAsync(bobRow.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-1"] });

        Assert.That(_removedBudgets, Is.EquivalentTo(new[] { _first.Budget, adaRow }));
    }

    [Test]
    public async Task ShouldRemoveARowTheOrganizationAndItsMembersAllLink()
    {
        _first.SetMemberBudget("ada", _first.Budget!, TestData.Stamp);
        _ports.GivenBudgets(_first.Budget!);
        _ports.Budgets.Setup(r => r.CountLinksAsync(_first.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-1"] });

        Assert.That(_removedBudgets, Is.EqualTo(new[] { _first.Budget }), "both links are the organization's own, and the row is removed once");
    }

    [Test]
    public async Task ShouldRemoveARowOnlyOrganizationsDeletedTogetherLink()
    {
        // org-2 was created with budget_id naming org-1's row: deleting both leaves nothing that links it.
        _second.LinkBudget(_first.Budget!);
        _ports.Budgets.Setup(r => r.CountLinksAsync(_first.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-1", "org-2"] });

        Assert.That(_removed, Is.EqualTo(new[] { _first, _second }));
        Assert.That(_removedBudgets, Is.EqualTo(new[] { _first.Budget }));
    }

    [Test]
    public void ShouldRefuseAnUnknownIdAndDeleteNothing()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-1", "ghost"] }));

        Assert.That(missing!.Message, Is.EqualTo("Organization=ghost not found"));
        Assert.That(missing.Param, Is.EqualTo("organization_ids"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnOrganizationThatStillHasTeamsAndDeleteNothing()
    {
        _ports.GivenTeams(TeamFixtures.Team("t1", new TeamSettings { OrganizationId = "org-2" }));

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-1", "org-2"] }));

        Assert.That(conflict!.Param, Is.EqualTo("organization_ids"));
        Assert.That(conflict.Message, Is.EqualTo("Cannot delete organization org-2: 1 team(s) belong to it (t1). Move or delete the teams first."));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldNameTheFirstTwentyTeamsAndCountTheRest()
    {
        _ports.GivenTeams([.. Enumerable.Range(1, 22).Select(i => TeamFixtures.Team($"t{i:D2}", new TeamSettings { OrganizationId = "org-1" }))]);

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-1"] }));

        var named = string.Join(", ", Enumerable.Range(1, 20).Select(i => $"t{i:D2}"));
        Assert.That(conflict!.Message, Is.EqualTo($"Cannot delete organization org-1: 22 team(s) belong to it ({named}, and 2 more). Move or delete the teams first."));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void OnlyProxyAdminsMaySendIt()
    {
        var authorize = (AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(DeleteOrganizationsCommand), typeof(AuthorizeAttribute))!;

        Assert.That(authorize.Policy, Is.EqualTo(AccessPolicy.ProxyAdmin));
        Assert.That(authorize.Refusal, Is.EqualTo("Only proxy admins can delete organizations"));
    }

    [Test]
    public void ShouldDeleteNothingWhenOneIfMatchIsStale()
    {
        _ports.Conditional.IfMatch = string.Join(", ", EntityTags.Of(AuditTables.Organizations, "org-2", 0), EntityTags.Of(AuditTables.Organizations, "org-1", 1));

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-2", "org-1"] }));

        Assert.That(stale!.Message, Does.Contain("resource 2 of 2"));
        Assert.That(stale.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Organizations, "org-1", 0)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldDeleteUnderTheCurrentTags()
    {
        _ports.Conditional.IfMatch = string.Join(", ", EntityTags.Of(AuditTables.Organizations, "org-2", 0), EntityTags.Of(AuditTables.Organizations, "org-1", 0));

        await Handle(new DeleteOrganizationsCommand { OrganizationIds = ["org-2", "org-1"] });

        _ports.UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    private async Task<List<OrganizationDto>> Handle(DeleteOrganizationsCommand command) =>
        await new DeleteOrganizationsCommandHandler(_ports.Organizations.Object, _ports.Budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, _ports.Tags)
            .Handle(command, CancellationToken.None);
}

public sealed class DeleteOrganizationsCommandValidatorTests
{
    private readonly DeleteOrganizationsCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptIds() =>
        Assert.That(_validator.InvalidFields(new DeleteOrganizationsCommand { OrganizationIds = ["org-1", "org-2"] }), Is.Empty);

    [Test]
    public void ShouldRequireAtLeastOneId() =>
        Assert.That(
            _validator.Messages(new DeleteOrganizationsCommand { OrganizationIds = [] }),
            Is.EqualTo(new[] { "'organization_ids' must name at least one organization." }));

    [Test]
    public void ShouldRejectEmptyIds() =>
        Assert.That(
            _validator.Messages(new DeleteOrganizationsCommand { OrganizationIds = ["org-1", ""] }),
            Is.EqualTo(new[] { "'organization_ids' must not contain empty values." }));

    [Test]
    public void ShouldBoundHowManyIdsOneRequestNames()
    {
        Assert.That(
            _validator.InvalidFields(new DeleteOrganizationsCommand { OrganizationIds = [.. Enumerable.Range(0, DeleteOrganizationsCommandValidator.MaxIds).Select(i => $"o{i}")] }),
            Is.Empty);
        Assert.That(
            _validator.Messages(new DeleteOrganizationsCommand { OrganizationIds = [.. Enumerable.Range(0, DeleteOrganizationsCommandValidator.MaxIds + 1).Select(i => $"o{i}")] }),
            Is.EqualTo(new[] { "'organization_ids' may name at most 1000 organizations." }));
    }
}
