using Mediator;
using Moq;
using ProxyAdmin.Application.Common.Behaviours;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys.Commands.GenerateKey;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Application.Users.Commands.CreateUser;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.Common.Behaviours;

public sealed class CallerRecheckBehaviourTests
{
    private readonly List<Principal> _seenByHandler = [];
    private Mock<IApiKeyAuthenticator> _authenticator = null!;

    [SetUp]
    public void SetUp()
    {
        _seenByHandler.Clear();
        _authenticator = new Mock<IApiKeyAuthenticator>();
    }

    [Test]
    public async Task ShouldRunTheHandlerAsTheCallerWhenTheDatabaseStillSaysTheSame()
    {
        var caller = TestCaller.Admin("alice");
        GivenTheDatabaseSays(caller.Principal, AuthenticationOutcome.Success(caller.Principal));

        var response = await Behaviour<CreateUserCommand>(caller).Handle(new CreateUserCommand(), Next<CreateUserCommand>(caller), CancellationToken.None);

        Assert.That(response, Is.EqualTo("handled"));
        Assert.That(_seenByHandler, Is.EqualTo(new[] { caller.Principal }));
        _authenticator.Verify(a => a.ReauthenticateAsync(caller.Principal, It.IsAny<CancellationToken>()), Times.Once);
        _authenticator.Verify(a => a.AuthenticateAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "never the cached path");
    }

    [Test]
    public void ShouldRefuseAKeyRevokedSinceItWasAuthenticatedWithTheRefusalAuthenticationWouldGive()
    {
        var caller = TestCaller.InternalUser("alice");
        GivenTheDatabaseSays(caller.Principal, AuthenticationOutcome.Fail("Authentication Error, Key is blocked. Update via `/key/unblock` if you're admin."));

        var refusal = Assert.ThrowsAsync<UnauthenticatedException>(async () =>
            await Behaviour<GenerateKeyCommand>(caller).Handle(new GenerateKeyCommand(), Next<GenerateKeyCommand>(caller), CancellationToken.None));

        Assert.That(refusal!.Message, Does.Contain("Key is blocked"));
        Assert.That(_seenByHandler, Is.Empty);
    }

    [Test]
    public void ShouldRefuseADemotedAdminAMessageOnlyAdminsMaySend()
    {
        var caller = TestCaller.Admin("alice");
        GivenTheDatabaseSays(caller.Principal, AuthenticationOutcome.Success(Principal.ForUser("alice", UserRole.InternalUser, caller.ApiKeyHash)));

        var refusal = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Behaviour<CreateUserCommand>(caller).Handle(new CreateUserCommand(), Next<CreateUserCommand>(caller), CancellationToken.None));

        Assert.That(refusal!.Message, Does.Contain("internal_user").And.Contain("create user"));
        Assert.That(_seenByHandler, Is.Empty);
    }

    [Test]
    public async Task ShouldLetADemotedAdminSendWhatItsStoredRoleMaySendButOnlyAsThatRole()
    {
        var caller = TestCaller.Admin("alice");
        var stored = Principal.ForUser("alice", UserRole.InternalUser, caller.ApiKeyHash);
        GivenTheDatabaseSays(caller.Principal, AuthenticationOutcome.Success(stored));

        await Behaviour<GenerateKeyCommand>(caller).Handle(new GenerateKeyCommand(), Next<GenerateKeyCommand>(caller), CancellationToken.None);

        Assert.That(_seenByHandler, Is.EqualTo(new[] { stored }), "the handler judges the role the database holds, not the cached one");
        Assert.That(caller.Principal, Is.EqualTo(stored), "and so does everything after it in the request");
    }

    [Test]
    public async Task ShouldLetAPromotedUserActWithItsNewRole()
    {
        var caller = TestCaller.InternalUser("bob");
        var stored = Principal.ForUser("bob", UserRole.ProxyAdmin, caller.ApiKeyHash);
        GivenTheDatabaseSays(caller.Principal, AuthenticationOutcome.Success(stored));

        await Behaviour<GenerateKeyCommand>(caller).Handle(new GenerateKeyCommand(), Next<GenerateKeyCommand>(caller), CancellationToken.None);

        Assert.That(_seenByHandler.Single().Role, Is.EqualTo(UserRole.ProxyAdmin));
    }

    [Test]
    public void ShouldRefuseAKeyThatBecameAServiceAccountAMessageServiceAccountsMayNotSend()
    {
        var caller = TestCaller.InternalUser("carol");
        GivenTheDatabaseSays(caller.Principal, AuthenticationOutcome.Success(Principal.ForServiceAccount(caller.ApiKeyHash, "team-a")));

        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Behaviour<GenerateKeyCommand>(caller).Handle(new GenerateKeyCommand(), Next<GenerateKeyCommand>(caller), CancellationToken.None));
        Assert.That(_seenByHandler, Is.Empty);
    }

    [Test]
    public async Task ShouldLeaveAnUnauthenticatedCallerToTheAuthorizationGate()
    {
        var caller = TestCaller.Anonymous;

        await Behaviour<CreateUserCommand>(caller).Handle(new CreateUserCommand(), (_, _) => ValueTask.FromResult("handled"), CancellationToken.None);

        _authenticator.VerifyNoOtherCalls();
    }

    private void GivenTheDatabaseSays(Principal authenticated, AuthenticationOutcome outcome) =>
        _authenticator.Setup(a => a.ReauthenticateAsync(authenticated, It.IsAny<CancellationToken>())).ReturnsAsync(outcome);

    private CallerRecheckBehaviour<TMessage, string> Behaviour<TMessage>(TestCaller caller)
        where TMessage : IBaseCommand => new(new CallerRecheck(caller, _authenticator.Object));

    private MessageHandlerDelegate<TMessage, string> Next<TMessage>(TestCaller caller)
        where TMessage : IMessage => (_, _) =>
        {
            _seenByHandler.Add(caller.Principal);
            return ValueTask.FromResult("handled");
        };
}
