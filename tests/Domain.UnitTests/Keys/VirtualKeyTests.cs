using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.UnitTests.TestSupport;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.UnitTests.Keys;

public sealed class VirtualKeyTests
{
    /// <summary>Obviously fake hashes: 64 repeated hex digits.</summary>
    private static readonly IssuedSecret FirstSecret = new(new string('a', 64), "sk-...aaaa");
    private static readonly IssuedSecret SecondSecret = new(new string('b', 64), "sk-...bbbb");

    private static KeySettings FullSettings() => new()
    {
        KeyAlias = "ci-key",
        TeamId = "t1",
        ProjectId = "p1",
        Models = ["gpt-4o"],
        MaxBudget = 25,
        TpmLimit = 500,
        RpmLimit = 20,
        MaxParallelRequests = 2,
        BudgetDuration = "1d",
        Duration = "1h",
        Metadata = new JsonObject { ["env"] = "ci", ["owner"] = "qa" },
    };

    private static VirtualKey IssuedToCarol() => VirtualKey.Issue(FirstSecret, "carol", FullSettings(), Stamps.Created);

    [Test]
    public void IssuingTakesTheSecretsHashAndDisplayNameAndTheSettings()
    {
        var key = IssuedToCarol();

        Assert.That(key.Id, Is.Not.EqualTo(Guid.Empty));
        Assert.That(key.Token, Is.EqualTo(new string('a', 64)));
        Assert.That(key.KeyName, Is.EqualTo("sk-...aaaa"));
        Assert.That(key.UserId, Is.EqualTo("carol"));
        Assert.That(key.KeyAlias, Is.EqualTo("ci-key"));
        Assert.That(key.TeamId, Is.EqualTo("t1"));
        Assert.That(key.ProjectId, Is.EqualTo("p1"));
        Assert.That(key.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(key.MaxBudget, Is.EqualTo(25));
        Assert.That(key.TpmLimit, Is.EqualTo(500));
        Assert.That(key.RpmLimit, Is.EqualTo(20));
        Assert.That(key.MaxParallelRequests, Is.EqualTo(2));
        Assert.That(key.BudgetDuration, Is.EqualTo("1d"));
        Assert.That(key.Metadata.ToJsonString(), Is.EqualTo("""{"env":"ci","owner":"qa"}"""));
        Assert.That(key.Blocked, Is.False);
        Assert.That(key.RotationCount, Is.Zero);
        Assert.That(key.LastRotationAt, Is.Null);
        Assert.That(key.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(key.CreatedBy, Is.EqualTo("alice"));
        Assert.That(key.UpdatedAt, Is.EqualTo(Stamps.At));
        Assert.That(key.UpdatedBy, Is.EqualTo("alice"));
    }

    [Test]
    public void EveryIssuedKeyGetsItsOwnId()
    {
        var first = IssuedToCarol();
        var second = IssuedToCarol();

        Assert.That(second.Id, Is.Not.EqualTo(first.Id));
    }

    [Test]
    public void IssuingWithADurationExpiresThatLongAfterTheStamp() =>
        Assert.That(IssuedToCarol().Expires, Is.EqualTo(new DateTime(2026, 1, 31, 13, 0, 0, DateTimeKind.Utc)));

    [Test]
    public void IssuingWithABudgetDurationResetsThatLongAfterTheStamp() =>
        Assert.That(IssuedToCarol().BudgetResetAt, Is.EqualTo(new DateTime(2026, 2, 1, 12, 0, 0, DateTimeKind.Utc)));

    [Test]
    public void IssuingWithoutADurationNeverExpires()
    {
        var key = VirtualKey.Issue(FirstSecret, userId: null, new KeySettings(), Stamps.Created);

        Assert.That(key.Expires, Is.Null);
        Assert.That(key.BudgetResetAt, Is.Null);
        Assert.That(key.UserId, Is.Null);
        Assert.That(key.Models, Is.Empty);
        Assert.That(key.Metadata, Is.Empty);
    }

    [Test]
    public void IssuingBlockedTakesTheFlag() =>
        Assert.That(VirtualKey.Issue(FirstSecret, "carol", new KeySettings { Blocked = true }, Stamps.Created).Blocked, Is.True);

    [Test]
    public void UpdatingAppliesOnlyTheSettingsGiven()
    {
        var key = IssuedToCarol();

        key.Update(new KeySettings { KeyAlias = "renamed", MaxBudget = 10 }, Stamps.Updated);

        Assert.That(key.KeyAlias, Is.EqualTo("renamed"));
        Assert.That(key.MaxBudget, Is.EqualTo(10));
        Assert.That(key.TeamId, Is.EqualTo("t1"));
        Assert.That(key.ProjectId, Is.EqualTo("p1"));
        Assert.That(key.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(key.TpmLimit, Is.EqualTo(500));
        Assert.That(key.RpmLimit, Is.EqualTo(20));
        Assert.That(key.MaxParallelRequests, Is.EqualTo(2));
        Assert.That(key.BudgetDuration, Is.EqualTo("1d"));
        Assert.That(key.BudgetResetAt, Is.EqualTo(new DateTime(2026, 2, 1, 12, 0, 0, DateTimeKind.Utc)));
        Assert.That(key.Expires, Is.EqualTo(new DateTime(2026, 1, 31, 13, 0, 0, DateTimeKind.Utc)));
        Assert.That(key.Blocked, Is.False);
        Assert.That(key.Token, Is.EqualTo(new string('a', 64)));
        Assert.That(key.Metadata.ToJsonString(), Is.EqualTo("""{"env":"ci","owner":"qa"}"""));
    }

    [Test]
    public void UpdatingMergesMetadataAndANullRemovesAKey()
    {
        var key = IssuedToCarol();

        key.Update(new KeySettings { Metadata = new JsonObject { ["owner"] = null, ["env"] = "prod", ["cost_center"] = 42 } }, Stamps.Updated);

        Assert.That(key.Metadata.ToJsonString(), Is.EqualTo("""{"env":"prod","cost_center":42}"""));
    }

    [Test]
    public void UpdatingReplacesModelsTeamAndProjectAndBlocks()
    {
        var key = IssuedToCarol();

        key.Update(new KeySettings { Models = ["claude", "mistral"], TeamId = "t2", ProjectId = "p2", Blocked = true }, Stamps.Updated);

        Assert.That(key.Models, Is.EqualTo(new[] { "claude", "mistral" }));
        Assert.That(key.TeamId, Is.EqualTo("t2"));
        Assert.That(key.ProjectId, Is.EqualTo("p2"));
        Assert.That(key.Blocked, Is.True);
    }

    [Test]
    public void UpdatingADurationExpiresThatLongAfterTheUpdate()
    {
        var key = IssuedToCarol();

        key.Update(new KeySettings { Duration = "30m", BudgetDuration = "1w" }, Stamps.Updated);

        Assert.That(key.Expires, Is.EqualTo(new DateTime(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc)));
        Assert.That(key.BudgetDuration, Is.EqualTo("1w"));
        Assert.That(key.BudgetResetAt, Is.EqualTo(new DateTime(2026, 2, 8, 8, 30, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void UpdatingStampsTheUpdateAndKeepsTheCreation()
    {
        var key = IssuedToCarol();

        key.Update(new KeySettings(), Stamps.Updated);

        AssertTouchedByTheUpdate(key);
    }

    [Test]
    public void AssigningChangesTheOwnerAndStamps()
    {
        var key = IssuedToCarol();

        key.AssignTo("dan", Stamps.Updated);

        Assert.That(key.UserId, Is.EqualTo("dan"));
        AssertTouchedByTheUpdate(key);
    }

    [Test]
    public void AssigningToNoOneLeavesTheKeyWithoutAnOwner()
    {
        var key = IssuedToCarol();

        key.AssignTo(null, Stamps.Updated);

        Assert.That(key.UserId, Is.Null);
    }

    [Test]
    public void BlockingAndUnblockingSetTheFlagAndStamp()
    {
        var key = IssuedToCarol();

        key.Block(Stamps.Updated);
        Assert.That(key.Blocked, Is.True);
        AssertTouchedByTheUpdate(key);

        var evenLater = new AuditStamp("erin", Stamps.Later.AddDays(1));
        key.Unblock(evenLater);
        Assert.That(key.Blocked, Is.False);
        Assert.That(key.UpdatedAt, Is.EqualTo(Stamps.Later.AddDays(1)));
        Assert.That(key.UpdatedBy, Is.EqualTo("erin"));
    }

    [Test]
    public void RotatingReplacesTheSecretAndCountsTheRotation()
    {
        var key = IssuedToCarol();
        var id = key.Id;

        key.Rotate(SecondSecret, Stamps.Updated);

        Assert.That(key.Token, Is.EqualTo(new string('b', 64)));
        Assert.That(key.KeyName, Is.EqualTo("sk-...bbbb"));
        Assert.That(key.RotationCount, Is.EqualTo(1));
        Assert.That(key.LastRotationAt, Is.EqualTo(Stamps.Later));
        Assert.That(key.Id, Is.EqualTo(id), "the row's identity survives rotation");
        AssertTouchedByTheUpdate(key);
    }

    [Test]
    public void RotatingAgainCountsAgain()
    {
        var key = IssuedToCarol();

        key.Rotate(SecondSecret, Stamps.Updated);
        key.Rotate(FirstSecret, Stamps.Updated);

        Assert.That(key.RotationCount, Is.EqualTo(2));
        Assert.That(key.Token, Is.EqualTo(new string('a', 64)));
    }

    [TestCase("carol", UserRole.InternalUser, true)]
    [TestCase("dan", UserRole.InternalUser, false)]
    [TestCase("dan", UserRole.InternalUserViewer, false)]
    [TestCase("dan", UserRole.ProxyAdmin, true)]
    [TestCase("dan", UserRole.ProxyAdminViewer, true)]
    public void OwnersAdminsAndAdminViewersSeeAKey(string userId, UserRole role, bool visible) =>
        Assert.That(IssuedToCarol().IsVisibleTo(Principal.ForUser(userId, role, OtherToken)), Is.EqualTo(visible));

    [TestCase("carol", UserRole.InternalUser, true)]
    [TestCase("carol", UserRole.InternalUserViewer, true)]
    [TestCase("dan", UserRole.InternalUser, false)]
    [TestCase("dan", UserRole.ProxyAdmin, true)]
    [TestCase("dan", UserRole.ProxyAdminViewer, false)]
    public void OnlyOwnersAndProxyAdminsManageAKey(string userId, UserRole role, bool manageable) =>
        Assert.That(IssuedToCarol().IsManageableBy(Principal.ForUser(userId, role, OtherToken)), Is.EqualTo(manageable));

    [Test]
    public void AKeyWithoutAnOwnerIsManagedOnlyByProxyAdmins()
    {
        var key = VirtualKey.Issue(FirstSecret, userId: null, new KeySettings(), Stamps.Created);

        Assert.That(key.IsManageableBy(Principal.ForUser("carol", UserRole.InternalUser, OtherToken)), Is.False);
        Assert.That(key.IsManageableBy(Principal.ForUser("carol", UserRole.ProxyAdmin, OtherToken)), Is.True);
        Assert.That(key.IsManageableBy(Principal.ForServiceAccount(OtherToken, "t1")), Is.False, "a key without a user owns nothing");
    }

    [Test]
    public void IssuingTakesEveryLiteLlmFieldWithLiteLlmsDefaultsForTheRest()
    {
        var bare = VirtualKey.Issue(FirstSecret, "carol", new KeySettings(), Stamps.Created);
        var full = VirtualKey.Issue(FirstSecret, "carol", new KeySettings
        {
            AgentId = "agent-1",
            OrganizationId = "org-1",
            Spend = 2,
            Aliases = new JsonObject { ["fast"] = "gpt-4o" },
            Config = new JsonObject { ["a"] = 1 },
            Permissions = new JsonObject { ["pii"] = false },
            ModelMaxBudget = new JsonObject { ["gpt-4o"] = 3 },
            RouterSettings = new JsonObject { ["num_retries"] = 2 },
            AllowedCacheControls = ["no-cache"],
            AllowedRoutes = ["/chat/completions"],
            AccessGroupIds = ["ag"],
            AutoRotate = false,
            RotationInterval = "30d",
        }, Stamps.Created);

        Assert.Multiple(() =>
        {
            Assert.That((bare.Aliases.Count, bare.Config.Count, bare.Permissions.Count, bare.ModelMaxBudget.Count, bare.ModelSpend.Count, bare.RouterSettings.Count), Is.EqualTo((0, 0, 0, 0, 0, 0)));
            Assert.That(bare.AllowedCacheControls.Concat(bare.AllowedRoutes).Concat(bare.AccessGroupIds), Is.Empty);
            Assert.That((bare.Spend, bare.SoftBudgetCooldown, bare.AutoRotate, bare.BudgetId, bare.ObjectPermissionId), Is.EqualTo((0.0, false, false, (string?)null, (string?)null)));
            Assert.That((full.AgentId, full.OrganizationId, full.Spend, full.RotationInterval), Is.EqualTo(("agent-1", "org-1", 2.0, "30d")));
            Assert.That(full.Aliases.ToJsonString() + full.Config.ToJsonString() + full.Permissions.ToJsonString(), Is.EqualTo("""{"fast":"gpt-4o"}{"a":1}{"pii":false}"""));
            Assert.That(full.ModelMaxBudget.ToJsonString() + full.RouterSettings.ToJsonString(), Is.EqualTo("""{"gpt-4o":3}{"num_retries":2}"""));
            Assert.That((full.AllowedCacheControls.Single(), full.AllowedRoutes.Single(), full.AccessGroupIds.Single()), Is.EqualTo(("no-cache", "/chat/completions", "ag")));
        });
    }

    [Test]
    public void UpdatingReplacesMapsAndListsRatherThanMergingThem()
    {
        var key = VirtualKey.Issue(FirstSecret, "carol", new KeySettings { Aliases = new JsonObject { ["a"] = "x", ["b"] = "y" }, AllowedRoutes = ["/a", "/b"] }, Stamps.Created);
        var aliases = new JsonObject { ["b"] = "y" };

        key.Update(new KeySettings { Aliases = aliases, AllowedRoutes = [] }, Stamps.Updated);
        aliases["c"] = "z";

        Assert.That(key.Aliases.ToJsonString(), Is.EqualTo("""{"b":"y"}"""), "replaced, and not shared with the settings");
        Assert.That(key.AllowedRoutes, Is.Empty);
        AssertTouchedByTheUpdate(key);
    }

    [Test]
    public void ADurationOfMinusOneRemovesTheExpiry()
    {
        var key = IssuedToCarol();

        key.Update(new KeySettings { Duration = VirtualKey.NeverExpires }, Stamps.Updated);

        Assert.That(key.Expires, Is.Null);
    }

    [Test]
    public void AnInvalidRotationIntervalIsRefusedBeforeAnythingChanges()
    {
        var key = IssuedToCarol();

        var refused = Assert.Throws<DomainRuleException>(() => key.Update(new KeySettings { KeyAlias = "renamed", RotationInterval = "soon" }, Stamps.Updated));

        Assert.That(refused!.Param, Is.EqualTo("duration"));
        Assert.That(key.KeyAlias, Is.EqualTo("ci-key"));
    }

    [Test]
    public void LinkingABudgetAndSettingAPermissionTouchTheKey()
    {
        var key = IssuedToCarol();
        var budget = Budget.Create(new BudgetSettings { SoftBudget = 1 }, Stamps.Created);

        key.LinkBudget(budget, Stamps.Updated);
        key.SetPermission(new ObjectPermissionSettings { VectorStores = ["vs"] }, Stamps.Updated);
        var permissionId = key.ObjectPermissionId;
        key.SetPermission(new ObjectPermissionSettings { Agents = ["a"] }, Stamps.Updated);

        Assert.That((key.BudgetId, key.Budget), Is.EqualTo((budget.BudgetId, budget)));
        Assert.That(key.ObjectPermissionId, Is.EqualTo(permissionId), "the permission row is changed in place");
        Assert.That((key.ObjectPermission!.VectorStores.Single(), key.ObjectPermission.Agents.Single()), Is.EqualTo(("vs", "a")));
        AssertTouchedByTheUpdate(key);
    }

    [Test]
    public void AServiceAccountReadsItselfAndNoOtherKeyNotEvenAnotherKeylessOne()
    {
        var itself = VirtualKey.Issue(FirstSecret, userId: null, new KeySettings { TeamId = "t1" }, Stamps.Created);
        var sibling = VirtualKey.Issue(SecondSecret, userId: null, new KeySettings { TeamId = "t1" }, Stamps.Created);
        var account = Principal.ForServiceAccount(itself.Token, "t1");

        Assert.That(itself.IsVisibleTo(account), Is.True);
        Assert.That(sibling.IsVisibleTo(account), Is.False);
        Assert.That(IssuedToCarol().IsVisibleTo(Principal.ForServiceAccount(SecondSecret.Hash, "t1")), Is.False);
        Assert.That(itself.IsManageableBy(account), Is.False, "reading itself is all: it may not rotate or delete itself");
    }

    [Test]
    public void AnyKeyReadsItself()
    {
        var key = IssuedToCarol();

        Assert.That(key.IsVisibleTo(Principal.ForUser("dan", UserRole.InternalUser, key.Token)), Is.True);
    }

    private static readonly string OtherToken = new('c', 64);

    private static void AssertTouchedByTheUpdate(VirtualKey key)
    {
        Assert.That(key.UpdatedAt, Is.EqualTo(Stamps.Later));
        Assert.That(key.UpdatedBy, Is.EqualTo("bob"));
        Assert.That(key.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(key.CreatedBy, Is.EqualTo("alice"));
    }
}
