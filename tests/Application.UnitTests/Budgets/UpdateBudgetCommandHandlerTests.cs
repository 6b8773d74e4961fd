using ProxyAdmin.Application.Common.Concurrency;
using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Budgets.Commands.UpdateBudget;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Budgets;

public sealed class UpdateBudgetCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Budget _shared = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _shared = BudgetFixtures.Budget("shared", maxBudget: 10, tpmLimit: 100);
        _shared.Update(new BudgetSettings { ModelMaxBudget = new JsonObject { ["gpt-4o"] = 1, ["claude"] = 2 } }, TestData.Stamp);
        _ports.GivenBudgets(_shared);
        _ports.Budgets.GivenLinkingTeams("shared",
            TeamFixtures.Team("roomy", new TeamSettings { MaxBudget = 100, TpmLimit = 1000 }),
            TeamFixtures.Team("tight", new TeamSettings { MaxBudget = 50 }));
    }

    [Test]
    public async Task ShouldChangeOnlyTheFieldsSentAndMergePerModelBudgets()
    {
        var updated = await Handle(new UpdateBudgetCommand { BudgetId = "shared", MaxBudget = 40, ModelMaxBudget = new JsonObject { ["claude"] = null, ["o1"] = 3 } });

        Assert.That(updated.MaxBudget, Is.EqualTo(40));
        Assert.That(updated.TpmLimit, Is.EqualTo(100));
        Assert.That(updated.ModelMaxBudget!.ToJsonString(), Is.EqualTo("""{"gpt-4o":1,"o1":3}"""));
        Assert.That(updated.UpdatedBy, Is.EqualTo("admin"));
        Assert.That(updated.UpdatedAt, Is.EqualTo(_ports.Now));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheRowBeforeAndAfter()
    {
        var updated = await Handle(new UpdateBudgetCommand { BudgetId = "shared", RpmLimit = 7 });

        var record = _ports.AuditRecords.Single();
        Assert.That((record.Action, record.TableName, record.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Budgets, "shared")));
        Assert.That(((BudgetDto)record.Before!).RpmLimit, Is.Null);
        Assert.That(record.After, Is.EqualTo(updated));
    }

    [Test]
    public void ShouldRefuseLimitsAboveThoseOfAnyTeamWhoseProjectsLinkTheRow()
    {
        var refusal = Assert.ThrowsAsync<DomainRuleException>(async () => await Handle(new UpdateBudgetCommand { BudgetId = "shared", MaxBudget = 60 }));

        Assert.That(refusal!.Param, Is.EqualTo("max_budget"));
        Assert.That(refusal.Message, Does.StartWith("Budget shared is linked by projects of team tight, and this change would break that team's limits:"));
        Assert.That(refusal.Message, Does.Contain("exceeds team's max_budget (50)"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseLimitsBelowThoseOfATeamOfAnOrganizationThatLinksTheRow()
    {
        _ports.Budgets.Setup(r => r.TeamsOfLinkingOrganizationsAsync("shared", It.IsAny<CancellationToken>()))
            .ReturnsAsync([("org-1", TeamFixtures.Team("t-org", new TeamSettings { OrganizationId = "org-1", MaxBudget = 30, RpmLimit = 5 }))]);

        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await Handle(new UpdateBudgetCommand { BudgetId = "shared", MaxBudget = 20 }));

        Assert.That(refused!.Param, Is.EqualTo("max_budget"));
        Assert.That(refused.Message, Is.EqualTo(
            "Budget shared is the budget of organization org-1: Organization max_budget (20) would be below the max_budget of its team t-org (30); lower the team's first."));
        Assert.That(_shared.MaxBudget, Is.EqualTo(10));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetTheRowOfAnOrganizationStillCoverItsTeams()
    {
        _ports.Budgets.Setup(r => r.TeamsOfLinkingOrganizationsAsync("shared", It.IsAny<CancellationToken>()))
            .ReturnsAsync([("org-1", TeamFixtures.Team("t-org", new TeamSettings { OrganizationId = "org-1", MaxBudget = 30, RpmLimit = 5 }))]);

        var updated = await Handle(new UpdateBudgetCommand { BudgetId = "shared", MaxBudget = 30, RpmLimit = 5 });

        Assert.That((updated.MaxBudget, updated.RpmLimit), Is.EqualTo(((double?)30, (long?)5)));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldNotCompareFieldsNoTeamLimits()
    {
        var updated = await Handle(new UpdateBudgetCommand { BudgetId = "shared", SoftBudget = 5, BudgetDuration = "7d" });

        Assert.That(updated.SoftBudget, Is.EqualTo(5));
        Assert.That(updated.BudgetResetAt, Is.EqualTo(_ports.Now.AddDays(7)));
    }

    [Test]
    public void ShouldAnswerAnUnknownId404()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UpdateBudgetCommand { BudgetId = "ghost", MaxBudget = 1 }));

        Assert.That(missing!.Message, Is.EqualTo("Budget not found, budget_id=ghost"));
        Assert.That(missing.Param, Is.EqualTo("budget_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAStaleIfMatchBeforeChangingAnything()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Budgets, "shared", _shared.Version + 1);

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new UpdateBudgetCommand { BudgetId = "shared", MaxBudget = 20 }));

        Assert.That(stale!.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Budgets, "shared", _shared.Version)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldWriteUnderTheCurrentTagAndAnswerWithTheStoredVersionsTag()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Budgets, "shared", _shared.Version);

        await Handle(new UpdateBudgetCommand { BudgetId = "shared", MaxBudget = 20 });

        Assert.That(_ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Budgets, "shared", _shared.Version) }));
    }

    private async Task<BudgetDto> Handle(UpdateBudgetCommand command) =>
        await new UpdateBudgetCommandHandler(_ports.Budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, TestCaller.Admin(), _ports.Tags, _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class UpdateBudgetCommandValidatorTests
{
    private readonly UpdateBudgetCommandValidator _validator = new();

    [Test]
    public void ShouldRequireTheBudgetId() =>
        Assert.That(_validator.Messages(new UpdateBudgetCommand { BudgetId = "" }), Is.EqualTo(new[] { "budget_id is required" }));

    [Test]
    public void ShouldApplyTheBudgetFieldRules() =>
        Assert.That(_validator.InvalidFields(new UpdateBudgetCommand { BudgetId = "b", SoftBudget = -1, TpmLimit = -5 }), Is.EquivalentTo(new[] { "soft_budget", "tpm_limit" }));
}
