using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Application.Common.Concurrency;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Projects.Queries.GetProjectInfo;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.UnitTests.Projects;

public sealed class GetProjectInfoQueryHandlerTests
{
    private HandlerPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _ports.GivenTeams(TeamFixtures.TeamWithAdminAndMember("t1", "alice", "bob"));
        _ports.GivenProjects(ProjectFixtures.Project("p1", "t1", ProjectFixtures.Budget(maxBudget: 12), new ProjectSettings { ProjectAlias = "chatbot" }));
    }

    [Test]
    public async Task ShouldShowTheProjectWithItsBudgetToAMemberOfItsTeam()
    {
        var project = await Handle(new GetProjectInfoQuery("p1"), TestCaller.InternalUser("bob"));

        Assert.That(project.ProjectId, Is.EqualTo("p1"));
        Assert.That(project.ProjectAlias, Is.EqualTo("chatbot"));
        Assert.That(project.TeamId, Is.EqualTo("t1"));
        Assert.That(project.LitellmBudgetTable!.MaxBudget, Is.EqualTo(12));
    }

    [Test]
    public async Task ShouldShowAnyProjectToAnAdminViewer()
    {
        var project = await Handle(new GetProjectInfoQuery("p1"), TestCaller.AdminViewer());

        Assert.That(project.ProjectId, Is.EqualTo("p1"));
    }

    [Test]
    public void ShouldHideTheProjectFromAnOutsider()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetProjectInfoQuery("p1"), TestCaller.InternalUser("mallory")));

        Assert.That(missing!.Message, Is.EqualTo("Project not found, project_id=p1"));
        Assert.That(missing.Param, Is.EqualTo("project_id"));
    }

    [Test]
    public async Task ShouldShowTheProjectToAServiceAccountOfItsTeamOnly()
    {
        var project = await Handle(new GetProjectInfoQuery("p1"), TestCaller.ServiceAccount("t1"));

        Assert.That(project.ProjectId, Is.EqualTo("p1"));
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetProjectInfoQuery("p1"), TestCaller.ServiceAccount("t2")));
    }

    [Test]
    public void ShouldHideAProjectWhoseTeamIsGoneFromEveryoneButAdmins()
    {
        _ports.GivenProjects(ProjectFixtures.Project("orphan", "gone", ProjectFixtures.Budget(maxBudget: 1), new ProjectSettings()));

        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetProjectInfoQuery("orphan"), TestCaller.InternalUser("bob")));
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetProjectInfoQuery("orphan"), TestCaller.ServiceAccount("gone")));
    }

    [Test]
    public async Task ShouldReadTheProjectWithTheCallersMembershipInOneReadNotLoadTheTeam()
    {
        await Handle(new GetProjectInfoQuery("p1"), TestCaller.InternalUser("bob"));

        _ports.Projects.Verify(r => r.ReadAsync("p1", "bob", It.IsAny<CancellationToken>()), Times.Once);
        _ports.Teams.Verify(r => r.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public void ShouldRefuseAnUnknownProjectWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetProjectInfoQuery("ghost"), TestCaller.Admin()));

        Assert.That(missing!.Message, Does.Contain("ghost"));
    }

    [Test]
    public async Task ShouldAnswerWithTheTagOfTheStoredVersionShown()
    {
        await Handle(new GetProjectInfoQuery("p1"), TestCaller.AdminViewer());

        Assert.That(_ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Projects, "p1", 0) }));
    }

    private async Task<ProjectDto> Handle(GetProjectInfoQuery query, ICurrentCaller caller) =>
        await new GetProjectInfoQueryHandler(_ports.Projects.Object, caller, _ports.StandingOf(caller), _ports.Tags).Handle(query, CancellationToken.None);
}

public sealed class GetProjectInfoQueryValidatorTests
{
    private readonly GetProjectInfoQueryValidator _validator = new();

    [Test]
    public void ShouldAcceptAProjectId() => Assert.That(_validator.InvalidFields(new GetProjectInfoQuery("p1")), Is.Empty);

    [Test]
    public void ShouldRequireTheProjectId() =>
        Assert.That(_validator.Messages(new GetProjectInfoQuery("")), Is.EqualTo(new[] { "'project_id' is required." }));
}
