using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>Who may write which model, and how team ("BYOK") models keep their team's models and aliases in step.</summary>
public sealed class ModelAccessTests
{
    private static HttpClient Admin => ModelApi.Admin;

    private static JsonObject TeamModel(string publicName, string teamId, string? id = null)
    {
        var info = new JsonObject { ["team_id"] = teamId };
        if (id is not null)
        {
            info["id"] = id;
        }

        return ModelApi.Body(publicName, new JsonObject { ["model"] = "openai/gpt-4o-mini" }, info);
    }

    // ---------------------------------------------------------------- who may write

    [TestCase("proxy_admin_viewer")]
    [TestCase("internal_user_viewer")]
    public async Task ViewersNeverWriteEvenAsTeamAdmins(string role)
    {
        var (viewerId, viewer) = await ModelApi.NewCaller(role);
        var teamId = await ModelApi.NewTeam(null, (viewerId, "admin"));
        var plain = await Admin.AddModel(ModelApi.Body(Api.UniqueId("viewed")));
        var teamModel = await Admin.AddModel(TeamModel("viewed-team", teamId));

        await (await viewer.PostJson("/model/new", ModelApi.Body("v"))).Expect(403);
        await (await viewer.PostJson("/model/new", TeamModel("v", teamId))).Expect(403);
        foreach (var modelId in new[] { plain.Id(), teamModel.Id() })
        {
            await (await viewer.PatchModel(modelId, new JsonObject { ["litellm_params"] = new JsonObject { ["rpm"] = 1 } })).Expect(403);
            await (await viewer.PostJson("/model/update", new { model_info = new { id = modelId }, litellm_params = new { rpm = 1 } })).Expect(403);
            await (await viewer.PostJson("/model/delete", new { id = modelId })).Expect(403);
            Assert.That((await Admin.Info(modelId))["litellm_params"]!.AsObject().ContainsKey("rpm"), Is.False, "nothing changed");
        }
    }

    [Test]
    public async Task ATeamAdminManagesTheTeamsModelsFromCreateToDelete()
    {
        var (adminId, teamAdmin) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(null, (adminId, "admin"));

        var created = await teamAdmin.AddModel(TeamModel("own-model", teamId));
        Assert.That(created["created_by"]!.GetValue<string>(), Is.EqualTo(adminId));
        var patched = await (await teamAdmin.PatchModel(created.Id(), new JsonObject { ["litellm_params"] = new JsonObject { ["rpm"] = 5 } })).Expect(200);
        Assert.That(patched["updated_by"]!.GetValue<string>(), Is.EqualTo(adminId));
        await (await teamAdmin.PostJson("/model/update", new { model_info = new { id = created.Id() }, litellm_params = new { tpm = 50 } })).Expect(200);
        var read = await teamAdmin.Info(created.Id());
        Assert.That((read["litellm_params"]!["rpm"]!.GetValue<int>(), read["litellm_params"]!["tpm"]!.GetValue<int>()), Is.EqualTo((5, 50)));
        await (await teamAdmin.PostJson("/model/delete", new { id = created.Id() })).Expect(200);
    }

    [Test]
    public async Task ATeamAdminCannotTouchAnotherTeamsOrAPlainModel()
    {
        var (adminId, teamAdmin) = await ModelApi.NewCaller();
        var ownTeam = await ModelApi.NewTeam(null, (adminId, "admin"));
        var otherTeam = await ModelApi.NewTeam(null, (adminId, "user"));
        var ownModel = await teamAdmin.AddModel(TeamModel("own", ownTeam));
        var otherModel = await Admin.AddModel(TeamModel("theirs", otherTeam));
        var plainModel = await Admin.AddModel(ModelApi.Body(Api.UniqueId("plain")));

        var foreignCreate = await (await teamAdmin.PostJson("/model/new", TeamModel("sneaky", otherTeam))).Expect(403);
        Assert.That(foreignCreate.ErrorMessage(), Does.StartWith($"Team ID={otherTeam}").And.Contain("/user/info"));
        var plainCreate = await (await teamAdmin.PostJson("/model/new", ModelApi.Body("sneaky"))).Expect(403);
        Assert.That(plainCreate.ErrorMessage(), Is.EqualTo("User does not have permission to make this model call. Your role=internal_user. You can only make model calls if you are a PROXY_ADMIN or if you are a team admin, by specifying a team_id in the model_info."));

        foreach (var modelId in new[] { otherModel.Id(), plainModel.Id() })
        {
            await (await teamAdmin.PatchModel(modelId, new JsonObject { ["model_name"] = "hijacked" })).Expect(403);
            await (await teamAdmin.PostJson("/model/update", new { model_info = new { id = modelId }, litellm_params = new { rpm = 1 } })).Expect(403);
            await (await teamAdmin.PostJson("/model/delete", new { id = modelId })).Expect(403);
        }

        // Moving its own model into a team it does not administer, or out to become plain, is refused too.
        var move = await (await teamAdmin.PatchModel(ownModel.Id(), new JsonObject { ["model_info"] = new JsonObject { ["team_id"] = otherTeam } })).Expect(403);
        Assert.That(move.ErrorMessage(), Does.StartWith($"Team ID={otherTeam}"));
        var adopt = await (await teamAdmin.PatchModel(plainModel.Id(), new JsonObject { ["model_info"] = new JsonObject { ["team_id"] = ownTeam } })).Expect(403);
        Assert.That(adopt.ErrorMessage(), Does.Contain("PROXY_ADMIN"));

        Assert.That((await Admin.Info(otherModel.Id()))["model_info"]!["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("theirs"));
        Assert.That((await Admin.Info(ownModel.Id()))["model_info"]!["team_id"]!.GetValue<string>(), Is.EqualTo(ownTeam));
        Assert.That((await Admin.Info(plainModel.Id()))["model_info"]!.AsObject().ContainsKey("team_id"), Is.False);
        Assert.That((await ModelApi.TeamInfo(otherTeam))["models"].Strings(), Is.EqualTo(new[] { "theirs" }));
    }

    [Test]
    public async Task ATeamMemberWhoIsNotAdminCannotWriteTheTeamsModels()
    {
        var (memberId, member) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(null, (memberId, "user"));
        var model = await Admin.AddModel(TeamModel("members-only", teamId));

        var refused = await (await member.PostJson("/model/new", TeamModel("mine", teamId))).Expect(403);
        Assert.That(refused.ErrorMessage(), Does.StartWith($"Team ID={teamId}"));
        await (await member.PatchModel(model.Id(), new JsonObject { ["litellm_params"] = new JsonObject { ["rpm"] = 1 } })).Expect(403);
        await (await member.PostJson("/model/delete", new { id = model.Id() })).Expect(403);

        // A missing team is not revealed to a non-admin: the same refusal as a foreign team.
        var ghost = Api.UniqueId("ghost");
        var hidden = await (await member.PostJson("/model/new", TeamModel("x", ghost))).Expect(403);
        Assert.That(hidden.ErrorMessage(), Does.Not.Contain("does not exist"));
    }

    [Test]
    public async Task PromotingAMemberToTeamAdminGrantsModelWrites()
    {
        var (userId, user) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(null, (userId, "user"));
        await (await user.PostJson("/model/new", TeamModel("later", teamId))).Expect(403);

        await (await Admin.PostJson("/team/member_update", new { team_id = teamId, user_id = userId, role = "admin" })).Expect(200);

        await user.AddModel(TeamModel("later", teamId));
    }

    // ---------------------------------------------------------------- team models and the team's lists

    [Test]
    public async Task PublicNamesAreListedOnceAndAliasesAreMergedNotOverwritten()
    {
        var teamId = await ModelApi.NewTeam(new { models = new[] { "existing-model", "pub-a" }, model_aliases = new Dictionary<string, string> { ["legacy"] = "openai/gpt-3.5-turbo" } });

        var a1 = await Admin.AddModel(TeamModel("pub-a", teamId));
        var a2 = await Admin.AddModel(TeamModel("pub-a", teamId));
        var b = await Admin.AddModel(TeamModel("pub-b", teamId));

        var team = await ModelApi.TeamInfo(teamId);
        Assert.Multiple(() =>
        {
            Assert.That(team["models"].Strings(), Is.EquivalentTo(new[] { "existing-model", "pub-a", "pub-b" }), "each public name once");
            Assert.That(team["model_aliases"]!["legacy"]!.GetValue<string>(), Is.EqualTo("openai/gpt-3.5-turbo"), "existing aliases survive");
            Assert.That(team["model_aliases"]!["pub-a"]!.GetValue<string>(), Is.AnyOf(a1.Name(), a2.Name()));
            Assert.That(team["model_aliases"]!["pub-b"]!.GetValue<string>(), Is.EqualTo(b.Name()));
            foreach (var m in new[] { a1, a2, b })
            {
                Assert.That(m.Name(), Does.Match($"^model_name_{teamId}_[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$"));
                Assert.That(m["model_info"]!["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
            }

            Assert.That(a1.Name(), Is.Not.EqualTo(a2.Name()), "each deployment gets its own internal name");
        });

        // Deleting one public name's last deployment removes only that name and alias.
        await (await Admin.PostJson("/model/delete", new { id = b.Id() })).Expect(200);
        team = await ModelApi.TeamInfo(teamId);
        Assert.That(team["models"].Strings(), Is.EquivalentTo(new[] { "existing-model", "pub-a" }));
        Assert.That(team["model_aliases"]!.AsObject().Select(a => a.Key), Is.EquivalentTo(new[] { "legacy", "pub-a" }));
    }

    [Test]
    public async Task DeletingTheDeploymentAnAliasPointsAtMovesTheAliasToASibling()
    {
        var teamId = await ModelApi.NewTeam();
        var first = await Admin.AddModel(TeamModel("pair", teamId));
        var second = await Admin.AddModel(TeamModel("pair", teamId));
        var aliased = (await ModelApi.TeamInfo(teamId))["model_aliases"]!["pair"]!.GetValue<string>();
        var (target, sibling) = aliased == first.Name() ? (first, second) : (second, first);

        await (await Admin.PostJson("/model/delete", new { id = target.Id() })).Expect(200);

        var team = await ModelApi.TeamInfo(teamId);
        Assert.That(team["models"].Strings(), Is.EqualTo(new[] { "pair" }));
        Assert.That(team["model_aliases"]!["pair"]!.GetValue<string>(), Is.EqualTo(sibling.Name()));
    }

    [Test]
    public async Task RenamingATeamModelMovesItsPublicNameButKeepsOneASiblingStillServes()
    {
        var teamId = await ModelApi.NewTeam();
        var solo = await Admin.AddModel(TeamModel("old-solo", teamId));
        var shared1 = await Admin.AddModel(TeamModel("old-shared", teamId));
        var shared2 = await Admin.AddModel(TeamModel("old-shared", teamId));

        var renamed = await (await Admin.PatchModel(solo.Id(), new JsonObject { ["model_name"] = "new-solo" })).Expect(200);
        var renamedShared = await (await Admin.PatchModel(shared1.Id(), new JsonObject { ["model_name"] = "new-shared" })).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(renamed.Name(), Is.EqualTo(solo.Name()), "the internal name stays");
            Assert.That(renamed["model_info"]!["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("new-solo"));
            Assert.That(renamedShared["model_info"]!["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("new-shared"));
        });
        var team = await ModelApi.TeamInfo(teamId);
        Assert.That(team["models"].Strings(), Is.EquivalentTo(new[] { "new-solo", "old-shared", "new-shared" }));
        Assert.That(team["model_aliases"]!.AsObject().ContainsKey("old-solo"), Is.False);
        Assert.That(team["model_aliases"]!["new-solo"]!.GetValue<string>(), Is.EqualTo(solo.Name()));
        Assert.That(team["model_aliases"]!["old-shared"]!.GetValue<string>(), Is.EqualTo(shared2.Name()));
        Assert.That(team["model_aliases"]!["new-shared"]!.GetValue<string>(), Is.EqualTo(shared1.Name()));
    }

    [Test]
    public async Task RehomingMovesTheInternalNamePublicNameAndAliasBetweenTeams()
    {
        var fromTeam = await ModelApi.NewTeam(new { model_aliases = new Dictionary<string, string> { ["keep-me"] = "x" } });
        var toTeam = await ModelApi.NewTeam(new { model_aliases = new Dictionary<string, string> { ["keep-me-too"] = "y" } });
        var model = await Admin.AddModel(TeamModel("travelling", fromTeam));

        var moved = await (await Admin.PatchModel(model.Id(), new JsonObject { ["model_info"] = new JsonObject { ["team_id"] = toTeam } })).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(moved.Name(), Does.StartWith($"model_name_{toTeam}_"));
            Assert.That(moved["model_info"]!["team_id"]!.GetValue<string>(), Is.EqualTo(toTeam));
            Assert.That(moved["model_info"]!["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("travelling"));
        });
        var from = await ModelApi.TeamInfo(fromTeam);
        var to = await ModelApi.TeamInfo(toTeam);
        Assert.That(from["model_aliases"]!.AsObject().Select(a => a.Key), Is.EqualTo(new[] { "keep-me" }));
        Assert.That(to["model_aliases"]!["travelling"]!.GetValue<string>(), Is.EqualTo(moved.Name()));
        Assert.That(to["model_aliases"]!["keep-me-too"]!.GetValue<string>(), Is.EqualTo("y"));

        // A null team_id never makes it a plain model again.
        var kept = await (await Admin.PatchModel(model.Id(), new JsonObject { ["model_info"] = new JsonObject { ["team_id"] = null } })).Expect(200);
        Assert.That(kept["model_info"]!["team_id"]!.GetValue<string>(), Is.EqualTo(toTeam));
        Assert.That(kept.Name(), Is.EqualTo(moved.Name()));
    }

    [Test]
    public async Task APlainModelMovedIntoATeamBecomesATeamModel()
    {
        var teamId = await ModelApi.NewTeam();
        var publicName = Api.UniqueId("adopted");
        var plain = await Admin.AddModel(ModelApi.Body(publicName));

        var adopted = await (await Admin.PatchModel(plain.Id(), new JsonObject { ["model_info"] = new JsonObject { ["team_id"] = teamId } })).Expect(200);

        Assert.That(adopted.Name(), Does.StartWith($"model_name_{teamId}_"));
        Assert.That(adopted["model_info"]!["team_public_model_name"]!.GetValue<string>(), Is.EqualTo(publicName));
        var team = await ModelApi.TeamInfo(teamId);
        Assert.That(team["models"].Strings(), Is.EqualTo(new[] { publicName }));
        Assert.That(team["model_aliases"]![publicName]!.GetValue<string>(), Is.EqualTo(adopted.Name()));
    }

    [Test]
    public async Task ATeamPublicNameSentInModelInfoIsNotTrusted()
    {
        var teamId = await ModelApi.NewTeam();
        var body = TeamModel("real-public", teamId);
        body["model_info"]!["team_public_model_name"] = "spoofed";

        var created = await Admin.AddModel(body);

        Assert.That(created["model_info"]!["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("real-public"));
        Assert.That((await ModelApi.TeamInfo(teamId))["models"].Strings(), Is.EqualTo(new[] { "real-public" }));
    }
}
