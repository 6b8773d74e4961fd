using System.Text.Json.Nodes;
using static ProxyAdmin.Api.FunctionalTests.OrganizationApi;
using static ProxyAdmin.Api.FunctionalTests.ProjectApi;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Organizations over HTTP: LiteLLM's routes and fields, the budget row every organization links, and the rules teams keep
/// inside one (models and limits within it, members of it, moving in, an organization with teams kept).
/// </summary>
public sealed class OrganizationTests
{
    [Test]
    public async Task AProxyAdminCreatesAnOrganizationWithItsBudgetRowAndReadsIt()
    {
        var created = await NewOrganization(new { models = new[] { "gpt-4o", "claude" }, max_budget = 100, tpm_limit = 5000, metadata = new { cost_center = "r&d" } });
        var organizationId = OrgId(created);

        var info = await OrganizationInfo(organizationId);

        Assert.That(created["budget_id"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(created["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(100));
        Assert.That(created["created_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));
        Assert.That(info["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(info["litellm_budget_table"]!["tpm_limit"]!.GetValue<long>(), Is.EqualTo(5000));
        Assert.That(info["metadata"]!["cost_center"]!.GetValue<string>(), Is.EqualTo("r&d"));
        Assert.That(info.MemberIds(), Is.Empty);
        Assert.That(info.TeamIds(), Is.Empty);
        var audit = await Api.AuditRowsFor(organizationId);
        Assert.That(audit.Select(r => r!["table_name"]!.GetValue<string>()), Has.Some.EqualTo("LiteLLM_OrganizationTable"));
        Assert.That(audit.Select(r => r!["action"]!.GetValue<string>()), Has.Some.EqualTo("created"));
    }

    [Test]
    public async Task OnlyProxyAdminsCreateUpdateAndDeleteOrganizations()
    {
        var organizationId = OrgId(await NewOrganization());
        var (_, orgAdmin) = await OrganizationMember(organizationId, "org_admin");
        var (_, outsider) = await UserWithRole();
        var attempted = Api.UniqueId("org");

        var create = await (await outsider.PostJson("/organization/new", new { organization_id = attempted, organization_alias = "x" })).Expect(403);
        var update = await (await orgAdmin.Patch("/organization/update", new { organization_id = organizationId, max_budget = 1e9 })).Expect(403);
        var delete = await (await orgAdmin.DeleteWithBody("/organization/delete", new { organization_ids = new[] { organizationId } })).Expect(403);

        Assert.That(create.ErrorMessage(), Is.EqualTo("Only proxy admins can create organizations"));
        Assert.That(update.ErrorMessage(), Is.EqualTo("Only proxy admins can update organizations"));
        Assert.That(delete.ErrorMessage(), Is.EqualTo("Only proxy admins can delete organizations"));
        await (await Admin.GetAsync($"/organization/info?organization_id={attempted}")).Expect(404);
        Assert.That((await OrganizationInfo(organizationId))["litellm_budget_table"]!["max_budget"], Is.Null);
    }

    [TestCase("""{"models": []}""", "organization_alias")]
    [TestCase("""{"organization_alias": "a", "max_budget": -1}""", "max_budget")]
    [TestCase("""{"organization_alias": "a", "budget_id": "b", "max_budget": 1}""", "budget_id")]
    [TestCase("""{"organization_alias": "a", "models": [""]}""", "models")]
    public async Task ABadCreateIsRefusedByField(string body, string param)
    {
        var refused = await (await PostRaw(Admin, "/organization/new", body)).Expect(400);

        Assert.That(refused.ErrorParam(), Does.StartWith(param));
    }

    [Test]
    public async Task AnOrganizationLinksAnExistingBudgetRowWhichThenCannotBeDeleted()
    {
        var budgetId = Api.UniqueId("budget");
        await (await Admin.PostJson("/budget/new", new { budget_id = budgetId, max_budget = 50 })).Expect(200);
        var unknown = await (await Admin.PostJson("/organization/new", new { organization_alias = "x", budget_id = Api.UniqueId("nope") })).Expect(404);

        var organization = await NewOrganization(new { budget_id = budgetId });
        var delete = await (await Admin.PostJson("/budget/delete", new { id = budgetId })).Expect(409);

        Assert.That(unknown.ErrorParam(), Is.EqualTo("budget_id"));
        Assert.That(organization["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(50));
        Assert.That(delete.ErrorMessage(), Does.Contain($"organization {OrgId(organization)}"));
    }

    [Test]
    public async Task ATeamInAnOrganizationKeepsWithinIt()
    {
        var organizationId = OrgId(await NewOrganization(new { models = new[] { "gpt-4o", "claude" }, max_budget = 100, rpm_limit = 50 }));

        var unknown = await (await Admin.PostJson("/team/new", new { organization_id = Api.UniqueId("org") })).Expect(404);
        var outsideModel = await (await Admin.PostJson("/team/new", new { organization_id = organizationId, models = new[] { "o1" } })).Expect(400);
        var overBudget = await (await Admin.PostJson("/team/new", new { organization_id = organizationId, max_budget = 101 })).Expect(400);
        var overRpm = await (await Admin.PostJson("/team/new", new { organization_id = organizationId, rpm_limit = 51 })).Expect(400);
        var inherits = await (await Admin.PostJson("/team/new", new { organization_id = organizationId, max_budget = 100 })).Expect(200);

        Assert.That(unknown.ErrorMessage(), Does.StartWith("Organization not found, passed organization_id="));
        Assert.That(outsideModel.ErrorMessage(), Is.EqualTo($"Model 'o1' not in organization's allowed models. Organization allowed models=['gpt-4o', 'claude']. Organization: {organizationId}"));
        Assert.That(overBudget.ErrorMessage(), Is.EqualTo($"Team max_budget (101) exceeds organization's max_budget (100). Organization: {organizationId}"));
        Assert.That(overRpm.ErrorParam(), Is.EqualTo("rpm_limit"));
        Assert.That(inherits["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "gpt-4o", "claude" }), "a team naming no models gets the organization's");
        Assert.That((await OrganizationInfo(organizationId)).TeamIds(), Is.EqualTo(new[] { inherits["team_id"]!.GetValue<string>() }));
    }

    [Test]
    public async Task MovingATeamInNeedsEveryMemberInTheOrganization()
    {
        var organizationId = OrgId(await NewOrganization());
        var teamId = await NewTeam();
        var (userId, _) = await Member(teamId, "user");

        var refused = await (await Admin.PostJson("/team/update", new { team_id = teamId, organization_id = organizationId })).Expect(403);
        await (await Admin.PostJson("/organization/member_add", new { organization_id = organizationId, member = new { user_id = userId, role = "internal_user" } })).Expect(200);
        var moved = await (await Admin.PostJson("/team/update", new { team_id = teamId, organization_id = organizationId })).Expect(200);
        var outsider = (await Api.CreateUser()).UserId;
        var addOutsider = await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = outsider, role = "user" } })).Expect(403);
        var takenOut = await (await Admin.PostJson("/team/update", new { team_id = teamId, organization_id = "" })).Expect(200);

        Assert.That(refused.ErrorMessage(), Is.EqualTo($"Cannot move team to organization. Team has user_id ['{userId}'] that is not a member of the organization."));
        Assert.That(moved["data"]!["organization_id"]!.GetValue<string>(), Is.EqualTo(organizationId));
        Assert.That(addOutsider.ErrorMessage(), Does.Contain(outsider).And.Contain("not a member of organization"));
        Assert.That(takenOut["data"]!["organization_id"], Is.Null);
    }

    [Test]
    public async Task AnOrganizationWithTeamsIsKeptAndOneWithoutGoes()
    {
        var organizationId = OrgId(await NewOrganization());
        var teamId = await NewTeam(new { organization_id = organizationId });

        var refused = await (await Admin.DeleteWithBody("/organization/delete", new { organization_ids = new[] { organizationId } })).Expect(409);
        await (await Admin.PostJson("/team/update", new { team_id = teamId, organization_id = "" })).Expect(200);
        var deleted = await (await Admin.DeleteWithBody("/organization/delete", new { organization_ids = new[] { organizationId } })).ExpectArray(200);
        var again = await (await Admin.DeleteWithBody("/organization/delete", new { organization_ids = new[] { organizationId } })).Expect(404);

        Assert.That(refused.ErrorMessage(), Does.StartWith($"Cannot delete organization {organizationId}: 1 team(s) belong to it ({teamId})"));
        Assert.That(deleted.Select(o => o!["organization_id"]!.GetValue<string>()), Is.EqualTo(new[] { organizationId }));
        Assert.That(again.ErrorMessage(), Is.EqualTo($"Organization={organizationId} not found"));
        await (await Admin.GetAsync($"/organization/info?organization_id={organizationId}")).Expect(404);
    }

    [Test]
    public async Task LoweringAnOrganizationBelowItsTeamsIsRefused()
    {
        var organizationId = OrgId(await NewOrganization(new { models = new[] { "gpt-4o", "claude" }, max_budget = 100 }));
        var teamId = await NewTeam(new { organization_id = organizationId, models = new[] { "claude" }, max_budget = 80 });

        var budget = await (await Admin.Patch("/organization/update", new { organization_id = organizationId, max_budget = 50 })).Expect(400);
        var models = await (await Admin.Patch("/organization/update", new { organization_id = organizationId, models = new[] { "gpt-4o" } })).Expect(400);
        var fine = await (await Admin.Patch("/organization/update", new { organization_id = organizationId, max_budget = 90, organization_alias = "renamed" })).Expect(200);

        Assert.That(budget.ErrorMessage(), Does.Contain(teamId).And.Contain("max_budget"));
        Assert.That(models.ErrorMessage(), Does.Contain(teamId).And.Contain("'claude'"));
        Assert.That(fine["organization_alias"]!.GetValue<string>(), Is.EqualTo("renamed"));
        Assert.That((await OrganizationInfo(organizationId))["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(90));
    }

    [Test]
    public async Task MembersAreAddedUpdatedAndRemovedWithTheirRoles()
    {
        var organizationId = OrgId(await NewOrganization());
        var email = $"{Api.UniqueId("m")}@example.com";

        var added = await (await Admin.PostJson("/organization/member_add", new
        {
            organization_id = organizationId,
            member = new[] { new { user_email = email, role = "internal_user_viewer" } },
            max_budget_in_organization = 10,
        })).Expect(200);
        var userId = added["updated_users"]![0]!["user_id"]!.GetValue<string>();
        var again = await (await Admin.PostJson("/organization/member_add", new { organization_id = organizationId, member = new { user_id = userId, role = "org_admin" } })).Expect(409);
        var badRole = await (await Admin.PostJson("/organization/member_add", new { organization_id = organizationId, member = new { user_id = userId, role = "proxy_admin" } })).Expect(400);
        var updated = await (await Admin.Patch("/organization/member_update", new { organization_id = organizationId, user_email = email, role = "org_admin" })).Expect(200);
        var teamId = await NewTeam(new { organization_id = organizationId, members_with_roles = new[] { new { user_id = userId, role = "user" } } });
        var stillInTeam = await (await Admin.DeleteWithBody("/organization/member_delete", new { organization_id = organizationId, user_id = userId })).Expect(409);
        await (await Admin.PostJson("/team/member_delete", new { team_id = teamId, user_id = userId })).Expect(200);
        var removed = await (await Admin.DeleteWithBody("/organization/member_delete", new { organization_id = organizationId, user_id = userId })).Expect(200);
        var gone = await (await Admin.DeleteWithBody("/organization/member_delete", new { organization_id = organizationId, user_id = userId })).Expect(404);

        Assert.That(added["updated_organization_memberships"]![0]!["user_role"]!.GetValue<string>(), Is.EqualTo("internal_user_viewer"));
        Assert.That(added["updated_organization_memberships"]![0]!["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(10));
        Assert.That(again.ErrorParam(), Is.EqualTo("member"));
        Assert.That(badRole.ErrorParam(), Does.Contain("role"));
        Assert.That(updated["user_role"]!.GetValue<string>(), Is.EqualTo("org_admin"));
        Assert.That(stillInTeam.ErrorMessage(), Does.Contain(teamId));
        Assert.That(removed["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(gone.ErrorMessage(), Is.EqualTo($"Member not found in organization for user_id={userId}"));
        Assert.That((await OrganizationInfo(organizationId)).MemberIds(), Is.Empty);
    }

    [Test]
    public async Task AnUnknownUserListedTwiceInANewTeamIsOneRefusalNotAnError()
    {
        var userId = Api.UniqueId("twice");

        var refused = await (await Admin.PostJson("/team/new", new { members_with_roles = new[] { new { user_id = userId, role = "user" }, new { user_id = userId, role = "admin" } } })).Expect(400);

        Assert.That(refused.ErrorMessage(), Is.EqualTo($"User={userId} is listed more than once in members_with_roles."));
        await (await Admin.GetAsync($"/user/info?user_id={userId}")).Expect(404);
    }

    [Test]
    public async Task ABudgetRowAnOrganizationLinksStillCoversItsTeamsWhenChangedDirectly()
    {
        var budgetId = Api.UniqueId("budget");
        await (await Admin.PostJson("/budget/new", new { budget_id = budgetId, max_budget = 100 })).Expect(200);
        var organizationId = OrgId(await NewOrganization(new { budget_id = budgetId }));
        var teamId = await NewTeam(new { organization_id = organizationId, max_budget = 80 });

        var refused = await (await Admin.PostJson("/budget/update", new { budget_id = budgetId, max_budget = 50 })).Expect(400);
        var allowed = await (await Admin.PostJson("/budget/update", new { budget_id = budgetId, max_budget = 90 })).Expect(200);

        Assert.That(refused.ErrorMessage(), Does.StartWith($"Budget {budgetId} is the budget of organization {organizationId}:").And.Contain(teamId));
        Assert.That(allowed["max_budget"]!.GetValue<double>(), Is.EqualTo(90));
    }
}
