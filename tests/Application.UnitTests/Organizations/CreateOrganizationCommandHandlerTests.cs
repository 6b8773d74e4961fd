using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Organizations.Commands.CreateOrganization;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.UnitTests.Budgets;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.UnitTests.Organizations;

public sealed class CreateOrganizationCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Organization? _added;
    private List<Budget> _stagedBudgets = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _added = null;
        _stagedBudgets = [];
        _ports.Organizations.Setup(r => r.Add(It.IsAny<Organization>())).Callback<Organization>(o => _added = o);
        _ports.Budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(_stagedBudgets.Add);
    }

    [Test]
    public async Task ShouldStageTheOrganizationWithANewBudgetRowOfItsLimitsAndReturnIt()
    {
        var created = await Handle(new CreateOrganizationCommand
        {
            OrganizationId = "org-1",
            OrganizationAlias = "Acme",
            Models = ["gpt-4o", "claude"],
            Metadata = new JsonObject { ["cost_center"] = "42" },
            MaxBudget = 100,
            SoftBudget = 80,
            TpmLimit = 1000,
            RpmLimit = 10,
            MaxParallelRequests = 3,
            BudgetDuration = "30d",
        });

        var budget = _stagedBudgets.Single();
        Assert.That((budget.MaxBudget, budget.SoftBudget, budget.TpmLimit, budget.RpmLimit, budget.MaxParallelRequests), Is.EqualTo(((double?)100, (double?)80, (long?)1000, (long?)10, (int?)3)));
        Assert.That(budget.BudgetResetAt, Is.EqualTo(_ports.Now.AddDays(30)));
        Assert.That(budget.Standalone, Is.False, "the row is the organization's own, and goes with it");
        Assert.That(budget.CreatedBy, Is.EqualTo("admin"));

        Assert.That(_added, Is.Not.Null);
        Assert.That(_added!.OrganizationId, Is.EqualTo("org-1"));
        Assert.That(_added.OrganizationAlias, Is.EqualTo("Acme"));
        Assert.That(_added.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(_added.Metadata.ToJsonString(), Is.EqualTo("""{"cost_center":"42"}"""));
        Assert.That(_added.BudgetId, Is.EqualTo(budget.BudgetId));
        Assert.That((_added.CreatedBy, _added.CreatedAt, _added.UpdatedBy, _added.UpdatedAt), Is.EqualTo(("admin", _ports.Now, "admin", _ports.Now)));
        _ports.VerifySavedOnce();

        Assert.That(created.OrganizationId, Is.EqualTo("org-1"));
        Assert.That(created.BudgetId, Is.EqualTo(budget.BudgetId));
        Assert.That(created.LitellmBudgetTable!.MaxBudget, Is.EqualTo(100));
        Assert.That(created.LitellmBudgetTable.TpmLimit, Is.EqualTo(1000));
        Assert.That(created.Members, Is.Empty);
        Assert.That(created.Teams, Is.Empty);
    }

    [Test]
    public async Task ShouldAuditTheCreatedOrganizationInTheSameSave()
    {
        var created = await Handle(new CreateOrganizationCommand { OrganizationId = "org-1", OrganizationAlias = "Acme" });

        var row = _ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Created, AuditTables.Organizations, "org-1")));
        Assert.That(row.Before, Is.Null);
        Assert.That(row.After, Is.EqualTo(created));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldGiveEveryOrganizationABudgetRowEvenWithoutBudgetFields()
    {
        var created = await Handle(new CreateOrganizationCommand { OrganizationAlias = "Acme" });

        var budget = _stagedBudgets.Single();
        Assert.That((budget.MaxBudget, budget.TpmLimit, budget.RpmLimit), Is.EqualTo(((double?)null, (long?)null, (long?)null)));
        Assert.That(created.BudgetId, Is.EqualTo(budget.BudgetId));
    }

    [Test]
    public async Task ShouldGiveTheOrganizationANewUuidWhenNoIdIsSent()
    {
        var created = await Handle(new CreateOrganizationCommand { OrganizationAlias = "Acme" });

        Assert.That(Guid.TryParse(created.OrganizationId, out _), Is.True, created.OrganizationId);
        _ports.Organizations.Verify(r => r.ExistsAsync(created.OrganizationId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldLinkAnExistingBudgetRowInsteadOfCreatingOne()
    {
        var shared = BudgetFixtures.Budget("shared", maxBudget: 500);
        _ports.GivenBudgets(shared);

        var created = await Handle(new CreateOrganizationCommand { OrganizationId = "org-1", OrganizationAlias = "Acme", BudgetId = "shared" });

        Assert.That(_stagedBudgets, Is.Empty);
        Assert.That(_added!.Budget, Is.SameAs(shared));
        Assert.That(created.BudgetId, Is.EqualTo("shared"));
        Assert.That(created.LitellmBudgetTable!.MaxBudget, Is.EqualTo(500));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAttachTheObjectPermission()
    {
        var created = await Handle(new CreateOrganizationCommand
        {
            OrganizationId = "org-1",
            OrganizationAlias = "Acme",
            ObjectPermission = new ObjectPermissionRequest { VectorStores = ["vs-1"] },
        });

        Assert.That(_added!.ObjectPermission, Is.Not.Null);
        Assert.That(created.ObjectPermissionId, Is.EqualTo(_added.ObjectPermission!.ObjectPermissionId));
        Assert.That(created.ObjectPermission!.VectorStores, Is.EqualTo(new[] { "vs-1" }));
    }

    [Test]
    public async Task ShouldLetTheMasterKeyCreateAnOrganization()
    {
        var created = await Handle(new CreateOrganizationCommand { OrganizationId = "org-1", OrganizationAlias = "Acme" }, TestCaller.MasterKey);

        Assert.That(created.CreatedBy, Is.EqualTo(SpecialValues.DefaultUserId));
        Assert.That(_added!.Members, Is.Empty, "the master key is nobody, so it joins nothing");
    }

    [Test]
    public void ShouldRefuseAnExistingIdWithConflict()
    {
        _ports.GivenOrganizations(OrganizationFixtures.Organization("org-1"));

        var conflict = Assert.ThrowsAsync<ConflictException>(async () =>
            await Handle(new CreateOrganizationCommand { OrganizationId = "org-1", OrganizationAlias = "Again", MaxBudget = 5 }));

        Assert.That(conflict!.Param, Is.EqualTo("organization_id"));
        Assert.That(conflict.Message, Is.EqualTo("Organization id = org-1 already exists. Please use a different organization id."));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownBudgetIdWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new CreateOrganizationCommand { OrganizationId = "org-1", OrganizationAlias = "Acme", BudgetId = "ghost" }));

        Assert.That(missing!.Message, Is.EqualTo("Budget not found, budget_id=ghost"));
        Assert.That(missing.Param, Is.EqualTo("budget_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void OnlyProxyAdminsMaySendIt()
    {
        var authorize = (AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(CreateOrganizationCommand), typeof(AuthorizeAttribute))!;

        Assert.That(authorize.Policy, Is.EqualTo(AccessPolicy.ProxyAdmin));
        Assert.That(authorize.Refusal, Is.EqualTo("Only proxy admins can create organizations"));
    }

    private async Task<OrganizationDto> Handle(CreateOrganizationCommand command, ICurrentCaller? caller = null) =>
        await new CreateOrganizationCommandHandler(
                _ports.Organizations.Object, _ports.Budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller ?? TestCaller.Admin(), _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class CreateOrganizationCommandValidatorTests
{
    private readonly CreateOrganizationCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAFullRequest() =>
        Assert.That(
            _validator.InvalidFields(new CreateOrganizationCommand
            {
                OrganizationId = "org-1",
                OrganizationAlias = "Acme",
                Models = ["gpt-4o"],
                MaxBudget = 10,
                SoftBudget = 5,
                TpmLimit = 100,
                BudgetDuration = "1mo",
                ObjectPermission = new ObjectPermissionRequest { VectorStores = ["vs-1"] },
            }),
            Is.Empty);

    [Test]
    public void ShouldRequireTheAlias() =>
        Assert.That(_validator.Messages(new CreateOrganizationCommand { OrganizationId = "org-1" }), Is.EqualTo(new[] { "'organization_alias' is required." }));

    [Test]
    public void ShouldRejectABlankAliasAndOneTooLong()
    {
        Assert.That(_validator.InvalidFields(new CreateOrganizationCommand { OrganizationAlias = "  " }), Has.Member("organization_alias"));
        Assert.That(
            _validator.InvalidFields(new CreateOrganizationCommand { OrganizationAlias = new string('a', Organization.AliasMaxLength + 1) }),
            Is.EqualTo(new[] { "organization_alias" }));
    }

    [Test]
    public void ShouldRejectAnOrganizationIdWithSpaces() =>
        Assert.That(_validator.InvalidFields(new CreateOrganizationCommand { OrganizationId = "my org", OrganizationAlias = "Acme" }), Is.EqualTo(new[] { "organization_id" }));

    [Test]
    public void ShouldRefuseABudgetIdCombinedWithBudgetFields() =>
        Assert.That(
            _validator.Messages(new CreateOrganizationCommand { OrganizationAlias = "Acme", BudgetId = "shared", TpmLimit = 5 }),
            Is.EqualTo(new[]
            {
                "budget_id links an existing budget; it cannot be combined with budget fields (max_budget, soft_budget, tpm_limit, rpm_limit, max_parallel_requests, model_max_budget, budget_duration).",
            }));

    [Test]
    public void ShouldRejectABlankBudgetId() =>
        Assert.That(_validator.InvalidFields(new CreateOrganizationCommand { OrganizationAlias = "Acme", BudgetId = " " }), Is.EqualTo(new[] { "budget_id" }));

    [Test]
    public void ShouldApplyTheBudgetFieldRules() =>
        Assert.That(
            _validator.InvalidFields(new CreateOrganizationCommand { OrganizationAlias = "Acme", MaxBudget = -1, TpmLimit = -1, RpmLimit = -1, BudgetDuration = "fortnightly" }),
            Is.EquivalentTo(new[] { "max_budget", "tpm_limit", "rpm_limit", "budget_duration" }));

    [Test]
    public void ShouldRequireTheSoftBudgetBelowTheMaxBudget() =>
        Assert.That(
            _validator.Messages(new CreateOrganizationCommand { OrganizationAlias = "Acme", MaxBudget = 10, SoftBudget = 10 }),
            Is.EqualTo(new[] { "soft_budget (10) must be strictly lower than max_budget (10)" }));

    [Test]
    public void ShouldRejectBlankModels() =>
        Assert.That(_validator.InvalidFields(new CreateOrganizationCommand { OrganizationAlias = "Acme", Models = ["gpt-4o", ""] }), Is.EqualTo(new[] { "models" }));
}
