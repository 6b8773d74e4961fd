using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Budgets.Commands.CreateBudget;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Application.UnitTests.Budgets;

public sealed class CreateBudgetCommandHandlerTests
{
    private HandlerPorts _ports = null!;

    [SetUp]
    public void SetUp() => _ports = new HandlerPorts();

    [Test]
    public async Task ShouldCreateTheRowWithTheChosenIdAndStartItsFirstPeriodNow()
    {
        Budget? added = null;
        _ports.Budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(b => added = b);

        var created = await Handle(new CreateBudgetCommand { BudgetId = "monthly", MaxBudget = 100, SoftBudget = 80, BudgetDuration = "30d", TpmLimit = 5 });

        Assert.That(created.BudgetId, Is.EqualTo("monthly"));
        Assert.That(created.MaxBudget, Is.EqualTo(100));
        Assert.That(created.SoftBudget, Is.EqualTo(80));
        Assert.That(created.TpmLimit, Is.EqualTo(5));
        Assert.That(created.BudgetResetAt, Is.EqualTo(_ports.Now.AddDays(30)));
        Assert.That(created.CreatedBy, Is.EqualTo("admin"));
        Assert.That(added!.BudgetId, Is.EqualTo("monthly"));
        Assert.That(added.Standalone, Is.True, "a row made on its own outlives the projects that link it");
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldGiveARowWithoutAChosenIdANewUuid()
    {
        var created = await Handle(new CreateBudgetCommand { MaxBudget = 1 });

        Assert.That(Guid.TryParse(created.BudgetId, out _), Is.True, created.BudgetId);
    }

    [Test]
    public async Task ShouldTakeAnExplicitFirstReset()
    {
        var resetAt = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var created = await Handle(new CreateBudgetCommand { BudgetDuration = "30d", BudgetResetAt = resetAt });

        Assert.That(created.BudgetResetAt, Is.EqualTo(resetAt));
    }

    [Test]
    public async Task ShouldAuditTheCreatedRow()
    {
        var created = await Handle(new CreateBudgetCommand { BudgetId = "b", ModelMaxBudget = new JsonObject { ["gpt-4o"] = 10 } });

        var record = _ports.AuditRecords.Single();
        Assert.That((record.Action, record.TableName, record.ObjectId), Is.EqualTo((AuditAction.Created, AuditTables.Budgets, "b")));
        Assert.That(record.Before, Is.Null);
        Assert.That(record.After, Is.EqualTo(created));
    }

    [Test]
    public void ShouldRefuseAnIdThatExists()
    {
        _ports.GivenBudgets(BudgetFixtures.Budget("taken", maxBudget: 1));

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new CreateBudgetCommand { BudgetId = "taken" }));

        Assert.That(conflict!.Message, Is.EqualTo("Budget with id 'taken' already exists."));
        Assert.That(conflict.Param, Is.EqualTo("budget_id"));
        _ports.VerifyNothingWritten();
    }

    private async Task<BudgetDto> Handle(CreateBudgetCommand command) =>
        await new CreateBudgetCommandHandler(_ports.Budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, TestCaller.Admin(), _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class CreateBudgetCommandValidatorTests
{
    private readonly CreateBudgetCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAFullRow() =>
        Assert.That(_validator.InvalidFields(new CreateBudgetCommand
        {
            BudgetId = "b-1",
            MaxBudget = 10,
            SoftBudget = 5,
            MaxParallelRequests = 2,
            TpmLimit = 100,
            RpmLimit = 10,
            BudgetDuration = "1mo",
            // Parsed, as the wire gives it: a number built in code does not read as a double.
            ModelMaxBudget = JsonNode.Parse("""{"gpt-4o": {"max_budget": 1, "budget_duration": "1d"}}""")!.AsObject(),
        }), Is.Empty);

    [Test]
    public void ShouldRefuseANegativeMaxBudget() =>
        Assert.That(_validator.Messages(new CreateBudgetCommand { MaxBudget = -1 }), Is.EqualTo(new[] { "max_budget cannot be negative. Received: -1" }));

    [Test]
    public void ShouldRefuseAnInfiniteMaxBudget() =>
        Assert.That(_validator.InvalidFields(new CreateBudgetCommand { MaxBudget = double.PositiveInfinity }), Is.EqualTo(new[] { "max_budget" }));

    [Test]
    public void ShouldRefuseASoftBudgetNotBelowTheMax() =>
        Assert.That(_validator.InvalidFields(new CreateBudgetCommand { MaxBudget = 10, SoftBudget = 10 }), Is.EqualTo(new[] { "soft_budget" }));

    [Test]
    public void ShouldRefuseNegativeLimits() =>
        Assert.That(_validator.InvalidFields(new CreateBudgetCommand { TpmLimit = -1, RpmLimit = -1, MaxParallelRequests = -1 }),
            Is.EquivalentTo(new[] { "tpm_limit", "rpm_limit", "max_parallel_requests" }));

    [Test]
    public void ShouldRefuseADurationLiteLlmDoesNotRead() =>
        Assert.That(_validator.InvalidFields(new CreateBudgetCommand { BudgetDuration = "fortnightly" }), Is.EqualTo(new[] { "budget_duration" }));

    [TestCase("")]
    [TestCase("has space")]
    public void ShouldRefuseABadId(string budgetId) =>
        Assert.That(_validator.InvalidFields(new CreateBudgetCommand { BudgetId = budgetId }), Is.EqualTo(new[] { "budget_id" }));

    [Test]
    public void ShouldRefuseAnIdLongerThanTheColumn() =>
        Assert.That(_validator.InvalidFields(new CreateBudgetCommand { BudgetId = new string('b', Budget.IdMaxLength + 1) }), Is.EqualTo(new[] { "budget_id" }));
}
