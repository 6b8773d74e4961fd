using Moq;
using ProxyAdmin.Application.Common.Concurrency;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Credentials;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>One audit row as a handler staged it.</summary>
public sealed record AuditRecord(AuditAction Action, string TableName, string ObjectId, object? Before, object? After);

/// <summary>
/// The ports a command handler talks to, as mocks: repositories, secrets, the audit trail and the unit of
/// work. Audit rows and post-commit actions are captured so tests can read them back and run the commit.
/// </summary>
public sealed class HandlerPorts
{
    private readonly List<Action> _onCommitted = [];
    private readonly List<Team> _teams = [];
    private readonly List<Project> _projects = [];

    public HandlerPorts()
    {
        Secrets.Setup(s => s.ToHash(It.IsAny<string>())).Returns<string>(TestSecrets.ToHash);
        Secrets.Setup(s => s.Hash(It.IsAny<string>())).Returns<string>(TestSecrets.Hash);
        Secrets.Setup(s => s.Stored(It.IsAny<string>())).Returns<string>(TestSecrets.Stored);
        Secrets.Setup(s => s.NewSecret()).Returns(() =>
        {
            var plaintext = $"sk-issued-by-test-{IssuedSecrets.Count + 1:D4}";
            IssuedSecrets.Add(plaintext);
            return (plaintext, TestSecrets.Stored(plaintext));
        });
        Audit.Setup(a => a.Record(It.IsAny<AuditAction>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<object?>()))
            .Callback<AuditAction, string, string, object?, object?>((action, table, id, before, after) =>
                AuditRecords.Add(new AuditRecord(action, table, id, before, after)));
        UnitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()))
            .Callback(() => AuditRecordsWhenSaved = AuditRecords.Count)
            .Returns(Task.CompletedTask);
        UnitOfWork.Setup(u => u.OnCommitted(It.IsAny<Action>())).Callback<Action>(_onCommitted.Add);

        // The teams whose given projects link the budget, as the repository's query answers.
        Budgets.Setup(r => r.TeamsOfLinkingProjectsAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string budgetId, string? exceptProjectId, CancellationToken _) =>
                _teams.Where(t => _projects.Exists(p => p.BudgetId == budgetId && p.TeamId == t.TeamId && p.ProjectId != exceptProjectId)).ToList());
        Budgets.Setup(r => r.TeamsOfLinkingOrganizationsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        Organizations.Setup(r => r.AdministeredByAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        Organizations.Setup(r => r.GetWithMembersAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        Organizations.Setup(r => r.TeamIdsInAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => _teams.Where(t => t.OrganizationId is { } id && ids.Contains(id)).Select(t => t.TeamId).ToList());
        Teams.Setup(r => r.GetTeamIdsOfMemberAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string userId, CancellationToken _) => _teams.Where(t => t.IsMember(userId)).Select(t => t.TeamId).ToList());
    }

    public Mock<IUserRepository> Users { get; } = new();
    public Mock<IVirtualKeyRepository> Keys { get; } = new();
    public Mock<ITeamRepository> Teams { get; } = new();
    public Mock<IProjectRepository> Projects { get; } = new();
    public Mock<IBudgetRepository> Budgets { get; } = new();
    public Mock<IOrganizationRepository> Organizations { get; } = new();
    public Mock<IModelRepository> Models { get; } = new();
    public Mock<ICredentialRepository> Credentials { get; } = new();
    public Mock<IVirtualKeySecrets> Secrets { get; } = new();
    public Mock<IAuditTrail> Audit { get; } = new();
    public Mock<IUnitOfWork> UnitOfWork { get; } = new();
    public FixedClock Clock { get; } = new();

    /// <summary>The request's If-Match and the entity tags handlers answer with.</summary>
    public TestConditionalRequest Conditional { get; } = new();

    public EntityTags Tags => new(Conditional);

    /// <summary>The caller's organization standing, read through <see cref="Organizations"/>.</summary>
    public OrganizationStanding StandingOf(ICurrentCaller caller) => new(Organizations.Object, caller);

    public TeamOrganizationRules OrganizationRules => new(Organizations.Object);

    public TeamMemberResolver MemberResolver => new(new MemberUserResolver(Users.Object, Audit.Object));

    /// <summary>Plaintexts handed out by <see cref="IVirtualKeySecrets.NewSecret"/>, in order.</summary>
    public List<string> IssuedSecrets { get; } = [];

    public List<AuditRecord> AuditRecords { get; } = [];

    /// <summary>How many audit rows were staged when changes were saved: they must all go in the same save.</summary>
    public int? AuditRecordsWhenSaved { get; private set; }

    public DateTime Now => Clock.UtcNow;

    public void GivenUsers(params User[] users)
    {
        foreach (var user in users)
        {
            Users.Setup(r => r.GetAsync(user.UserId, It.IsAny<CancellationToken>())).ReturnsAsync(user);
            Users.Setup(r => r.ExistsAsync(user.UserId, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        }
    }

    public void GivenKeys(params VirtualKey[] keys)
    {
        foreach (var key in keys)
        {
            Keys.Setup(r => r.GetByTokenAsync(key.Token, It.IsAny<CancellationToken>())).ReturnsAsync(key);
            Keys.Setup(r => r.ReadByTokenAsync(key.Token, It.IsAny<CancellationToken>())).ReturnsAsync(key);
        }

        Keys.Setup(r => r.GetByTokensAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> tokens, CancellationToken _) => keys.Where(k => tokens.Contains(k.Token)).ToList());
        Keys.Setup(r => r.GetByAliasesAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> aliases, CancellationToken _) =>
                keys.Where(k => k.KeyAlias is not null && aliases.Contains(k.KeyAlias)).ToList());
    }

    public void GivenTeams(params Team[] teams)
    {
        _teams.AddRange(teams);
        foreach (var team in teams)
        {
            Teams.Setup(r => r.GetAsync(team.TeamId, It.IsAny<CancellationToken>())).ReturnsAsync(team);
            Teams.Setup(r => r.ReadAsync(team.TeamId, It.IsAny<CancellationToken>())).ReturnsAsync(team);
            Teams.Setup(r => r.ExistsAsync(team.TeamId, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        }
    }

    /// <summary>Organizations the repository finds, and the roles their members have, as the queries answer.</summary>
    public void GivenOrganizations(params Organization[] organizations)
    {
        foreach (var organization in organizations)
        {
            Organizations.Setup(r => r.GetAsync(organization.OrganizationId, It.IsAny<CancellationToken>())).ReturnsAsync(organization);
            Organizations.Setup(r => r.ReadAsync(organization.OrganizationId, It.IsAny<CancellationToken>())).ReturnsAsync(organization);
            Organizations.Setup(r => r.ExistsAsync(organization.OrganizationId, It.IsAny<CancellationToken>())).ReturnsAsync(true);
            Organizations.Setup(r => r.RoleOfAsync(organization.OrganizationId, It.IsAny<string>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync((string _, string userId, CancellationToken _) => organization.FindMember(userId)?.Role);
        }

        Organizations.Setup(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => organizations.Where(o => ids.Contains(o.OrganizationId)).ToList());
        Organizations.Setup(r => r.TeamsOfAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => _teams.Where(t => t.OrganizationId is { } id && ids.Contains(id)).ToList());
        Organizations.Setup(r => r.TeamIdsOfAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, int limit, CancellationToken _) =>
            {
                var ids = _teams.Where(t => t.OrganizationId == id).Select(t => t.TeamId).Order(StringComparer.Ordinal).ToList();
                return (ids.Take(limit).ToList(), ids.Count);
            });
    }

    public void GivenProjects(params Project[] projects)
    {
        _projects.AddRange(projects);
        foreach (var project in projects)
        {
            Projects.Setup(r => r.GetAsync(project.ProjectId, It.IsAny<CancellationToken>())).ReturnsAsync(project);
            Projects.Setup(r => r.ReadAsync(project.ProjectId, It.IsAny<string?>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync((string _, string? userId, CancellationToken _) => new ProjectRead(
                    project,
                    _teams.FindLast(t => t.TeamId == project.TeamId) is { } team ? userId is not null && team.IsMember(userId) : null));
        }
    }

    public void GivenKeyAliasTaken(string alias) =>
        Keys.Setup(r => r.AliasExistsAsync(alias, It.IsAny<CancellationToken>())).ReturnsAsync(true);

    /// <summary>The key-change service of <paramref name="caller"/>'s request, over these ports.</summary>
    public KeyUpdater KeyUpdater(ICurrentCaller caller) => new(
        Keys.Object, Users.Object, Budgets.Object, new KeyPlacementRules(Projects.Object, Teams.Object, Organizations.Object, caller), Secrets.Object, caller);

    public void GivenBudgets(params Budget[] budgets)
    {
        foreach (var budget in budgets)
        {
            Budgets.Setup(r => r.GetAsync(budget.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(budget);
        }

        Budgets.Setup(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => budgets.Where(b => ids.Contains(b.BudgetId)).ToList());
    }

    /// <summary>Runs what the handler asked to run once the transaction commits.</summary>
    public void Commit()
    {
        foreach (var action in _onCommitted)
        {
            action();
        }
    }

    public void VerifySavedOnce()
    {
        UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(AuditRecordsWhenSaved, Is.EqualTo(AuditRecords.Count), "every audit row must be staged before the one save");
    }

    /// <summary>A refused command leaves no trace: nothing staged in any repository, audited, saved or scheduled.</summary>
    public void VerifyNothingWritten()
    {
        Users.Verify(r => r.Add(It.IsAny<User>()), Times.Never);
        Users.Verify(r => r.Remove(It.IsAny<User>()), Times.Never);
        Keys.Verify(r => r.Add(It.IsAny<VirtualKey>()), Times.Never);
        Keys.Verify(r => r.Remove(It.IsAny<VirtualKey>()), Times.Never);
        Teams.Verify(r => r.Add(It.IsAny<Team>()), Times.Never);
        Teams.Verify(r => r.Remove(It.IsAny<Team>()), Times.Never);
        Projects.Verify(r => r.Add(It.IsAny<Project>()), Times.Never);
        Projects.Verify(r => r.Remove(It.IsAny<Project>()), Times.Never);
        Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
        Budgets.Verify(r => r.Remove(It.IsAny<Budget>()), Times.Never);
        Organizations.Verify(r => r.Add(It.IsAny<Organization>()), Times.Never);
        Organizations.Verify(r => r.Remove(It.IsAny<Organization>()), Times.Never);
        Models.Verify(r => r.Add(It.IsAny<ModelDeployment>()), Times.Never);
        Models.Verify(r => r.Remove(It.IsAny<ModelDeployment>()), Times.Never);
        Credentials.Verify(r => r.Add(It.IsAny<Credential>()), Times.Never);
        Credentials.Verify(r => r.Remove(It.IsAny<Credential>()), Times.Never);
        Assert.That(AuditRecords, Is.Empty, "no audit row for a refused command");
        UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        UnitOfWork.Verify(u => u.OnCommitted(It.IsAny<Action>()), Times.Never);
    }
}
