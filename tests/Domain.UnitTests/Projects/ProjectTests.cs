using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.UnitTests.TestSupport;

namespace ProxyAdmin.Domain.UnitTests.Projects;

public sealed class ProjectTests
{
    private static ProjectSettings FullSettings() => new()
    {
        ProjectAlias = "Search",
        Description = "The search backend",
        Models = ["gpt-4o"],
        Metadata = new JsonObject { ["owner"] = "search", ["tier"] = 1 },
    };

    private static Project FullProject() => Project.Create("p1", "t1", FullSettings(), Stamps.Created);

    [Test]
    public void CreatingTakesTheIdTeamSettingsAndStamp()
    {
        var project = FullProject();

        Assert.That(project.ProjectId, Is.EqualTo("p1"));
        Assert.That(project.TeamId, Is.EqualTo("t1"));
        Assert.That(project.ProjectAlias, Is.EqualTo("Search"));
        Assert.That(project.Description, Is.EqualTo("The search backend"));
        Assert.That(project.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(project.Metadata.ToJsonString(), Is.EqualTo("""{"owner":"search","tier":1}"""));
        Assert.That(project.Blocked, Is.False);
        Assert.That(project.Spend, Is.Zero);
        Assert.That(project.BudgetId, Is.Null);
        Assert.That(project.Budget, Is.Null);
        Assert.That(project.ObjectPermission, Is.Null);
        Assert.That(project.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(project.CreatedBy, Is.EqualTo("alice"));
        Assert.That(project.UpdatedAt, Is.EqualTo(Stamps.At));
        Assert.That(project.UpdatedBy, Is.EqualTo("alice"));
    }

    [Test]
    public void CreatingBlockedTakesTheFlag() =>
        Assert.That(Project.Create("p1", "t1", new ProjectSettings { Blocked = true }, Stamps.Created).Blocked, Is.True);

    [Test]
    public void UpdatingAppliesOnlyTheFieldsGiven()
    {
        var project = FullProject();

        project.Update(new ProjectSettings { Description = "Now also ranking" }, Stamps.Updated);

        Assert.That(project.Description, Is.EqualTo("Now also ranking"));
        Assert.That(project.ProjectAlias, Is.EqualTo("Search"));
        Assert.That(project.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(project.Metadata.ToJsonString(), Is.EqualTo("""{"owner":"search","tier":1}"""));
        Assert.That(project.Blocked, Is.False);
        Assert.That(project.TeamId, Is.EqualTo("t1"));
    }

    [Test]
    public void UpdatingReplacesAliasModelsAndBlocked()
    {
        var project = FullProject();

        project.Update(new ProjectSettings { ProjectAlias = "Ranking", Models = ["claude", "mistral"], Blocked = true }, Stamps.Updated);

        Assert.That(project.ProjectAlias, Is.EqualTo("Ranking"));
        Assert.That(project.Models, Is.EqualTo(new[] { "claude", "mistral" }));
        Assert.That(project.Blocked, Is.True);
    }

    [Test]
    public void UpdatingMergesMetadataAndANullRemovesAKey()
    {
        var project = FullProject();

        project.Update(new ProjectSettings { Metadata = new JsonObject { ["owner"] = null, ["tier"] = 2 } }, Stamps.Updated);

        Assert.That(project.Metadata.ToJsonString(), Is.EqualTo("""{"tier":2}"""));
    }

    [Test]
    public void UpdatingStampsTheUpdateAndKeepsTheCreation()
    {
        var project = FullProject();

        project.Update(new ProjectSettings(), Stamps.Updated);

        AssertTouchedByTheUpdate(project);
    }

    [Test]
    public void MovingChangesTheTeamAndStamps()
    {
        var project = FullProject();

        project.MoveTo("t2", Stamps.Updated);

        Assert.That(project.TeamId, Is.EqualTo("t2"));
        AssertTouchedByTheUpdate(project);
    }

    [Test]
    public void LinkingABudgetSetsItAndItsId()
    {
        var project = FullProject();
        var budget = Budget.Create(new BudgetSettings { MaxBudget = 10 }, Stamps.Created);

        project.LinkBudget(budget);

        Assert.That(project.Budget, Is.SameAs(budget));
        Assert.That(project.BudgetId, Is.EqualTo(budget.BudgetId));
    }

    [Test]
    public void LinkingAnotherBudgetReplacesTheLink()
    {
        var project = FullProject();
        project.LinkBudget(Budget.Create(new BudgetSettings { MaxBudget = 10 }, Stamps.Created));
        var second = Budget.Create(new BudgetSettings { MaxBudget = 20 }, Stamps.Created);

        project.LinkBudget(second);

        Assert.That(project.Budget, Is.SameAs(second));
        Assert.That(project.BudgetId, Is.EqualTo(second.BudgetId));
    }

    [Test]
    public void SettingAPermissionTheFirstTimeCreatesAndLinksIt()
    {
        var project = FullProject();

        project.SetPermission(new ObjectPermissionSettings { Agents = ["agent-1"] });

        Assert.That(project.ObjectPermission, Is.Not.Null);
        Assert.That(project.ObjectPermissionId, Is.EqualTo(project.ObjectPermission!.ObjectPermissionId));
        Assert.That(project.ObjectPermission.Agents, Is.EqualTo(new[] { "agent-1" }));
    }

    [Test]
    public void SettingAPermissionAgainChangesTheSameOneInPlace()
    {
        var project = FullProject();
        project.SetPermission(new ObjectPermissionSettings { Agents = ["agent-1"], BlockedTools = ["shell"] });
        var first = project.ObjectPermission!;
        var firstId = project.ObjectPermissionId;

        project.SetPermission(new ObjectPermissionSettings { Agents = ["agent-2"] });

        Assert.That(project.ObjectPermission, Is.SameAs(first));
        Assert.That(project.ObjectPermissionId, Is.EqualTo(firstId));
        Assert.That(first.Agents, Is.EqualTo(new[] { "agent-2" }));
        Assert.That(first.BlockedTools, Is.EqualTo(new[] { "shell" }));
    }

    private static void AssertTouchedByTheUpdate(Project project)
    {
        Assert.That(project.UpdatedAt, Is.EqualTo(Stamps.Later));
        Assert.That(project.UpdatedBy, Is.EqualTo("bob"));
        Assert.That(project.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(project.CreatedBy, Is.EqualTo("alice"));
    }
}
