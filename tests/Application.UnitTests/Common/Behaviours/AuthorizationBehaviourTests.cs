using Mediator;
using ProxyAdmin.Application.Common.Behaviours;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Health.Queries.CheckReadiness;
using ProxyAdmin.Application.Keys.Commands.GenerateKey;
using ProxyAdmin.Application.Keys.Queries.GetKeyInfo;
using ProxyAdmin.Application.Projects.Commands.DeleteProjects;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Application.Users.Commands.CreateUser;
using ProxyAdmin.Application.Users.Queries.GetUserInfo;
using ProxyAdmin.Application.Users.Queries.ListUsers;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.Common.Behaviours;

/// <summary>A message that declares no access rule at all.</summary>
public sealed record UnmarkedQuery : IQuery<string>;

public sealed class AuthorizationBehaviourTests
{
    private int _nextCalls;

    [SetUp]
    public void ResetCalls() => _nextCalls = 0;

    [TestCase(UserRole.ProxyAdmin, true)]
    [TestCase(UserRole.ProxyAdminViewer, false)]
    [TestCase(UserRole.OrgAdmin, false)]
    [TestCase(UserRole.InternalUser, false)]
    [TestCase(UserRole.InternalUserViewer, false)]
    [TestCase(UserRole.Team, false)]
    [TestCase(UserRole.Customer, false)]
    public async Task ProxyAdminPolicyAdmitsOnlyProxyAdmins(UserRole role, bool allowed) =>
        await AssertAdmission(new CreateUserCommand(), role, allowed);

    [TestCase(UserRole.ProxyAdmin, true)]
    [TestCase(UserRole.ProxyAdminViewer, true)]
    [TestCase(UserRole.OrgAdmin, false)]
    [TestCase(UserRole.InternalUser, false)]
    [TestCase(UserRole.Customer, false)]
    public async Task AdminReadPolicyAdmitsAdminsAndAdminViewers(UserRole role, bool allowed) =>
        await AssertAdmission(new ListUsersQuery(), role, allowed);

    [TestCase(UserRole.ProxyAdmin, true)]
    [TestCase(UserRole.OrgAdmin, true)]
    [TestCase(UserRole.InternalUser, true)]
    [TestCase(UserRole.ProxyAdminViewer, false)]
    [TestCase(UserRole.InternalUserViewer, false)]
    [TestCase(UserRole.Team, false)]
    [TestCase(UserRole.Customer, false)]
    public async Task SelfServiceWritePolicyAdmitsRolesThatManageTheirOwnKeys(UserRole role, bool allowed) =>
        await AssertAdmission(new GenerateKeyCommand(), role, allowed);

    [TestCase(UserRole.ProxyAdmin)]
    [TestCase(UserRole.InternalUserViewer)]
    [TestCase(UserRole.Customer)]
    public async Task SelfServiceReadPolicyAdmitsEveryAuthenticatedRole(UserRole role) =>
        await AssertAdmission(new GetKeyInfoQuery(null), role, allowed: true);

    [Test]
    public void ShouldRefuseWithForbiddenNamingTheRoleAndTheAction()
    {
        var behaviour = new AuthorizationBehaviour<CreateUserCommand, string>(TestCaller.InternalUser("alice"));

        var refusal = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await behaviour.Handle(new CreateUserCommand(), Next, CancellationToken.None));

        Assert.That(refusal!.Message, Does.Contain("internal_user").And.Contain("create user"));
        Assert.That(_nextCalls, Is.Zero);
    }

    [Test]
    public void ShouldRefuseAServiceAccountAMessageNotMarkedForServiceAccountsWhateverItsPolicy()
    {
        var behaviour = new AuthorizationBehaviour<GenerateKeyCommand, string>(TestCaller.ServiceAccount("team-a"));

        var refusal = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await behaviour.Handle(new GenerateKeyCommand(), Next, CancellationToken.None));

        Assert.That(refusal!.Message, Does.Contain("no user").And.Contain("team-a").And.Contain("generate key"));
        Assert.That(_nextCalls, Is.Zero, "internal_user would pass the policy; the service account does not");
    }

    [Test]
    public void ShouldRefuseAServiceAccountAUsersOwnRead()
    {
        var behaviour = new AuthorizationBehaviour<GetUserInfoQuery, string>(TestCaller.ServiceAccount(teamId: null));

        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await behaviour.Handle(new GetUserInfoQuery(null), Next, CancellationToken.None));
        Assert.That(_nextCalls, Is.Zero);
    }

    [Test]
    public async Task ShouldLetAServiceAccountSendAReadMarkedForServiceAccounts()
    {
        var behaviour = new AuthorizationBehaviour<GetKeyInfoQuery, string>(TestCaller.ServiceAccount("team-a"));

        Assert.That(await behaviour.Handle(new GetKeyInfoQuery(null), Next, CancellationToken.None), Is.EqualTo("handled"));
        Assert.That(_nextCalls, Is.EqualTo(1));
    }

    [TestCase(UserRole.InternalUser)]
    [TestCase(UserRole.OrgAdmin)]
    [TestCase(UserRole.ProxyAdminViewer)]
    public void ShouldRefuseProjectDeletionToEveryoneButProxyAdminsWithTheSeedsMessage(UserRole role)
    {
        var behaviour = new AuthorizationBehaviour<DeleteProjectsCommand, string>(TestCaller.WithRole(role));

        var refusal = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await behaviour.Handle(new DeleteProjectsCommand { ProjectIds = ["p"] }, Next, CancellationToken.None));

        Assert.That(refusal!.Message, Is.EqualTo("Only admins can delete projects"));
        Assert.That(_nextCalls, Is.Zero);
    }

    [Test]
    public void ShouldRefuseUnauthenticatedCallerBeforeLookingAtItsRole()
    {
        var behaviour = new AuthorizationBehaviour<GetKeyInfoQuery, string>(TestCaller.Anonymous);

        Assert.ThrowsAsync<UnauthenticatedException>(async () => await behaviour.Handle(new GetKeyInfoQuery(null), Next, CancellationToken.None));
        Assert.That(_nextCalls, Is.Zero);
    }

    [Test]
    public async Task ShouldLetAnonymousMessagesThroughWithoutACaller()
    {
        var behaviour = new AuthorizationBehaviour<CheckReadinessQuery, string>(TestCaller.Anonymous);

        var response = await behaviour.Handle(new CheckReadinessQuery(), Next, CancellationToken.None);

        Assert.That(response, Is.EqualTo("handled"));
        Assert.That(_nextCalls, Is.EqualTo(1));
    }

    [Test]
    public void ShouldDenyAMessageWithoutAccessRuleEvenToProxyAdmins()
    {
        var behaviour = new AuthorizationBehaviour<UnmarkedQuery, string>(TestCaller.Admin());

        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await behaviour.Handle(new UnmarkedQuery(), Next, CancellationToken.None));
        Assert.That(_nextCalls, Is.Zero);
    }

    private async Task AssertAdmission<TMessage>(TMessage message, UserRole role, bool allowed)
        where TMessage : IMessage
    {
        var behaviour = new AuthorizationBehaviour<TMessage, string>(TestCaller.WithRole(role));

        if (allowed)
        {
            Assert.That(await behaviour.Handle(message, Next, CancellationToken.None), Is.EqualTo("handled"));
            Assert.That(_nextCalls, Is.EqualTo(1));
        }
        else
        {
            Assert.ThrowsAsync<ForbiddenAccessException>(async () => await behaviour.Handle(message, Next, CancellationToken.None));
            Assert.That(_nextCalls, Is.Zero);
        }
    }

    private ValueTask<string> Next<TMessage>(TMessage message, CancellationToken cancellationToken)
    {
        _nextCalls++;
        return ValueTask.FromResult("handled");
    }
}
