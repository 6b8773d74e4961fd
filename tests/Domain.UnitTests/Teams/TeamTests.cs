using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.UnitTests.TestSupport;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.UnitTests.Teams;

public sealed class TeamTests
{
    private static readonly DateTime ResetAfterThirtyDays = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);

    private static TeamSettings FullSettings() => new()
    {
        TeamAlias = "Red team",
        OrganizationId = "org-1",
        Models = ["gpt-4o", "claude"],
        MaxBudget = 100,
        SoftBudget = 80,
        TpmLimit = 10_000,
        RpmLimit = 100,
        MaxParallelRequests = 8,
        BudgetDuration = "30d",
        ModelAliases = new() { ["fast"] = "gpt-4o-mini", ["smart"] = "claude" },
        Metadata = new JsonObject { ["owner"] = "ops", ["tier"] = 2 },
    };

    private static Team FullTeam() => Team.Create("t1", FullSettings(), Stamps.Created);

    /// <summary>A team with an admin (ada, ada@example.com) and a plain member (bo, no email).</summary>
    private static Team TeamWithMembers()
    {
        var team = FullTeam();
        team.AddMember(new TeamMember("ada", "ada@example.com", TeamRole.Admin), Stamps.Created);
        team.AddMember(new TeamMember("bo", null, TeamRole.User), Stamps.Created);
        return team;
    }

    private static Team TeamWithPerModelLimits() => Team.Create(
        "t1",
        FullSettings() with
        {
            Metadata = new JsonObject
            {
                ["model_rpm_limit"] = new JsonObject { ["gpt-4o"] = 10 },
                ["model_tpm_limit"] = new JsonObject { ["gpt-4o"] = 1000 },
            },
        },
        Stamps.Created);

    private static JsonObject Metadata(string json) => JsonNode.Parse(json)!.AsObject();

    // ---- Create

    [Test]
    public void CreatingTakesTheIdSettingsAndStamp()
    {
        var team = FullTeam();

        Assert.That(team.TeamId, Is.EqualTo("t1"));
        Assert.That(team.TeamAlias, Is.EqualTo("Red team"));
        Assert.That(team.OrganizationId, Is.EqualTo("org-1"));
        Assert.That(team.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(team.MaxBudget, Is.EqualTo(100));
        Assert.That(team.SoftBudget, Is.EqualTo(80));
        Assert.That(team.TpmLimit, Is.EqualTo(10_000));
        Assert.That(team.RpmLimit, Is.EqualTo(100));
        Assert.That(team.MaxParallelRequests, Is.EqualTo(8));
        Assert.That(team.BudgetDuration, Is.EqualTo("30d"));
        Assert.That(team.BudgetResetAt, Is.EqualTo(ResetAfterThirtyDays));
        Assert.That(team.ModelAliases, Is.EquivalentTo(new Dictionary<string, string> { ["fast"] = "gpt-4o-mini", ["smart"] = "claude" }));
        Assert.That(team.Metadata.ToJsonString(), Is.EqualTo("""{"owner":"ops","tier":2}"""));
        Assert.That(team.Blocked, Is.False);
        Assert.That(team.Spend, Is.Zero);
        Assert.That(team.Members, Is.Empty);
        Assert.That(team.ObjectPermission, Is.Null);
        Assert.That(team.ObjectPermissionId, Is.Null);
        Assert.That(team.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(team.CreatedBy, Is.EqualTo("alice"));
        Assert.That(team.UpdatedAt, Is.EqualTo(Stamps.At));
        Assert.That(team.UpdatedBy, Is.EqualTo("alice"));
    }

    [Test]
    public void CreatingDropsAliasesSentAsNull()
    {
        var team = Team.Create("t1", new TeamSettings { ModelAliases = new() { ["fast"] = "gpt-4o-mini", ["gone"] = null } }, Stamps.Created);

        Assert.That(team.ModelAliases, Is.EquivalentTo(new Dictionary<string, string> { ["fast"] = "gpt-4o-mini" }));
    }

    [Test]
    public void CreatingBlockedTakesTheFlag() =>
        Assert.That(Team.Create("t1", new TeamSettings { Blocked = true }, Stamps.Created).Blocked, Is.True);

    [Test]
    public void AnEmptyTeamHasNoLimitsAndAllowsAllModels()
    {
        var team = Team.Create("t1", new TeamSettings(), Stamps.Created);

        Assert.That(team.MaxBudget, Is.Null);
        Assert.That(team.SoftBudget, Is.Null);
        Assert.That(team.TpmLimit, Is.Null);
        Assert.That(team.BudgetResetAt, Is.Null);
        Assert.That(team.ModelAliases, Is.Empty);
        Assert.That(team.Metadata, Is.Empty);
        Assert.That(team.AllowsAllModels, Is.True);
    }

    [Test]
    public void CreatingRefusesASoftBudgetNotBelowTheMax()
    {
        var refused = Assert.Throws<DomainRuleException>(() => Team.Create("t1", new TeamSettings { MaxBudget = 50, SoftBudget = 60 }, Stamps.Created));

        Assert.That(refused.Param, Is.EqualTo("soft_budget"));
        Assert.That(refused.Message, Is.EqualTo("soft_budget (60) must be strictly lower than max_budget (50)"));
    }

    // ---- Update

    [Test]
    public void UpdatingAppliesOnlyTheSettingsGiven()
    {
        var team = FullTeam();

        team.Update(new TeamSettings { TeamAlias = "Blue team", RpmLimit = 50 }, Stamps.Updated);

        Assert.That(team.TeamAlias, Is.EqualTo("Blue team"));
        Assert.That(team.RpmLimit, Is.EqualTo(50));
        Assert.That(team.OrganizationId, Is.EqualTo("org-1"));
        Assert.That(team.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(team.MaxBudget, Is.EqualTo(100));
        Assert.That(team.SoftBudget, Is.EqualTo(80));
        Assert.That(team.TpmLimit, Is.EqualTo(10_000));
        Assert.That(team.MaxParallelRequests, Is.EqualTo(8));
        Assert.That(team.BudgetDuration, Is.EqualTo("30d"));
        Assert.That(team.BudgetResetAt, Is.EqualTo(ResetAfterThirtyDays));
        Assert.That(team.ModelAliases, Is.EquivalentTo(new Dictionary<string, string> { ["fast"] = "gpt-4o-mini", ["smart"] = "claude" }));
        Assert.That(team.Metadata.ToJsonString(), Is.EqualTo("""{"owner":"ops","tier":2}"""));
        Assert.That(team.Blocked, Is.False);
    }

    [Test]
    public void UpdatingReplacesModelsOrganizationBlockedAndLimits()
    {
        var team = FullTeam();

        team.Update(
            new TeamSettings { Models = ["mistral"], OrganizationId = "org-2", Blocked = true, MaxBudget = 200, SoftBudget = 150, TpmLimit = 5, MaxParallelRequests = 1 },
            Stamps.Updated);

        Assert.That(team.Models, Is.EqualTo(new[] { "mistral" }));
        Assert.That(team.OrganizationId, Is.EqualTo("org-2"));
        Assert.That(team.Blocked, Is.True);
        Assert.That(team.MaxBudget, Is.EqualTo(200));
        Assert.That(team.SoftBudget, Is.EqualTo(150));
        Assert.That(team.TpmLimit, Is.EqualTo(5));
        Assert.That(team.MaxParallelRequests, Is.EqualTo(1));
    }

    [Test]
    public void UpdatingMergesAliasesAndANullRemovesOne()
    {
        var team = FullTeam();

        team.Update(new TeamSettings { ModelAliases = new() { ["fast"] = null, ["smart"] = "claude-opus", ["cheap"] = "mistral" } }, Stamps.Updated);

        Assert.That(team.ModelAliases, Is.EquivalentTo(new Dictionary<string, string> { ["smart"] = "claude-opus", ["cheap"] = "mistral" }));
    }

    [Test]
    public void UpdatingMergesMetadataAndANullRemovesAKey()
    {
        var team = FullTeam();

        team.Update(new TeamSettings { Metadata = new JsonObject { ["owner"] = null, ["tier"] = 3, ["region"] = "eu" } }, Stamps.Updated);

        Assert.That(team.Metadata.ToJsonString(), Is.EqualTo("""{"tier":3,"region":"eu"}"""));
    }

    [Test]
    public void UpdatingTheSoftBudgetIsCheckedAgainstTheStoredMax()
    {
        var team = FullTeam();

        var refused = Assert.Throws<DomainRuleException>(() => team.Update(new TeamSettings { SoftBudget = 100 }, Stamps.Updated));

        Assert.That(refused.Param, Is.EqualTo("soft_budget"));
        Assert.That(refused.Message, Is.EqualTo("soft_budget (100) must be strictly lower than max_budget (100)"));
    }

    [Test]
    public void UpdatingTheMaxBudgetIsCheckedAgainstTheStoredSoftBudget()
    {
        var team = FullTeam();

        var refused = Assert.Throws<DomainRuleException>(() => team.Update(new TeamSettings { MaxBudget = 70 }, Stamps.Updated));

        Assert.That(refused.Message, Is.EqualTo("soft_budget (80) must be strictly lower than max_budget (70)"));
    }

    [Test]
    public void ARefusedUpdateLeavesTheTeamUnchanged()
    {
        var team = FullTeam();

        Assert.Throws<DomainRuleException>(() => team.Update(
            new TeamSettings
            {
                TeamAlias = "Blue team",
                OrganizationId = "org-2",
                Models = ["mistral"],
                Blocked = true,
                ModelAliases = new() { ["fast"] = null },
                Metadata = new JsonObject { ["owner"] = null },
                SoftBudget = 100,
            },
            Stamps.Updated));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(team.TeamAlias, Is.EqualTo("Red team"), "team_alias");
            Assert.That(team.SoftBudget, Is.EqualTo(80), "soft_budget");
            Assert.That(team.UpdatedAt, Is.EqualTo(Stamps.At), "updated_at");
            Assert.That(team.OrganizationId, Is.EqualTo("org-1"), "organization_id");
            Assert.That(team.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }), "models");
            Assert.That(team.Blocked, Is.False, "blocked");
            Assert.That(team.ModelAliases, Does.ContainKey("fast"), "model_aliases");
            Assert.That(team.Metadata.ToJsonString(), Is.EqualTo("""{"owner":"ops","tier":2}"""), "metadata");
        }
    }

    [Test]
    public void UpdatingABudgetDurationResetsFromTheUpdatesInstant()
    {
        var team = FullTeam();

        team.Update(new TeamSettings { BudgetDuration = "1mo" }, Stamps.Updated);

        Assert.That(team.BudgetDuration, Is.EqualTo("1mo"));
        Assert.That(team.BudgetResetAt, Is.EqualTo(new DateTime(2026, 3, 1, 8, 30, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void UpdatingStampsTheUpdateAndKeepsTheCreation()
    {
        var team = FullTeam();

        team.Update(new TeamSettings(), Stamps.Updated);

        AssertTouchedByTheUpdate(team);
    }

    // ---- Members

    [Test]
    public void AddingAMemberAddsItAndStamps()
    {
        var team = FullTeam();

        var added = team.AddMember(new TeamMember("ada", "ada@example.com", TeamRole.Admin), Stamps.Updated);

        Assert.That(added, Is.True);
        Assert.That(team.Members, Has.Count.EqualTo(1));
        Assert.That(team.Members[0].UserId, Is.EqualTo("ada"));
        Assert.That(team.Members[0].UserEmail, Is.EqualTo("ada@example.com"));
        Assert.That(team.Members[0].Role, Is.EqualTo(TeamRole.Admin));
        AssertTouchedByTheUpdate(team);
    }

    [Test]
    public void AddingAnExistingMemberChangesNothing()
    {
        var team = TeamWithMembers();

        var added = team.AddMember(new TeamMember("bo", "bo@example.com", TeamRole.Admin), Stamps.Updated);

        Assert.That(added, Is.False);
        Assert.That(team.Members, Has.Count.EqualTo(2));
        Assert.That(team.FindMember("bo")!.Role, Is.EqualTo(TeamRole.User));
        Assert.That(team.FindMember("bo")!.UserEmail, Is.Null);
        Assert.That(team.UpdatedAt, Is.EqualTo(Stamps.At));
        Assert.That(team.UpdatedBy, Is.EqualTo("alice"));
    }

    [Test]
    public void RemovingAMemberRemovesItAndStamps()
    {
        var team = TeamWithMembers();

        var removed = team.RemoveMember("bo", Stamps.Updated);

        Assert.That(removed, Is.True);
        Assert.That(team.Members.Select(m => m.UserId), Is.EqualTo(new[] { "ada" }));
        AssertTouchedByTheUpdate(team);
    }

    [Test]
    public void RemovingSomeoneWhoIsNotAMemberChangesNothing()
    {
        var team = TeamWithMembers();

        var removed = team.RemoveMember("zed", Stamps.Updated);

        Assert.That(removed, Is.False);
        Assert.That(team.Members, Has.Count.EqualTo(2));
        Assert.That(team.UpdatedAt, Is.EqualTo(Stamps.At));
    }

    [Test]
    public void ChangingAMembersRoleChangesItAndStamps()
    {
        var team = TeamWithMembers();

        var changed = team.ChangeMemberRole("bo", TeamRole.Admin, Stamps.Updated);

        Assert.That(changed, Is.True);
        Assert.That(team.FindMember("bo")!.Role, Is.EqualTo(TeamRole.Admin));
        Assert.That(team.IsAdmin("bo"), Is.True);
        AssertTouchedByTheUpdate(team);
    }

    [Test]
    public void ChangingTheRoleOfSomeoneWhoIsNotAMemberChangesNothing()
    {
        var team = TeamWithMembers();

        var changed = team.ChangeMemberRole("zed", TeamRole.Admin, Stamps.Updated);

        Assert.That(changed, Is.False);
        Assert.That(team.IsMember("zed"), Is.False);
        Assert.That(team.UpdatedAt, Is.EqualTo(Stamps.At));
    }

    [Test]
    public void FindingByIdIgnoresTheEmail() =>
        Assert.That(TeamWithMembers().FindMemberBy("bo", "ada@example.com")!.UserId, Is.EqualTo("bo"));

    [Test]
    public void FindingByEmailIgnoresCase() =>
        Assert.That(TeamWithMembers().FindMemberBy(null, "ADA@Example.COM")!.UserId, Is.EqualTo("ada"));

    [Test]
    public void FindingByAnIdThatIsNotAMemberDoesNotFallBackToTheEmail() =>
        Assert.That(TeamWithMembers().FindMemberBy("zed", "ada@example.com"), Is.Null);

    [Test]
    public void FindingByAnUnknownEmailFindsNoOne() =>
        Assert.That(TeamWithMembers().FindMemberBy(null, "zed@example.com"), Is.Null);

    [Test]
    public void FindingByNeitherIdNorEmailFindsNoOne() =>
        Assert.That(TeamWithMembers().FindMemberBy(null, null), Is.Null, "bo has no email, and no email was asked for");

    [Test]
    public void OnlyMembersWithTheAdminRoleAreAdmins()
    {
        var team = TeamWithMembers();

        Assert.That(team.IsAdmin("ada"), Is.True);
        Assert.That(team.IsAdmin("bo"), Is.False);
        Assert.That(team.IsAdmin("zed"), Is.False);
        Assert.That(team.IsMember("bo"), Is.True);
        Assert.That(team.IsMember("zed"), Is.False);
    }

    [TestCase("bo", UserRole.InternalUser, true)]
    [TestCase("ada", UserRole.InternalUser, true)]
    [TestCase("zed", UserRole.InternalUser, false)]
    [TestCase("zed", UserRole.ProxyAdmin, true)]
    [TestCase("zed", UserRole.ProxyAdminViewer, true)]
    public void MembersAdminsAndAdminViewersSeeATeam(string userId, UserRole role, bool visible) =>
        Assert.That(TeamWithMembers().IsVisibleTo(Principal.ForUser(userId, role, Token)), Is.EqualTo(visible));

    [TestCase("bo", UserRole.InternalUser, false)]
    [TestCase("ada", UserRole.InternalUser, true)]
    [TestCase("zed", UserRole.InternalUser, false)]
    [TestCase("zed", UserRole.ProxyAdmin, true)]
    [TestCase("zed", UserRole.ProxyAdminViewer, false)]
    public void OnlyTeamAdminsAndProxyAdminsAdministerATeam(string userId, UserRole role, bool administers) =>
        Assert.That(TeamWithMembers().IsAdministeredBy(Principal.ForUser(userId, role, Token)), Is.EqualTo(administers));

    [Test]
    public void TheMasterKeySeesAndAdministersEveryTeamWithoutBeingAMember()
    {
        var master = Principal.ForMasterKey(Token);

        Assert.That(TeamWithMembers().IsVisibleTo(master), Is.True);
        Assert.That(TeamWithMembers().IsAdministeredBy(master), Is.True);
    }

    [Test]
    public void AServiceAccountSeesOnlyItsOwnTeamAndAdministersNone()
    {
        var own = Principal.ForServiceAccount(Token, TeamWithMembers().TeamId);
        var foreign = Principal.ForServiceAccount(Token, "another-team");
        var teamless = Principal.ForServiceAccount(Token, teamId: null);

        Assert.That(TeamWithMembers().IsVisibleTo(own), Is.True);
        Assert.That(TeamWithMembers().IsVisibleTo(foreign), Is.False);
        Assert.That(TeamWithMembers().IsVisibleTo(teamless), Is.False);
        Assert.That(TeamWithMembers().IsAdministeredBy(own), Is.False, "LiteLLM's _is_user_team_admin matches user ids only");
    }

    [TestCase("default_user_id")]
    [TestCase("LITELLM-DASHBOARD")]
    [TestCase("key:abc")]
    public void AReservedIdCanNeverBecomeAMember(string userId)
    {
        var refused = Assert.Throws<DomainRuleException>(() => _ = new TeamMember(userId, null, TeamRole.Admin));

        Assert.That(refused!.Param, Is.EqualTo("user_id"));
        Assert.That(refused.Message, Does.Contain("reserved"));
    }

    /// <summary>The hash of the key a principal presented; the team rules never look at it.</summary>
    private static readonly string Token = new('f', 64);

    // ---- Models, aliases, blocking, permission

    [Test]
    public void AddingModelsKeepsTheOrderAndSkipsDuplicates()
    {
        var team = FullTeam();

        team.AddModels(["mistral", "gpt-4o", "llama", "mistral"], Stamps.Updated);

        Assert.That(team.Models, Is.EqualTo(new[] { "gpt-4o", "claude", "mistral", "llama" }));
        AssertTouchedByTheUpdate(team);
    }

    [Test]
    public void RemovingModelsRemovesThoseListedAndIgnoresUnknownOnes()
    {
        var team = FullTeam();

        team.RemoveModels(["gpt-4o", "not-there"], Stamps.Updated);

        Assert.That(team.Models, Is.EqualTo(new[] { "claude" }));
        AssertTouchedByTheUpdate(team);
    }

    [Test]
    public void SettingAnAliasAddsOrReplacesIt()
    {
        var team = FullTeam();

        team.SetModelAlias("cheap", "mistral", Stamps.Updated);
        team.SetModelAlias("fast", "gpt-4.1-mini", Stamps.Updated);

        Assert.That(team.ModelAliases, Is.EquivalentTo(new Dictionary<string, string> { ["fast"] = "gpt-4.1-mini", ["smart"] = "claude", ["cheap"] = "mistral" }));
        AssertTouchedByTheUpdate(team);
    }

    [Test]
    public void SettingAnAliasToNullRemovesIt()
    {
        var team = FullTeam();

        team.SetModelAlias("fast", null, Stamps.Updated);

        Assert.That(team.ModelAliases, Is.EquivalentTo(new Dictionary<string, string> { ["smart"] = "claude" }));
    }

    [Test]
    public void SettingBlockedSetsTheFlagAndStamps()
    {
        var team = FullTeam();

        team.SetBlocked(true, Stamps.Updated);
        Assert.That(team.Blocked, Is.True);
        AssertTouchedByTheUpdate(team);

        team.SetBlocked(false, Stamps.Updated);
        Assert.That(team.Blocked, Is.False);
    }

    [Test]
    public void SettingAPermissionTheFirstTimeCreatesAndLinksIt()
    {
        var team = FullTeam();

        team.SetPermission(new ObjectPermissionSettings { McpServers = ["srv-1"], VectorStores = ["vs-1"] });

        Assert.That(team.ObjectPermission, Is.Not.Null);
        Assert.That(team.ObjectPermissionId, Is.EqualTo(team.ObjectPermission!.ObjectPermissionId));
        Assert.That(team.ObjectPermission.McpServers, Is.EqualTo(new[] { "srv-1" }));
        Assert.That(team.ObjectPermission.VectorStores, Is.EqualTo(new[] { "vs-1" }));
    }

    [Test]
    public void SettingAPermissionAgainChangesTheSameOneInPlace()
    {
        var team = FullTeam();
        team.SetPermission(new ObjectPermissionSettings { McpServers = ["srv-1"], VectorStores = ["vs-1"] });
        var first = team.ObjectPermission!;
        var firstId = first.ObjectPermissionId;

        team.SetPermission(new ObjectPermissionSettings { McpServers = ["srv-2"] });

        Assert.That(team.ObjectPermission, Is.SameAs(first));
        Assert.That(team.ObjectPermissionId, Is.EqualTo(firstId));
        Assert.That(first.ObjectPermissionId, Is.EqualTo(firstId));
        Assert.That(first.McpServers, Is.EqualTo(new[] { "srv-2" }));
        Assert.That(first.VectorStores, Is.EqualTo(new[] { "vs-1" }));
    }

    [TestCase(new string[0], true)]
    [TestCase(new[] { "all-proxy-models" }, true)]
    [TestCase(new[] { "gpt-4o", "all-proxy-models" }, true)]
    [TestCase(new[] { "gpt-4o" }, false)]
    [TestCase(new[] { "All-Proxy-Models" }, false)]
    public void ATeamAllowsAllModelsWhenItsListIsEmptyOrHoldsAllProxyModels(string[] models, bool allowsAll) =>
        Assert.That(Team.Create("t1", new TeamSettings { Models = [.. models] }, Stamps.Created).AllowsAllModels, Is.EqualTo(allowsAll));

    // ---- What a team admin may change

    private static IEnumerable<TestCaseData> Raises()
    {
        yield return new TestCaseData(new TeamSettings { MaxBudget = 150 }, "Team admins cannot raise their team's max_budget (current 100, requested 150); ask a proxy admin.")
            .SetArgDisplayNames("max_budget");
        yield return new TestCaseData(new TeamSettings { SoftBudget = 90 }, "Team admins cannot raise their team's soft_budget (current 80, requested 90); ask a proxy admin.")
            .SetArgDisplayNames("soft_budget");
        yield return new TestCaseData(new TeamSettings { TpmLimit = 20_000 }, "Team admins cannot raise their team's tpm_limit (current 10000, requested 20000); ask a proxy admin.")
            .SetArgDisplayNames("tpm_limit");
        yield return new TestCaseData(new TeamSettings { RpmLimit = 101 }, "Team admins cannot raise their team's rpm_limit (current 100, requested 101); ask a proxy admin.")
            .SetArgDisplayNames("rpm_limit");
        yield return new TestCaseData(new TeamSettings { MaxParallelRequests = 9 }, "Team admins cannot raise their team's max_parallel_requests (current 8, requested 9); ask a proxy admin.")
            .SetArgDisplayNames("max_parallel_requests");
    }

    [TestCaseSource(nameof(Raises))]
    public void ATeamAdminCannotRaiseALimit(TeamSettings changes, string refusal) =>
        Assert.That(FullTeam().RefusalForTeamAdmin(changes), Is.EqualTo(refusal));

    [Test]
    public void ATeamAdminMayLowerEveryLimit() =>
        Assert.That(
            FullTeam().RefusalForTeamAdmin(new TeamSettings { MaxBudget = 90, SoftBudget = 70, TpmLimit = 9_999, RpmLimit = 1, MaxParallelRequests = 7 }),
            Is.Null);

    [Test]
    public void ATeamAdminMaySendTheCurrentValues() =>
        Assert.That(
            FullTeam().RefusalForTeamAdmin(new TeamSettings
            {
                MaxBudget = 100, SoftBudget = 80, TpmLimit = 10_000, RpmLimit = 100, MaxParallelRequests = 8, Blocked = false, OrganizationId = "org-1",
            }),
            Is.Null);

    [Test]
    public void ATeamAdminMaySetALimitWhereThereWasNone() =>
        Assert.That(
            Team.Create("t1", new TeamSettings(), Stamps.Created)
                .RefusalForTeamAdmin(new TeamSettings { MaxBudget = 1_000_000, SoftBudget = 999_999, TpmLimit = 1_000_000, RpmLimit = 1_000_000, MaxParallelRequests = 1000 }),
            Is.Null);

    [Test]
    public void ATeamAdminMayChangeWhatIsNotALimit() =>
        Assert.That(
            FullTeam().RefusalForTeamAdmin(new TeamSettings
            {
                TeamAlias = "Blue team", Models = ["mistral"], BudgetDuration = "1d", ModelAliases = new() { ["fast"] = null }, Metadata = new JsonObject { ["owner"] = "dev" },
            }),
            Is.Null);

    [Test]
    public void ATeamAdminCannotBlockOrUnblockTheTeam()
    {
        const string Refusal = "Only proxy admins can block or unblock a team.";
        var blocked = Team.Create("t1", new TeamSettings { Blocked = true }, Stamps.Created);

        Assert.That(FullTeam().RefusalForTeamAdmin(new TeamSettings { Blocked = true }), Is.EqualTo(Refusal));
        Assert.That(blocked.RefusalForTeamAdmin(new TeamSettings { Blocked = false }), Is.EqualTo(Refusal));
        Assert.That(blocked.RefusalForTeamAdmin(new TeamSettings { Blocked = true }), Is.Null);
    }

    [Test]
    public void ATeamAdminCannotMoveTheTeamToAnotherOrganization()
    {
        Assert.That(
            FullTeam().RefusalForTeamAdmin(new TeamSettings { OrganizationId = "org-2" }),
            Is.EqualTo("Only proxy admins can move a team to another organization."));
        Assert.That(
            Team.Create("t1", new TeamSettings(), Stamps.Created).RefusalForTeamAdmin(new TeamSettings { OrganizationId = "org-2" }),
            Is.EqualTo("Only proxy admins can move a team to another organization."),
            "nor put a team without one into an organization");
    }

    [Test]
    public void ATeamAdminCannotTakeTheTeamOutOfItsOrganization()
    {
        Assert.That(
            FullTeam().RefusalForTeamAdmin(new TeamSettings { OrganizationId = "" }),
            Is.EqualTo("Only proxy admins can move a team to another organization."));
        Assert.That(
            Team.Create("t1", new TeamSettings(), Stamps.Created).RefusalForTeamAdmin(new TeamSettings { OrganizationId = "" }),
            Is.Null,
            "an empty organization_id on a team without one changes nothing");
    }

    // ---- Organizations

    [TestCase(null, false)]
    [TestCase("org-1", false)]
    [TestCase("org-2", true)]
    [TestCase("", true)]
    public void ATeamInAnOrganizationMovesOnlyToAnotherOrOutOfIt(string? organizationId, bool moves) =>
        Assert.That(FullTeam().MovesOrganization(new TeamSettings { OrganizationId = organizationId }), Is.EqualTo(moves));

    [TestCase(null, false)]
    [TestCase("", false)]
    [TestCase("org-2", true)]
    public void ATeamWithoutAnOrganizationMovesOnlyIntoOne(string? organizationId, bool moves) =>
        Assert.That(Team.Create("t1", new TeamSettings(), Stamps.Created).MovesOrganization(new TeamSettings { OrganizationId = organizationId }), Is.EqualTo(moves));

    [TestCase(null, "org-1")]
    [TestCase("org-1", "org-1")]
    [TestCase("org-2", "org-2")]
    [TestCase("", null)]
    public void TheOrganizationAfterAChangeIsTheOneSentNoneForEmptyOrTheStoredOne(string? sent, string? after) =>
        Assert.That(FullTeam().OrganizationAfter(new TeamSettings { OrganizationId = sent }), Is.EqualTo(after));

    [TestCase(null, null)]
    [TestCase("", null)]
    [TestCase("org-2", "org-2")]
    public void TheOrganizationAfterAChangeOfATeamWithoutOne(string? sent, string? after) =>
        Assert.That(Team.Create("t1", new TeamSettings(), Stamps.Created).OrganizationAfter(new TeamSettings { OrganizationId = sent }), Is.EqualTo(after));

    [Test]
    public void AnEmptyOrganizationIdOnCreateIsNone() =>
        Assert.That(Team.Create("t1", new TeamSettings { OrganizationId = "" }, Stamps.Created).OrganizationId, Is.Null);

    [Test]
    public void UpdatingWithAnEmptyOrganizationIdTakesTheTeamOutOfItsOrganization()
    {
        var team = FullTeam();

        team.Update(new TeamSettings { OrganizationId = "" }, Stamps.Updated);

        Assert.That(team.OrganizationId, Is.Null);
        AssertTouchedByTheUpdate(team);
    }

    [Test]
    public void UpdatingWithoutAnOrganizationIdKeepsTheTeamWhereItIs()
    {
        var team = FullTeam();

        team.Update(new TeamSettings { TeamAlias = "Blue team" }, Stamps.Updated);

        Assert.That(team.OrganizationId, Is.EqualTo("org-1"));
    }

    [TestCase("zed", UserRole.InternalUser)]
    [TestCase("bo", UserRole.InternalUser)]
    [TestCase("zed", UserRole.ProxyAdminViewer)]
    public void AnOrgAdminOfTheTeamsOrganizationSeesAndAdministersIt(string userId, UserRole role)
    {
        var who = Principal.ForUser(userId, role, Token);

        Assert.That(TeamWithMembers().IsVisibleTo(who, whoAdministersOrganization: true), Is.True);
        Assert.That(TeamWithMembers().IsAdministeredBy(who, whoAdministersOrganization: true), Is.True);
    }

    [TestCase("bo", UserRole.InternalUser, true, false)]
    [TestCase("ada", UserRole.InternalUser, true, true)]
    [TestCase("zed", UserRole.InternalUser, false, false)]
    [TestCase("zed", UserRole.ProxyAdmin, true, true)]
    [TestCase("zed", UserRole.ProxyAdminViewer, true, false)]
    public void WithoutOrganizationStandingTheTeamsOwnRuleDecides(string userId, UserRole role, bool sees, bool administers)
    {
        var who = Principal.ForUser(userId, role, Token);

        Assert.That(TeamWithMembers().IsVisibleTo(who, whoAdministersOrganization: false), Is.EqualTo(sees), "sees");
        Assert.That(TeamWithMembers().IsAdministeredBy(who, whoAdministersOrganization: false), Is.EqualTo(administers), "administers");
    }

    [Test]
    public void OrganizationStandingGrantsNothingOnATeamOutsideEveryOrganization()
    {
        var team = Team.Create("t1", new TeamSettings(), Stamps.Created);
        var zed = Principal.ForUser("zed", UserRole.InternalUser, Token);

        Assert.That(team.IsVisibleTo(zed, whoAdministersOrganization: true), Is.False);
        Assert.That(team.IsAdministeredBy(zed, whoAdministersOrganization: true), Is.False);
    }

    [Test]
    public void TheFirstRaisedLimitIsTheOneReported() =>
        Assert.That(
            FullTeam().RefusalForTeamAdmin(new TeamSettings { RpmLimit = 1000, MaxBudget = 1000, Blocked = true }),
            Does.StartWith("Team admins cannot raise their team's max_budget"));

    [TestCase("""{"model_rpm_limit":{"gpt-4o":11}}""", "model_rpm_limit", "10")]
    [TestCase("""{"model_rpm_limit":{"gpt-4o":10.5}}""", "model_rpm_limit", "10")]
    [TestCase("""{"model_tpm_limit":{"gpt-4o":1001}}""", "model_tpm_limit", "1000")]
    public void ATeamAdminCannotRaiseAPerModelLimit(string metadata, string field, string current) =>
        Assert.That(
            TeamWithPerModelLimits().RefusalForTeamAdmin(new TeamSettings { Metadata = Metadata(metadata) }),
            Is.EqualTo($"Team admins cannot raise or remove their team's {field} for model gpt-4o (current {current}); ask a proxy admin."));

    [TestCase("""{"model_rpm_limit":null}""")]
    [TestCase("""{"model_rpm_limit":{"gpt-4o":null}}""")]
    [TestCase("""{"model_rpm_limit":{"claude":5}}""")]
    [TestCase("""{"model_rpm_limit":{"gpt-4o":"5"}}""")]
    [TestCase("""{"model_rpm_limit":5}""")]
    [TestCase("""{"model_tpm_limit":{}}""")]
    public void ATeamAdminCannotRemoveAPerModelLimitOrMakeItNonNumeric(string metadata) =>
        Assert.That(
            TeamWithPerModelLimits().RefusalForTeamAdmin(new TeamSettings { Metadata = Metadata(metadata) }),
            Does.StartWith("Team admins cannot raise or remove their team's model_"));

    [TestCase("""{"model_rpm_limit":{"gpt-4o":5}}""")]
    [TestCase("""{"model_rpm_limit":{"gpt-4o":10,"claude":1000}}""")]
    [TestCase("""{"model_tpm_limit":{"gpt-4o":999}}""")]
    [TestCase("""{"owner":"dev"}""")]
    public void ATeamAdminMayLowerKeepOrAddPerModelLimits(string metadata) =>
        Assert.That(TeamWithPerModelLimits().RefusalForTeamAdmin(new TeamSettings { Metadata = Metadata(metadata) }), Is.Null);

    [Test]
    public void ATeamAdminMaySetPerModelLimitsWhereThereWereNone() =>
        Assert.That(
            FullTeam().RefusalForTeamAdmin(new TeamSettings { Metadata = Metadata("""{"model_rpm_limit":{"gpt-4o":100000}}""") }),
            Is.Null);

    [Test]
    public void NothingIsRefusedWhenNothingIsSent() =>
        Assert.That(TeamWithPerModelLimits().RefusalForTeamAdmin(new TeamSettings()), Is.Null);

    private static void AssertTouchedByTheUpdate(Team team)
    {
        Assert.That(team.UpdatedAt, Is.EqualTo(Stamps.Later));
        Assert.That(team.UpdatedBy, Is.EqualTo("bob"));
        Assert.That(team.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(team.CreatedBy, Is.EqualTo("alice"));
    }

    [Test]
    public void MembersWithoutABudgetOfTheirOwnShareTheTeamsMemberBudget()
    {
        var team = Team.Create("t1", new TeamSettings(), Stamps.Created);
        team.AddMember(new TeamMember("before", null, TeamRole.User), Stamps.Created);
        var budget = Budget.Create(new BudgetSettings { MaxBudget = 10 }, Stamps.Created);

        team.LinkMemberBudget(budget, Stamps.Updated);
        team.AddMember(new TeamMember("after", null, TeamRole.User), Stamps.Updated);

        Assert.That(team.TeamMemberBudgetId, Is.EqualTo(budget.BudgetId));
        Assert.That(team.FindMember("before")!.BudgetId, Is.EqualTo(budget.BudgetId));
        Assert.That(team.FindMember("after")!.BudgetId, Is.EqualTo(budget.BudgetId));
        Assert.That(team.SharesMemberBudget(team.FindMember("after")!), Is.True);
        Assert.That(team.UpdatedAt, Is.EqualTo(Stamps.Later));
    }

    [Test]
    public void AMembersOwnBudgetIsNotTheSharedOne()
    {
        var team = Team.Create("t1", new TeamSettings(), Stamps.Created);
        team.AddMember(new TeamMember("bob", null, TeamRole.User), Stamps.Created);
        team.LinkMemberBudget(Budget.Create(new BudgetSettings { MaxBudget = 10 }, Stamps.Created), Stamps.Created);
        var own = Budget.Create(new BudgetSettings { MaxBudget = 30 }, Stamps.Created);

        team.SetMemberBudget("bob", own, Stamps.Updated);

        Assert.That(team.FindMember("bob")!.BudgetId, Is.EqualTo(own.BudgetId));
        Assert.That(team.SharesMemberBudget(team.FindMember("bob")!), Is.False);
        Assert.Throws<InvalidOperationException>(() => team.SetMemberBudget("nobody", own, Stamps.Updated));
    }

    [Test]
    public void TheLiteLlmTeamFieldsAreStoredAndListsAndSettingsAreReplacedOnUpdate()
    {
        var team = Team.Create("t1", new TeamSettings { TeamMemberPermissions = ["/key/generate"], RouterSettings = new JsonObject { ["a"] = 1 }, AccessGroupIds = ["ag"] }, Stamps.Created);

        Assert.That((team.TeamMemberPermissions.Single(), team.RouterSettings.ToJsonString(), team.AccessGroupIds.Single()), Is.EqualTo(("/key/generate", """{"a":1}""", "ag")));
        Assert.That(team.ModelSpend.Count + team.ModelMaxBudget.Count, Is.Zero);

        team.Update(new TeamSettings { TeamMemberPermissions = [], RouterSettings = [] }, Stamps.Updated);

        Assert.That(team.TeamMemberPermissions, Is.Empty);
        Assert.That(team.RouterSettings.ToJsonString(), Is.EqualTo("{}"));
        Assert.That(team.AccessGroupIds.Single(), Is.EqualTo("ag"), "a list not sent stays");
    }
}
