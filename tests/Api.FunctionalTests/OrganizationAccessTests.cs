using static ProxyAdmin.Api.FunctionalTests.OrganizationApi;
using static ProxyAdmin.Api.FunctionalTests.ProjectApi;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Who may do what in an organization: its <c>org_admin</c>s create and manage its teams (within its limits) and its
/// members, and read everything under it; its other members read it and their own teams; org admins of another
/// organization and outsiders learn nothing (404).
/// </summary>
public sealed class OrganizationAccessTests
{
    [Test]
    public async Task AnOrgAdminCreatesAndManagesTheTeamsOfItsOrganization()
    {
        var organizationId = OrgId(await NewOrganization(new { max_budget = 100 }));
        var (adminId, orgAdmin) = await OrganizationMember(organizationId, "org_admin");
        var (memberId, _) = await OrganizationMember(organizationId, "internal_user");

        var created = await (await orgAdmin.PostJson("/team/new", new { organization_id = organizationId, max_budget = 60 })).Expect(200);
        var teamId = created["team_id"]!.GetValue<string>();
        var withoutOrganization = await (await orgAdmin.PostJson("/team/new", new { team_alias = "free" })).Expect(403);
        var raised = await (await orgAdmin.PostJson("/team/update", new { team_id = teamId, max_budget = 90 })).Expect(200);
        var aboveOrganization = await (await orgAdmin.PostJson("/team/update", new { team_id = teamId, max_budget = 101 })).Expect(400);
        var moveOut = await (await orgAdmin.PostJson("/team/update", new { team_id = teamId, organization_id = "" })).Expect(403);
        await (await orgAdmin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = memberId, role = "user" } })).Expect(200);
        var project = await NewProject(new { team_id = teamId, max_budget = 10 }, orgAdmin);
        var foreignProject = await NewProjectId(await NewTeam(new { organization_id = organizationId }));
        var listed = await (await orgAdmin.GetAsync("/v2/project/list")).Expect(200);

        Assert.That(created["members_with_roles"]!.AsArray().Select(m => m!["user_id"]!.GetValue<string>()), Has.Member(adminId), "the creating org admin joins its team");
        Assert.That(withoutOrganization.ErrorMessage(), Does.StartWith("Only proxy admins, and org admins in their organization"));
        Assert.That(raised["data"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(90), "an org admin sets its teams' limits within the organization");
        Assert.That(aboveOrganization.ErrorParam(), Is.EqualTo("max_budget"));
        Assert.That(moveOut.ErrorMessage(), Is.EqualTo("Only proxy admins can move a team to another organization."));
        Assert.That((await Info(Id(project), orgAdmin))["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        Assert.That((await Info(foreignProject, orgAdmin))["project_id"]!.GetValue<string>(), Is.EqualTo(foreignProject), "an org admin reads the projects of every team of its organization");
        Assert.That(listed["projects"]!.AsArray().Select(p => p!["project_id"]!.GetValue<string>()), Is.EquivalentTo(new[] { Id(project), foreignProject }));
    }

    [Test]
    public async Task AnOrgAdminReadsEveryTeamOfItsOrganizationAndAMemberOnlyItsOwn()
    {
        var organizationId = OrgId(await NewOrganization());
        var (_, orgAdmin) = await OrganizationMember(organizationId, "org_admin");
        var (memberId, member) = await OrganizationMember(organizationId, "internal_user");
        var own = await NewTeam(new { organization_id = organizationId, members_with_roles = new[] { new { user_id = memberId, role = "user" } } });
        var other = await NewTeam(new { organization_id = organizationId });

        var byAdmin = await OrganizationInfo(organizationId, orgAdmin);
        var byMember = await OrganizationInfo(organizationId, member);
        var adminReadsTeam = await (await orgAdmin.GetAsync($"/team/info?team_id={other}")).Expect(200);
        var memberReadsOther = await (await member.GetAsync($"/team/info?team_id={other}")).Expect(404);
        var memberAddsMember = await (await member.PostJson("/organization/member_add", new { organization_id = organizationId, member = new { user_id = "x", role = "org_admin" } })).Expect(403);
        var memberList = await (await member.GetAsync("/organization/list")).ExpectArray(200);
        var adminTeams = await (await orgAdmin.GetAsync("/team/list")).ExpectArray(200);
        var adminPage = await (await orgAdmin.GetAsync($"/v2/team/list?organization_id={organizationId}")).Expect(200);
        var memberTeams = await (await member.GetAsync("/team/list")).ExpectArray(200);

        Assert.That(byAdmin.TeamIds(), Is.EquivalentTo(new[] { own, other }));
        Assert.That(byMember.TeamIds(), Is.EqualTo(new[] { own }));
        Assert.That(adminReadsTeam["team_id"]!.GetValue<string>(), Is.EqualTo(other));
        Assert.That(memberReadsOther.ErrorMessage(), Does.StartWith("Team not found"));
        Assert.That(memberAddsMember.ErrorMessage(), Is.EqualTo($"Only proxy admins or org admins of organization {organizationId} can add members."));
        Assert.That(memberList.Select(o => o!["organization_id"]!.GetValue<string>()), Is.EqualTo(new[] { organizationId }));
        Assert.That(adminTeams.Select(t => t!["team_id"]!.GetValue<string>()), Is.EquivalentTo(new[] { own, other }), "an org admin lists its organization's teams");
        Assert.That(adminPage["teams"]!.AsArray().Select(t => t!["team_id"]!.GetValue<string>()), Is.EquivalentTo(new[] { own, other }));
        Assert.That(adminPage["total"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(memberTeams.Select(t => t!["team_id"]!.GetValue<string>()), Is.EqualTo(new[] { own }));
    }

    [Test]
    public async Task AnOrgAdminOfAnotherOrganizationAndAnOutsiderLearnNothing()
    {
        var organizationId = OrgId(await NewOrganization());
        var teamId = await NewTeam(new { organization_id = organizationId });
        var (_, foreignAdmin) = await OrganizationMember(OrgId(await NewOrganization()), "org_admin");
        var (_, outsider) = await UserWithRole();

        foreach (var caller in new[] { foreignAdmin, outsider })
        {
            var info = await (await caller.GetAsync($"/organization/info?organization_id={organizationId}")).Expect(404);
            var team = await (await caller.PostJson("/team/update", new { team_id = teamId, max_budget = 1 })).Expect(404);
            var create = await (await caller.PostJson("/team/new", new { organization_id = organizationId })).Expect(403);
            var addMember = await (await caller.PostJson("/organization/member_add", new { organization_id = organizationId, member = new { user_id = "x", role = "internal_user" } })).Expect(404);
            var list = await (await caller.GetAsync("/organization/list")).ExpectArray(200);

            Assert.That(info.ErrorMessage(), Is.EqualTo($"Organization not found for organization_id={organizationId}"));
            Assert.That(team.ErrorMessage(), Does.StartWith("Team not found"));
            Assert.That(create.ErrorMessage(), Does.StartWith("Only proxy admins, and org admins"));
            Assert.That(addMember.ErrorParam(), Is.EqualTo("organization_id"));
            Assert.That(list.Select(o => o!["organization_id"]!.GetValue<string>()), Has.No.Member(organizationId));
        }

        Assert.That((await OrganizationInfo(organizationId)).MemberIds(), Is.Empty);
    }

    [Test]
    public async Task AKeyGoesOnlyIntoAnOrganizationItsOwnerIsAMemberOf()
    {
        var organizationId = OrgId(await NewOrganization());
        var (_, member) = await OrganizationMember(organizationId, "internal_user");
        var (_, outsider) = await UserWithRole();
        var unknown = Api.UniqueId("org");

        var own = await Api.GenerateKey(member, new { organization_id = organizationId });
        var refused = await (await outsider.PostJson("/key/generate", new { organization_id = organizationId })).Expect(403);
        var byAdmin = await (await Admin.PostJson("/key/generate", new { organization_id = unknown })).Expect(404);
        var moved = await (await outsider.PostJson("/key/update", new { key = (await Api.GenerateKey(outsider, new { }))["key"]!.GetValue<string>(), organization_id = organizationId })).Expect(403);

        Assert.That(own["organization_id"]!.GetValue<string>(), Is.EqualTo(organizationId));
        Assert.That(refused.ErrorMessage(), Is.EqualTo($"You can only place a key in an organization you are a member of. organization_id={organizationId}"));
        Assert.That(byAdmin.ErrorMessage(), Is.EqualTo($"Organization not found for organization_id={unknown}"));
        Assert.That(moved.ErrorParam(), Is.EqualTo("organization_id"));
    }

    [Test]
    public async Task ADeletedOrgAdminsIdCarriesNoOrganizationRoleToTheNextUserWithIt()
    {
        var organizationId = OrgId(await NewOrganization());
        var (userId, _) = await OrganizationMember(organizationId, "org_admin");

        await (await Admin.PostJson("/user/delete", new { user_ids = new[] { userId } })).Expect(200);
        var (_, key) = await Api.CreateUser(userId: userId);
        var successor = Service.App.ClientWith(key);
        var create = await (await successor.PostJson("/team/new", new { organization_id = organizationId })).Expect(403);

        Assert.That(create.ErrorMessage(), Does.StartWith("Only proxy admins, and org admins"));
        Assert.That((await OrganizationInfo(organizationId)).MemberIds(), Is.Empty);
        await (await successor.GetAsync($"/organization/info?organization_id={organizationId}")).Expect(404);
    }

    [Test]
    public async Task ATeamAdminAddsOnlyModelsItsOrganizationAllows()
    {
        var organizationId = OrgId(await NewOrganization(new { models = new[] { "gpt-4o", "claude" } }));
        var (userId, teamAdmin) = await OrganizationMember(organizationId, "internal_user");
        var teamId = await NewTeam(new { organization_id = organizationId, models = new[] { "gpt-4o" }, members_with_roles = new[] { new { user_id = userId, role = "admin" } } });

        var refused = await (await teamAdmin.PostJson("/team/model/add", new { team_id = teamId, models = new[] { "o1" } })).Expect(400);
        var added = await (await teamAdmin.PostJson("/team/model/add", new { team_id = teamId, models = new[] { "claude" } })).Expect(200);

        Assert.That(refused.ErrorParam(), Is.EqualTo("models"));
        Assert.That(added["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "gpt-4o", "claude" }));
    }
}
