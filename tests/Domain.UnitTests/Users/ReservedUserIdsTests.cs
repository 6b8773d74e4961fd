using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.UnitTests.TestSupport;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.UnitTests.Users;

public sealed class ReservedUserIdsTests
{
    /// <summary>LiteLLM's own identities (<c>litellm/constants.py</c>).</summary>
    [TestCase("default_user_id")]
    [TestCase("litellm_proxy_master_key")]
    [TestCase("litellm-dashboard")]
    [TestCase("litellm-internal-health-check")]
    [TestCase("litellm-cli")]
    [TestCase("litellm_internal_jobs")]
    [TestCase("DEFAULT_USER_ID")]
    [TestCase("key:")]
    [TestCase("KEY:deadbeef")]
    public void LiteLLMsIdentitiesAndServiceAccountIdsAreReserved(string userId) =>
        Assert.That(ReservedUserIds.IsReserved(userId), Is.True);

    [TestCase("alice")]
    [TestCase("default_user")]
    [TestCase("monkey:1")]
    [TestCase("keys")]
    public void OrdinaryIdsAreNot(string userId) => Assert.That(ReservedUserIds.IsReserved(userId), Is.False);

    [Test]
    public void NullIsNotAnId() => Assert.That(ReservedUserIds.IsReserved(null), Is.False);

    [Test]
    public void TheServiceAccountPrefixIsReservedSoNoUserCanPoseAsAKey() =>
        Assert.That(ReservedUserIds.IsReserved(Principal.ForServiceAccount(new string('e', 64), "t").Id), Is.True);

    [Test]
    public void ARefusalNamesTheFieldAndTheId() =>
        Assert.That(ReservedUserIds.Refusal("default_user_id", "user_id"), Does.Contain("'user_id'").And.Contain("default_user_id"));

    [TestCase("default_user_id")]
    [TestCase("key:1234")]
    public void AReservedIdCanNeverBecomeAUser(string userId)
    {
        var refused = Assert.Throws<DomainRuleException>(() => User.Create(userId, UserRole.ProxyAdmin, new UserProfile(), Stamps.Created));

        Assert.That(refused!.Param, Is.EqualTo("user_id"));
    }
}
