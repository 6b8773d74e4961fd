using ProxyAdmin.Application.Common.Concurrency;
using Moq;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Budgets.Commands.DeleteBudget;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Application.UnitTests.Budgets;

public sealed class DeleteBudgetCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Budget _budget = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _budget = BudgetFixtures.Budget("b1", maxBudget: 5);
        _ports.GivenBudgets(_budget);
        _ports.Budgets.GivenLinks("b1", total: 0);
    }

    [Test]
    public async Task ShouldDeleteARowNothingLinksAndAnswerIt()
    {
        var deleted = await Handle(new DeleteBudgetCommand { Id = "b1" });

        Assert.That(deleted.BudgetId, Is.EqualTo("b1"));
        Assert.That(deleted.MaxBudget, Is.EqualTo(5));
        _ports.Budgets.Verify(r => r.Remove(_budget), Times.Once);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheDeletedRow()
    {
        var deleted = await Handle(new DeleteBudgetCommand { Id = "b1" });

        var record = _ports.AuditRecords.Single();
        Assert.That((record.Action, record.TableName, record.ObjectId), Is.EqualTo((AuditAction.Deleted, AuditTables.Budgets, "b1")));
        Assert.That(record.Before, Is.EqualTo(deleted));
        Assert.That(record.After, Is.Null);
    }

    [Test]
    public void ShouldRefuseARowStillLinkedNamingWhatLinksIt()
    {
        _ports.Budgets.GivenLinks("b1", total: 2, new BudgetLink("project", "p1"), new BudgetLink("team member", "t1/alice"));

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new DeleteBudgetCommand { Id = "b1" }));

        Assert.That(conflict!.Message, Is.EqualTo("Cannot delete budget b1: 2 object(s) link it (project p1, team member t1/alice). Unlink them first."));
        Assert.That(conflict.Param, Is.EqualTo("id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldSayHowManyMoreLinkItThanItNames()
    {
        _ports.Budgets.GivenLinks("b1", total: 25, new BudgetLink("key", "abc"));

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new DeleteBudgetCommand { Id = "b1" }));

        Assert.That(conflict!.Message, Does.Contain("25 object(s) link it (key abc, and 24 more)"));
    }

    [Test]
    public void ShouldAnswerAnUnknownId404()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteBudgetCommand { Id = "ghost" }));

        Assert.That(missing!.Param, Is.EqualTo("id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldDeleteNothingWhenOneIfMatchIsStale()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Budgets, "b1", 1);

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new DeleteBudgetCommand { Id = "b1" }));

        Assert.That(stale!.Message, Does.Contain("the resource"));
        Assert.That(stale.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Budgets, "b1", 0)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldDeleteUnderTheCurrentTags()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Budgets, "b1", 0);

        await Handle(new DeleteBudgetCommand { Id = "b1" });

        _ports.UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    private async Task<BudgetDto> Handle(DeleteBudgetCommand command) =>
        await new DeleteBudgetCommandHandler(_ports.Budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, _ports.Tags).Handle(command, CancellationToken.None);
}

public sealed class DeleteBudgetCommandValidatorTests
{
    [Test]
    public void ShouldRequireTheId() =>
        Assert.That(new DeleteBudgetCommandValidator().Messages(new DeleteBudgetCommand { Id = "" }), Is.EqualTo(new[] { "'id' is required: the budget_id to delete." }));
}
