using ProxyAdmin.Application.Common.Concurrency;
using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Organizations.Commands.UpdateOrganization;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.UnitTests.Budgets;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Organizations;

public sealed class UpdateOrganizationCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Organization _organization = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _organization = OrganizationFixtures.Organization(
            "org-1",
            models: ["gpt-4o", "claude"],
            budget: new BudgetSettings { MaxBudget = 100, TpmLimit = 1000, RpmLimit = 10 },
            ("ada", OrganizationRole.OrgAdmin));
        _organization.Update(new OrganizationSettings { Metadata = new JsonObject { ["owner"] = "ops", ["tier"] = 1 } }, OrganizationFixtures.Created);
        // A team of the organization, using one of its models and half its budget.
        _ports.GivenTeams(TeamFixtures.Team("t1", new TeamSettings { OrganizationId = "org-1", Models = ["gpt-4o"], MaxBudget = 50, TpmLimit = 500 }));
        _ports.GivenOrganizations(_organization);
    }

    [Test]
    public async Task ShouldChangeOnlyTheFieldsSentAndTheBudgetRowInPlace()
    {
        var budget = _organization.Budget!;

        var updated = await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", OrganizationAlias = "Acme EU", MaxBudget = 200 });

        Assert.That(_organization.OrganizationAlias, Is.EqualTo("Acme EU"));
        Assert.That(_organization.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }), "a field not sent keeps its value");
        Assert.That(_organization.Budget, Is.SameAs(budget), "the organization keeps its row");
        Assert.That(budget.MaxBudget, Is.EqualTo(200));
        Assert.That(budget.TpmLimit, Is.EqualTo(1000));
        Assert.That((budget.UpdatedBy, budget.UpdatedAt), Is.EqualTo(("admin", _ports.Now)));
        Assert.That((updated.UpdatedBy, updated.UpdatedAt), Is.EqualTo(("admin", _ports.Now)));
        Assert.That(updated.LitellmBudgetTable!.MaxBudget, Is.EqualTo(200));
        _ports.Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheOrganizationBeforeAndAfter()
    {
        var updated = await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", RpmLimit = 20 });

        var row = _ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Organizations, "org-1")));
        Assert.That(((OrganizationDto)row.Before!).LitellmBudgetTable!.RpmLimit, Is.EqualTo(10));
        Assert.That(row.After, Is.EqualTo(updated));
        Assert.That(updated.LitellmBudgetTable!.RpmLimit, Is.EqualTo(20));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldMergeMetadata()
    {
        var updated = await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", Metadata = new JsonObject { ["owner"] = null, ["region"] = "eu" } });

        Assert.That(updated.Metadata.ToJsonString(), Is.EqualTo("""{"tier":1,"region":"eu"}"""));
    }

    [Test]
    public async Task ShouldRestrictTheModelsToThoseItsTeamsStillUse()
    {
        var updated = await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", Models = ["gpt-4o"] });

        Assert.That(updated.Models, Is.EqualTo(new[] { "gpt-4o" }));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldLinkAnotherBudgetRowByItsId()
    {
        var own = _organization.Budget!;
        _ports.GivenBudgets(BudgetFixtures.Budget("shared", maxBudget: 500));

        var updated = await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", BudgetId = "shared" });

        Assert.That(_organization.BudgetId, Is.EqualTo("shared"));
        Assert.That(updated.LitellmBudgetTable!.MaxBudget, Is.EqualTo(500));
        Assert.That(own.MaxBudget, Is.EqualTo(100), "the row it had is left as it was");
        _ports.Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldLetTheBudgetIdItAlreadyHasThrough()
    {
        var updated = await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", BudgetId = _organization.BudgetId, OrganizationAlias = "Same row" });

        Assert.That(updated.BudgetId, Is.EqualTo(_organization.Budget!.BudgetId));
        _ports.Budgets.Verify(r => r.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldAttachAnObjectPermissionThenChangeItInPlace()
    {
        await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", ObjectPermission = new ObjectPermissionRequest { VectorStores = ["vs-1"], McpServers = ["mcp-1"] } });
        var permission = _organization.ObjectPermission!;

        var updated = await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", ObjectPermission = new ObjectPermissionRequest { McpServers = ["mcp-2"] } });

        Assert.That(_organization.ObjectPermission, Is.SameAs(permission));
        Assert.That(updated.ObjectPermission!.McpServers, Is.EqualTo(new[] { "mcp-2" }));
        Assert.That(updated.ObjectPermission.VectorStores, Is.EqualTo(new[] { "vs-1" }));
    }

    [Test]
    public void ShouldRefuseAnUnknownOrganizationWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UpdateOrganizationCommand { OrganizationId = "ghost", MaxBudget = 1 }));

        Assert.That(missing!.Message, Is.EqualTo("Organization not found for organization_id=ghost"));
        Assert.That(missing.Param, Is.EqualTo("organization_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownBudgetIdWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", BudgetId = "ghost" }));

        Assert.That(missing!.Message, Is.EqualTo("Budget not found, budget_id=ghost"));
        Assert.That(_organization.BudgetId, Is.Not.EqualTo("ghost"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseModelsThatDropAModelATeamUses()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", Models = ["claude"] }));

        Assert.That(refused!.Param, Is.EqualTo("models"));
        Assert.That(refused.Message, Is.EqualTo("Team t1 uses model 'gpt-4o', which the organization's models would no longer include; remove it from the team first."));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAMaxBudgetBelowATeamsOfTheOrganization()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", MaxBudget = 40 }));

        Assert.That(refused!.Param, Is.EqualTo("max_budget"));
        Assert.That(refused.Message, Is.EqualTo("Organization max_budget (40) would be below the max_budget of its team t1 (50); lower the team's first."));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseLinkingABudgetRowBelowATeamsOfTheOrganization()
    {
        _ports.GivenBudgets(BudgetFixtures.Budget("small", maxBudget: 10));

        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", BudgetId = "small" }));

        Assert.That(refused!.Param, Is.EqualTo("max_budget"));
        Assert.That(refused.Message, Does.Contain("its team t1 (50)"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseLimitsAboveThoseOfATeamWhoseProjectsShareTheBudgetRow()
    {
        _ports.Budgets.GivenLinkingTeams(_organization.BudgetId, TeamFixtures.Team("tight", new TeamSettings { MaxBudget = 150 }));

        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", MaxBudget = 200 }));

        Assert.That(refused!.Param, Is.EqualTo("max_budget"));
        Assert.That(refused.Message, Does.StartWith($"Budget {_organization.BudgetId} is linked by projects of team tight, and this change would break that team's limits:"));
        Assert.That(_organization.Budget!.MaxBudget, Is.EqualTo(100));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseLimitsBelowThoseOfATeamOfAnotherOrganizationSharingTheBudgetRow()
    {
        _ports.Budgets.Setup(r => r.TeamsOfLinkingOrganizationsAsync(_organization.BudgetId, It.IsAny<CancellationToken>()))
            .ReturnsAsync([("org-2", TeamFixtures.Team("t9", new TeamSettings { OrganizationId = "org-2", TpmLimit = 900 }))]);

        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await Handle(new UpdateOrganizationCommand { OrganizationId = "org-1", TpmLimit = 800 }));

        Assert.That(refused!.Param, Is.EqualTo("tpm_limit"));
        Assert.That(refused.Message, Is.EqualTo(
            $"Budget {_organization.BudgetId} is the budget of organization org-2: Organization tpm_limit (800) would be below the tpm_limit of its team t9 (900); lower the team's first."));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void OnlyProxyAdminsMaySendIt()
    {
        var authorize = (AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(UpdateOrganizationCommand), typeof(AuthorizeAttribute))!;

        Assert.That(authorize.Policy, Is.EqualTo(AccessPolicy.ProxyAdmin));
        Assert.That(authorize.Refusal, Is.EqualTo("Only proxy admins can update organizations"));
    }

    [Test]
    public void ShouldRefuseAStaleIfMatchBeforeChangingAnything()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Organizations, _organization.OrganizationId, _organization.Version + 1);

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new UpdateOrganizationCommand { OrganizationId = _organization.OrganizationId, OrganizationAlias = "late" }));

        Assert.That(stale!.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Organizations, _organization.OrganizationId, _organization.Version)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldWriteUnderTheCurrentTagAndAnswerWithTheStoredVersionsTag()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Organizations, _organization.OrganizationId, _organization.Version);

        await Handle(new UpdateOrganizationCommand { OrganizationId = _organization.OrganizationId, OrganizationAlias = "on time" });

        Assert.That(_ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Organizations, _organization.OrganizationId, _organization.Version) }));
    }

    private async Task<OrganizationDto> Handle(UpdateOrganizationCommand command) =>
        await new UpdateOrganizationCommandHandler(_ports.Organizations.Object, _ports.Budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, TestCaller.Admin(), _ports.Tags, _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class UpdateOrganizationCommandValidatorTests
{
    private readonly UpdateOrganizationCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAPartialUpdate() =>
        Assert.That(_validator.InvalidFields(new UpdateOrganizationCommand { OrganizationId = "org-1", MaxBudget = 5 }), Is.Empty);

    [Test]
    public void ShouldRequireTheOrganizationId() =>
        Assert.That(_validator.Messages(new UpdateOrganizationCommand { OrganizationId = "" }), Is.EqualTo(new[] { "'organization_id' is required." }));

    [Test]
    public void ShouldRejectABlankAliasButNotAMissingOne()
    {
        Assert.That(_validator.InvalidFields(new UpdateOrganizationCommand { OrganizationId = "org-1", OrganizationAlias = " " }), Is.EqualTo(new[] { "organization_alias" }));
        Assert.That(_validator.InvalidFields(new UpdateOrganizationCommand { OrganizationId = "org-1", OrganizationAlias = null }), Is.Empty);
    }

    [Test]
    public void ShouldRefuseABudgetIdCombinedWithBudgetFields() =>
        Assert.That(_validator.InvalidFields(new UpdateOrganizationCommand { OrganizationId = "org-1", BudgetId = "shared", MaxBudget = 5 }), Is.EqualTo(new[] { "budget_id" }));

    [Test]
    public void ShouldApplyTheBudgetFieldRules() =>
        Assert.That(
            _validator.InvalidFields(new UpdateOrganizationCommand { OrganizationId = "org-1", SoftBudget = -1, RpmLimit = -5, MaxParallelRequests = -1 }),
            Is.EquivalentTo(new[] { "soft_budget", "rpm_limit", "max_parallel_requests" }));
}
