using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Application.Common.Concurrency;
using ProxyAdmin.Application.Budgets.Queries.GetBudgetInfo;
using ProxyAdmin.Application.UnitTests.TestSupport;

namespace ProxyAdmin.Application.UnitTests.Budgets;

public sealed class GetBudgetInfoQueryHandlerTests
{
    [Test]
    public async Task ShouldAnswerTheRowsThatExistInTheOrderAskedOnceEach()
    {
        var ports = new HandlerPorts();
        ports.GivenBudgets(BudgetFixtures.Budget("a", maxBudget: 1), BudgetFixtures.Budget("b", maxBudget: 2));

        var found = await new GetBudgetInfoQueryHandler(ports.Budgets.Object, ports.Tags)
            .Handle(new GetBudgetInfoQuery { Budgets = ["b", "ghost", "a", "b"] }, CancellationToken.None);

        Assert.That(found.Select(b => (b.BudgetId, b.MaxBudget)), Is.EqualTo(new[] { ("b", (double?)2), ("a", 1) }));
    }

    [Test]
    public async Task ShouldTagAnAnswerOfOneRowAndNoAnswerOfSeveral()
    {
        var ports = new HandlerPorts();
        ports.GivenBudgets(BudgetFixtures.Budget("a", maxBudget: 1), BudgetFixtures.Budget("b", maxBudget: 2));
        var handler = new GetBudgetInfoQueryHandler(ports.Budgets.Object, ports.Tags);

        await handler.Handle(new GetBudgetInfoQuery { Budgets = ["a", "b"] }, CancellationToken.None);
        Assert.That(ports.Conditional.Answered, Is.Empty);

        await handler.Handle(new GetBudgetInfoQuery { Budgets = ["a", "a"] }, CancellationToken.None);
        Assert.That(ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Budgets, "a", 0) }));
    }
}

public sealed class GetBudgetInfoQueryValidatorTests
{
    private readonly GetBudgetInfoQueryValidator _validator = new();

    [Test]
    public void ShouldRequireAtLeastOneId() =>
        Assert.That(_validator.Messages(new GetBudgetInfoQuery { Budgets = [] }), Is.EqualTo(new[] { "Specify list of budget id's to query. Passed in=[]" }));

    [Test]
    public void ShouldRefuseAnEmptyId() =>
        Assert.That(_validator.Messages(new GetBudgetInfoQuery { Budgets = ["a", ""] }), Is.EqualTo(new[] { "'budgets' must not contain empty values." }));

    [Test]
    public void ShouldBoundHowManyIdsOneRequestAsksFor() =>
        Assert.That(_validator.InvalidFields(new GetBudgetInfoQuery { Budgets = [.. Enumerable.Range(0, GetBudgetInfoQuery.MaxBudgets + 1).Select(i => $"b{i}")] }),
            Is.EqualTo(new[] { "budgets" }));
}
