using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class KeyAccessChainTests
{
    private static readonly string[] NoGroups = [];

    [Test]
    public void ShouldCheckTheLevelsTheKeyHasInOrder()
    {
        var team = TeamFixtures.Team("t1", new TeamSettings { Models = ["gpt-4o"] });
        var key = TestData.Key("sk-chain-key-0001", "bob", new KeySettings { TeamId = "t1" });

        var chain = new KeyAccessChain(key, team, project: null, organization: null, TestData.User("bob"));

        Assert.That(chain.Levels.Select(l => l.Level), Is.EqualTo(new[] { ModelAccessLevel.Key, ModelAccessLevel.Team, ModelAccessLevel.User }));
    }

    [Test]
    public void ShouldReadAKeysAllTeamModelsAsItsTeamsList()
    {
        var team = TeamFixtures.Team("t1", new TeamSettings { Models = ["gpt-4o"] });
        var key = TestData.Key("sk-chain-key-0002", "bob", new KeySettings { TeamId = "t1", Models = ["all-team-models"] });

        var chain = new KeyAccessChain(key, team, null, null, null);

        Assert.Multiple(() =>
        {
            Assert.That(chain.Levels[0].Models, Is.EqualTo(new[] { "gpt-4o" }));
            Assert.That(chain.Allows("gpt-4o", NoGroups), Is.True);
            Assert.That(chain.Allows("claude", NoGroups), Is.False);
        });
    }

    [Test]
    public void ShouldNotLetAllTeamModelsWithoutATeamAllowEverything()
    {
        var key = TestData.Key("sk-chain-key-0003", "bob", new KeySettings { Models = ["all-team-models"] });

        var chain = new KeyAccessChain(key, null, null, null, null);

        Assert.Multiple(() =>
        {
            Assert.That(chain.RestrictsNothing, Is.False);
            Assert.That(chain.Allows("gpt-4o", NoGroups), Is.False);
        });
    }

    [Test]
    public void ShouldAllowOnlyWhatEveryLevelAllows()
    {
        var team = TeamFixtures.Team("t1", new TeamSettings { Models = ["gpt-4o", "claude"] });
        var key = TestData.Key("sk-chain-key-0004", "bob", new KeySettings { TeamId = "t1", Models = ["gpt-*"] });
        var user = TestData.User("bob");

        var chain = new KeyAccessChain(key, team, null, null, user);

        Assert.Multiple(() =>
        {
            Assert.That(chain.Allows("gpt-4o", NoGroups), Is.True);
            Assert.That(chain.Allows("claude", NoGroups), Is.False, "the team lists it, the key's wildcard does not match");
            Assert.That(chain.Judge("claude", NoGroups).Select(j => j.Allowance.Allowed), Is.EqualTo(new[] { false, true, true }));
        });
    }

    [Test]
    public void ShouldRestrictNothingWhenNoLevelHasAList() =>
        Assert.That(new KeyAccessChain(TestData.Key("sk-chain-key-0005", "bob"), null, null, null, TestData.User("bob", UserRole.InternalUser)).RestrictsNothing, Is.True);
}
