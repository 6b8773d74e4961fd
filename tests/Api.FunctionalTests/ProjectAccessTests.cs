using static ProxyAdmin.Api.FunctionalTests.ProjectApi;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Who may do what with projects, judged against what is stored: the proxy admin everything, the admin
/// viewer reads everything, a team admin writes the team's projects, a team member reads them, and anyone
/// else learns nothing (404, never the team's limits). Callers are made with <c>/user/new</c> and
/// <c>/team/member_add</c>.
/// </summary>
public sealed class ProjectAccessTests
{
    // ---------------------------------------------------------------- create

    [Test]
    public async Task ATeamAdminCreatesInTheirTeamAndIsRecordedAsAuthor()
    {
        var teamId = await NewTeam();
        var (adminId, teamAdmin) = await Member(teamId, "admin");

        var project = await NewProject(new { team_id = teamId, max_budget = 5 }, teamAdmin);

        Assert.That(project["created_by"]!.GetValue<string>(), Is.EqualTo(adminId));
        Assert.That(project["updated_by"]!.GetValue<string>(), Is.EqualTo(adminId));
        Assert.That(project["litellm_budget_table"]!["created_by"]!.GetValue<string>(), Is.EqualTo(adminId));
        var audit = (await AuditRows(Id(project))).Single();
        Assert.That(audit["changed_by"]!.GetValue<string>(), Is.EqualTo(adminId));
    }

    [Test]
    public async Task ATeamMemberMayNotCreateEvenWithinLimits()
    {
        var teamId = await NewTeam(new { max_budget = 10 });
        var (_, member) = await Member(teamId, "user");
        var projectId = Api.UniqueId("proj");

        var body = await (await member.PostJson("/project/new", new { team_id = teamId, project_id = projectId, max_budget = 5 })).Expect(403);

        Assert.That(body.ErrorMessage(), Is.EqualTo("Only admins or team admins can create projects. Your role is internal_user"));
        Assert.That(body.ErrorType(), Is.EqualTo("permission_denied_error"));
        await ExpectMissing(projectId);
    }

    [Test]
    public async Task AMemberBreakingTheTeamsLimitsIsRefusedForTheirRoleNotTheLimits()
    {
        var teamId = await NewTeam(new { max_budget = 10, models = new[] { "gpt-4" } });
        var (_, member) = await Member(teamId, "user");

        var body = await (await member.PostJson("/project/new", new { team_id = teamId, max_budget = 500, models = new[] { "claude-3" } })).Expect(403);

        Assert.That(body.ErrorMessage(), Does.Not.Contain("max_budget").And.Not.Contain("gpt-4"));
    }

    [Test]
    public async Task AnOutsiderGets404AndNeverTheTeamsLimits()
    {
        var teamId = await NewTeam(new { max_budget = 10, tpm_limit = 100, models = new[] { "secret-model" } });
        var otherTeam = await NewTeam();
        var (_, outsider) = await Member(otherTeam, "admin");
        var projectId = Api.UniqueId("proj");
        var unknownTeam = Api.UniqueId("no-team");

        var existing = await (await outsider.PostJson("/project/new", new { team_id = teamId, project_id = projectId, max_budget = 500, tpm_limit = 1000, models = new[] { "other" } })).Expect(404);
        var missing = await (await outsider.PostJson("/project/new", new { team_id = unknownTeam, project_id = projectId })).Expect(404);

        Assert.That(existing.ErrorMessage(), Is.EqualTo($"Team not found, team_id={teamId}"));
        Assert.That(existing.ErrorParam(), Is.EqualTo("team_id"));
        Assert.That(existing.ToJsonString(), Does.Not.Contain("secret-model").And.Not.Contain("exceeds"));
        Assert.That(missing.ErrorMessage(), Is.EqualTo($"Team not found, team_id={unknownTeam}"), "an existing team looks like a missing one");
        await ExpectMissing(projectId);
    }

    [Test]
    public async Task AnAdminViewerMayNotCreate()
    {
        var teamId = await NewTeam();
        var (_, viewer) = await UserWithRole("proxy_admin_viewer");
        var projectId = Api.UniqueId("proj");

        var body = await (await viewer.PostJson("/project/new", new { team_id = teamId, project_id = projectId })).Expect(403);

        Assert.That(body.ErrorType(), Is.EqualTo("permission_denied_error"));
        await ExpectMissing(projectId);
    }

    // ---------------------------------------------------------------- update

    [Test]
    public async Task ATeamAdminUpdatesTheirTeamsProjectAndIsRecordedAsUpdater()
    {
        var teamId = await NewTeam();
        var (adminId, teamAdmin) = await Member(teamId, "admin");
        var projectId = await NewProjectId(teamId);

        var updated = await (await teamAdmin.PostJson("/project/update", new { project_id = projectId, description = "by the team admin", max_budget = 3 })).Expect(200);

        Assert.That(updated["updated_by"]!.GetValue<string>(), Is.EqualTo(adminId));
        Assert.That(updated["created_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));
        Assert.That(updated["litellm_budget_table"]!["updated_by"]!.GetValue<string>(), Is.EqualTo(adminId));
        Assert.That((await Info(projectId))["description"]!.GetValue<string>(), Is.EqualTo("by the team admin"));
        Assert.That((await AuditRows(projectId))[^1]["changed_by"]!.GetValue<string>(), Is.EqualTo(adminId));
    }

    [Test]
    public async Task ATeamMemberMayReadButNotUpdate()
    {
        var teamId = await NewTeam();
        var (_, member) = await Member(teamId, "user");
        var projectId = Id(await NewProject(new { team_id = teamId, project_alias = "kept" }));

        var body = await (await member.PostJson("/project/update", new { project_id = projectId, project_alias = "changed" })).Expect(403);

        Assert.That(body.ErrorMessage(), Is.EqualTo("Only admins or team admins can update projects"));
        Assert.That((await Info(projectId, member))["project_alias"]!.GetValue<string>(), Is.EqualTo("kept"));
    }

    [Test]
    public async Task AnOutsiderUpdatingGets404LikeForAMissingProjectAndNoLimits()
    {
        var teamId = await NewTeam(new { max_budget = 10 });
        var projectId = Id(await NewProject(new { team_id = teamId, project_alias = "kept" }));
        var (_, outsider) = await UserWithRole();

        var existing = await (await outsider.PostJson("/project/update", new { project_id = projectId, max_budget = 500 })).Expect(404);
        var missing = await (await outsider.PostJson("/project/update", new { project_id = Api.UniqueId("proj"), max_budget = 500 })).Expect(404);

        Assert.That(existing.ErrorMessage(), Is.EqualTo($"Project not found, project_id={projectId}"));
        Assert.That(existing.ErrorType(), Is.EqualTo(missing.ErrorType()));
        Assert.That(existing.ErrorParam(), Is.EqualTo(missing.ErrorParam()));
        Assert.That((await Info(projectId))["litellm_budget_table"]!["max_budget"], Is.Null);
    }

    [Test]
    public async Task AnAdminViewerMayReadButNotUpdate()
    {
        var teamId = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = teamId, project_alias = "kept" }));
        var (_, viewer) = await UserWithRole("proxy_admin_viewer");

        await Info(projectId, viewer);
        var body = await (await viewer.PostJson("/project/update", new { project_id = projectId, project_alias = "changed" })).Expect(403);

        Assert.That(body.ErrorType(), Is.EqualTo("permission_denied_error"));
        Assert.That((await Info(projectId))["project_alias"]!.GetValue<string>(), Is.EqualTo("kept"));
    }

    [Test]
    public async Task MovingAProjectNeedsAdminRightsInTheDestinationToo()
    {
        var home = await NewTeam();
        var joined = await NewTeam();
        var foreign = await NewTeam();
        var alsoRun = await NewTeam();
        var (adminId, teamAdmin) = await Member(home, "admin");
        await AddMember(joined, adminId, "user");
        await AddMember(alsoRun, adminId, "admin");
        var projectId = await NewProjectId(home);

        var asMember = await (await teamAdmin.PostJson("/project/update", new { project_id = projectId, team_id = joined })).Expect(403);
        var outside = await (await teamAdmin.PostJson("/project/update", new { project_id = projectId, team_id = foreign })).Expect(404);
        Assert.That((await Info(projectId))["team_id"]!.GetValue<string>(), Is.EqualTo(home));
        var moved = await (await teamAdmin.PostJson("/project/update", new { project_id = projectId, team_id = alsoRun })).Expect(200);

        Assert.That(asMember.ErrorMessage(), Is.EqualTo("Cannot reassign project to a team you are not an admin of"));
        Assert.That(outside.ErrorMessage(), Is.EqualTo($"Team not found, team_id={foreign}"));
        Assert.That(moved["team_id"]!.GetValue<string>(), Is.EqualTo(alsoRun));
        Assert.That((await Info(projectId))["team_id"]!.GetValue<string>(), Is.EqualTo(alsoRun));
    }

    [Test]
    public async Task AnAdminOfTheDestinationOnlyCannotPullAProjectIn()
    {
        var victim = await NewTeam();
        var attackerTeam = await NewTeam();
        var (attackerId, attacker) = await Member(attackerTeam, "admin");
        await AddMember(victim, attackerId, "user");
        var projectId = await NewProjectId(victim);

        var body = await (await attacker.PostJson("/project/update", new { project_id = projectId, team_id = attackerTeam })).Expect(403);

        Assert.That(body.ErrorMessage(), Is.EqualTo("Only admins or team admins can update projects"), "the stored team decides, not the one sent");
        Assert.That((await Info(projectId))["team_id"]!.GetValue<string>(), Is.EqualTo(victim));
    }

    [Test]
    public async Task AProjectMovedAwayIsNoLongerTheOldTeamAdminsToChange()
    {
        var home = await NewTeam();
        var destination = await NewTeam();
        var (_, homeAdmin) = await Member(home, "admin");
        var projectId = await NewProjectId(home);
        await (await Admin.PostJson("/project/update", new { project_id = projectId, team_id = destination })).Expect(200);

        await (await homeAdmin.PostJson("/project/update", new { project_id = projectId, project_alias = "mine again" })).Expect(404);
        await (await homeAdmin.GetAsync($"/project/info?project_id={projectId}")).Expect(404);
    }

    // ---------------------------------------------------------------- delete

    [Test]
    public async Task OnlyProxyAdminsDeleteProjectsATeamAdminGets403WithTheSeedsMessage()
    {
        var teamId = await NewTeam();
        var (_, teamAdmin) = await Member(teamId, "admin");
        var own = await NewProjectId(teamId);

        var refused = await (await Delete(teamAdmin, own)).Expect(403);

        Assert.That(refused.ErrorMessage(), Is.EqualTo("Only admins can delete projects"));
        Assert.That(refused.ErrorType(), Is.EqualTo("permission_denied_error"));
        await Info(own);
        var deleted = await (await Delete(Admin, own)).ExpectArray(200);
        Assert.That(deleted.Ids(), Is.EqualTo(new[] { own }));
        await ExpectMissing(own);
    }

    [Test]
    public async Task AMemberOrViewerMayNotDelete()
    {
        var teamId = await NewTeam();
        var (_, member) = await Member(teamId, "user");
        var (_, viewer) = await UserWithRole("proxy_admin_viewer");
        var projectId = await NewProjectId(teamId);

        Assert.That((await (await Delete(member, projectId)).Expect(403)).ErrorMessage(), Is.EqualTo("Only admins can delete projects"));
        Assert.That((await (await Delete(viewer, projectId)).Expect(403)).ErrorMessage(), Is.EqualTo("Only admins can delete projects"));

        await Info(projectId);
    }

    [Test]
    public async Task ANonAdminIsRefusedBeforeAnythingIsLookedUpSoExistenceNeverLeaks()
    {
        var teamId = await NewTeam();
        var projectId = await NewProjectId(teamId);
        await Api.GenerateKey(Admin, new { project_id = projectId });
        var (_, outsider) = await UserWithRole();

        var real = await (await Delete(outsider, projectId)).Expect(403);
        var missing = await (await Delete(outsider, Api.UniqueId("proj"))).Expect(403);

        Assert.That(real.ToJsonString(), Is.EqualTo(missing.ToJsonString()), "the same answer for a real project (with keys) and a missing one");
        await Info(projectId);
    }

    // ---------------------------------------------------------------- info

    [Test]
    public async Task TheTeamsMembersAndTheViewerReadAProjectAndNobodyElse()
    {
        var teamId = await NewTeam();
        var (_, teamAdmin) = await Member(teamId, "admin");
        var (_, member) = await Member(teamId, "user");
        var (_, viewer) = await UserWithRole("proxy_admin_viewer");
        var (_, outsider) = await Member(await NewTeam(), "admin");
        var project = await NewProject(new { team_id = teamId, max_budget = 4 });
        var projectId = Id(project);

        foreach (var reader in new[] { teamAdmin, member, viewer })
        {
            var seen = await Info(projectId, reader);
            Assert.That(seen["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(4));
        }

        var hidden = await (await outsider.GetAsync($"/project/info?project_id={projectId}")).Expect(404);
        Assert.That(hidden.ErrorMessage(), Is.EqualTo($"Project not found, project_id={projectId}"));
    }

    // ---------------------------------------------------------------- lists

    [Test]
    public async Task TheViewerListsEveryTeamsProjects()
    {
        var teamA = await NewTeam();
        var teamB = await NewTeam();
        var a = await NewProjectId(teamA);
        var b = await NewProjectId(teamB);
        var (_, viewer) = await UserWithRole("proxy_admin_viewer");

        var all = await (await viewer.GetAsync("/project/list")).ExpectArray(200);
        var onlyB = await (await viewer.GetAsync($"/project/list?team_id={teamB}")).ExpectArray(200);
        var page = await (await viewer.GetAsync($"/v2/project/list?team_id={teamA}")).Expect(200);

        Assert.That(all.Ids(), Is.SupersetOf(new[] { a, b }));
        Assert.That(onlyB.Ids(), Is.EqualTo(new[] { b }));
        Assert.That(page["projects"]!.AsArray().Ids(), Is.EqualTo(new[] { a }));
    }

    [Test]
    public async Task AUserInTwoTeamsListsBothTeamsProjectsWhateverTheirRole()
    {
        var adminOf = await NewTeam();
        var memberOf = await NewTeam();
        var elsewhere = await NewTeam();
        var (userId, client) = await Member(adminOf, "admin");
        await AddMember(memberOf, userId, "user");
        var first = await NewProjectId(adminOf);
        var second = await NewProjectId(memberOf);
        await NewProjectId(elsewhere);

        var all = await (await client.GetAsync("/project/list")).ExpectArray(200);
        var page = await (await client.GetAsync("/v2/project/list")).Expect(200);
        var filtered = await (await client.GetAsync($"/project/list?team_id={memberOf}")).ExpectArray(200);

        Assert.That(all.Ids(), Is.EquivalentTo(new[] { first, second }));
        Assert.That(page["projects"]!.AsArray().Ids(), Is.EquivalentTo(new[] { first, second }));
        Assert.That(page["total"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(filtered.Ids(), Is.EqualTo(new[] { second }));
    }

    [Test]
    public async Task AnOutsiderListsNothingAndFilteringByAnotherTeamIs404()
    {
        var teamId = await NewTeam();
        await NewProjectId(teamId);
        var (_, outsider) = await UserWithRole();

        var all = await (await outsider.GetAsync("/project/list")).ExpectArray(200);
        var page = await (await outsider.GetAsync("/v2/project/list")).Expect(200);
        var filtered = await (await outsider.GetAsync($"/project/list?team_id={teamId}")).Expect(404);
        var filteredPage = await (await outsider.GetAsync($"/v2/project/list?team_id={teamId}")).Expect(404);

        Assert.That(all, Is.Empty);
        Assert.That(page["projects"]!.AsArray(), Is.Empty);
        Assert.That(page["total"]!.GetValue<int>(), Is.Zero);
        Assert.That(page["total_pages"]!.GetValue<int>(), Is.Zero);
        Assert.That(filtered.ErrorMessage(), Is.EqualTo($"Team not found, team_id={teamId}"));
        Assert.That(filteredPage.ErrorParam(), Is.EqualTo("team_id"));
    }

    // ---------------------------------------------------------------- keys

    [Test]
    public async Task AMemberMayKeyTheirTeamsProjectAndAnOutsiderCannotSeeIt()
    {
        var teamId = await NewTeam();
        var (memberId, member) = await Member(teamId, "user");
        var (_, outsider) = await UserWithRole();
        var projectId = await NewProjectId(teamId);

        var key = await Api.GenerateKey(member, new { project_id = projectId });
        var hidden = await (await outsider.PostJson("/key/generate", new { project_id = projectId })).Expect(404);

        Assert.That(key["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        Assert.That(key["project_id"]!.GetValue<string>(), Is.EqualTo(projectId));
        Assert.That(key["user_id"]!.GetValue<string>(), Is.EqualTo(memberId));
        Assert.That(hidden.ErrorMessage(), Is.EqualTo($"Project not found, project_id={projectId}"));
        Assert.That(hidden.ToJsonString(), Does.Not.Contain(teamId));
    }
}
