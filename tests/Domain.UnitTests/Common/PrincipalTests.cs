using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.UnitTests.Common;

public sealed class PrincipalTests
{
    private static readonly string Token = new('a', 64);

    [Test]
    public void TheMasterKeyIsAProxyAdminRecordedAsDefaultUserIdWithNoUser()
    {
        var master = Principal.ForMasterKey(Token);

        Assert.That(master.Kind, Is.EqualTo(PrincipalKind.MasterKey));
        Assert.That(master.Role, Is.EqualTo(UserRole.ProxyAdmin));
        Assert.That(master.UserId, Is.Null, "the master key is nobody's key: no user row stands behind it");
        Assert.That(master.Id, Is.EqualTo(SpecialValues.DefaultUserId));
        Assert.That(master.IsServiceAccount, Is.False);
    }

    [Test]
    public void AUsersKeyActsAsThatUserWithItsRole()
    {
        var user = Principal.ForUser("alice", UserRole.InternalUserViewer, Token);

        Assert.That(user.Kind, Is.EqualTo(PrincipalKind.User));
        Assert.That(user.UserId, Is.EqualTo("alice"));
        Assert.That(user.Id, Is.EqualTo("alice"));
        Assert.That(user.Role, Is.EqualTo(UserRole.InternalUserViewer));
        Assert.That(user.TeamId, Is.Null);
    }

    [Test]
    public void AKeyWithoutAUserIsItsOwnIdentityNeverDefaultUserId()
    {
        var account = Principal.ForServiceAccount(Token, "team-a");

        Assert.That(account.Kind, Is.EqualTo(PrincipalKind.ServiceAccount));
        Assert.That(account.IsServiceAccount, Is.True);
        Assert.That(account.Id, Is.EqualTo("key:" + Token));
        Assert.That(account.Id, Is.Not.EqualTo(SpecialValues.DefaultUserId));
        Assert.That(account.UserId, Is.Null);
        Assert.That(account.TeamId, Is.EqualTo("team-a"));
        Assert.That(account.Role, Is.EqualTo(UserRole.InternalUser), "LiteLLM's role for a key without a user; never a row's role");
    }

    [Test]
    public void TwoKeysWithoutAUserAreTwoIdentities() =>
        Assert.That(Principal.ForServiceAccount(Token, "t").Id, Is.Not.EqualTo(Principal.ForServiceAccount(new string('b', 64), "t").Id));

    [TestCase("default_user_id")]
    [TestCase("litellm-dashboard")]
    [TestCase("key:" + "0123")]
    public void AReservedIdIsNoUser(string userId) =>
        Assert.Throws<ArgumentException>(() => Principal.ForUser(userId, UserRole.ProxyAdmin, Token));

    [TestCase(PrincipalKind.MasterKey, null, UserRole.ProxyAdmin, null)]
    [TestCase(PrincipalKind.User, "alice", UserRole.InternalUser, null)]
    [TestCase(PrincipalKind.ServiceAccount, null, UserRole.InternalUser, "team-a")]
    [TestCase(PrincipalKind.ServiceAccount, null, UserRole.InternalUser, null)]
    public void RestoringGivesBackThePrincipal(PrincipalKind kind, string? userId, UserRole role, string? teamId)
    {
        var original = kind switch
        {
            PrincipalKind.MasterKey => Principal.ForMasterKey(Token),
            PrincipalKind.User => Principal.ForUser(userId!, role, Token),
            _ => Principal.ForServiceAccount(Token, teamId),
        };

        Assert.That(Principal.Restore(original.Kind, original.UserId, original.Role, original.KeyToken, original.TeamId), Is.EqualTo(original));
    }

    [Test]
    public void RestoringCannotRaiseAServiceAccountsRole() =>
        Assert.That(Principal.Restore(PrincipalKind.ServiceAccount, "alice", UserRole.ProxyAdmin, Token, "t").Role, Is.EqualTo(UserRole.InternalUser));
}
