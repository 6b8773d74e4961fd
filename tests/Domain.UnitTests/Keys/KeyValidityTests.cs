using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.UnitTests.TestSupport;

namespace ProxyAdmin.Domain.UnitTests.Keys;

public sealed class KeyValidityTests
{
    private const string Blocked = "Authentication Error, Key is blocked. Update via `/key/unblock` if you're admin.";
    private const string TeamBlocked = "Authentication Error, the key's team is blocked. A proxy admin can unblock it via `/team/unblock`.";

    private static readonly DateTime Now = Stamps.At;
    private static readonly DateTime Past = Stamps.At.AddSeconds(-1);
    private static readonly DateTime Future = Stamps.At.AddSeconds(1);

    [TestCase("sk-fake-not-a-real-key", true)]
    [TestCase("sk-", true)]
    [TestCase("SK-fake", false)]
    [TestCase(" sk-fake", false)]
    [TestCase("fake-sk-", false)]
    [TestCase("", false)]
    public void AVirtualKeyStartsWithSkDash(string presented, bool looksLikeOne) =>
        Assert.That(KeyValidity.LooksLikeVirtualKey(presented), Is.EqualTo(looksLikeOne));

    [Test]
    public void TheNotAVirtualKeyMessageIsLiteLlms() =>
        Assert.That(KeyValidity.NotAVirtualKey, Is.EqualTo("Authentication Error, invalid API key: a virtual key starts with 'sk-'."));

    [Test]
    public void AKeyExpiresAtItsExpiryInstant()
    {
        Assert.That(KeyValidity.IsExpired(Now, Now), Is.True);
        Assert.That(KeyValidity.IsExpired(Past, Now), Is.True);
        Assert.That(KeyValidity.IsExpired(Future, Now), Is.False);
    }

    [Test]
    public void AKeyWithoutExpiryNeverExpires() =>
        Assert.That(KeyValidity.IsExpired(null, DateTime.MaxValue), Is.False);

    [Test]
    public void ABlockedKeyIsRefusedBeforeAnythingElse() =>
        Assert.That(KeyValidity.Refusal(blocked: true, teamBlocked: true, Past, Now), Is.EqualTo(Blocked));

    [Test]
    public void AKeyOfABlockedTeamIsRefusedBeforeExpiry() =>
        Assert.That(KeyValidity.Refusal(blocked: false, teamBlocked: true, Past, Now), Is.EqualTo(TeamBlocked));

    [Test]
    public void AKeyOfABlockedProjectIsRefusedWithLiteLlmsMessageAfterItsTeamButBeforeExpiry()
    {
        Assert.That(
            KeyValidity.Refusal(blocked: false, teamBlocked: false, Past, Now, blockedProjectId: "proj-a"),
            Is.EqualTo("Authentication Error, Project=proj-a is blocked. Update via `/project/update` if you're an admin."));
        Assert.That(KeyValidity.Refusal(blocked: false, teamBlocked: true, Future, Now, blockedProjectId: "proj-a"), Is.EqualTo(TeamBlocked));
    }

    [Test]
    public void AnExpiredKeyIsRefusedWithBothInstants() =>
        Assert.That(
            KeyValidity.Refusal(blocked: false, teamBlocked: false, Now, Now),
            Is.EqualTo("Authentication Error - Expired Key. Key Expiry time 2026-01-31T12:00:00.0000000Z and current time 2026-01-31T12:00:00.0000000Z"));

    [Test]
    public void AValidKeyIsNotRefused()
    {
        Assert.That(KeyValidity.Refusal(blocked: false, teamBlocked: false, Future, Now), Is.Null);
        Assert.That(KeyValidity.Refusal(blocked: false, teamBlocked: false, expires: null, Now), Is.Null);
    }
}
