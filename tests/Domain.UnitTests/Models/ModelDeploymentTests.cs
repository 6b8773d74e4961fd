using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.UnitTests.TestSupport;

namespace ProxyAdmin.Domain.UnitTests.Models;

public sealed partial class ModelDeploymentTests
{
    [GeneratedRegex("^model_name_t1_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex TeamInternalNameOfT1();

    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A plain deployment; the "ciphertext" is an obviously fake placeholder.</summary>
    private static ModelDeployment Plain() => ModelDeployment.Create(
        "m1",
        "gpt-4o",
        Json("""{"model":"openai/gpt-4o","api_key":"enc:fake-ciphertext","input_cost_per_token":"enc:0.1"}"""),
        Json("""{"mode":"chat","input_cost_per_token":0.1,"base_model":"gpt-4o"}"""),
        Stamps.Created);

    [Test]
    public void CreatingTakesTheIdNameParamsInfoAndStamp()
    {
        var model = Plain();

        Assert.That(model.ModelId, Is.EqualTo("m1"));
        Assert.That(model.ModelName, Is.EqualTo("gpt-4o"));
        Assert.That(model.PublicName, Is.EqualTo("gpt-4o"));
        Assert.That(model.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"openai/gpt-4o","api_key":"enc:fake-ciphertext","input_cost_per_token":"enc:0.1"}"""));
        Assert.That(model.ModelInfo.ToJsonString(), Is.EqualTo("""{"mode":"chat","input_cost_per_token":0.1,"base_model":"gpt-4o"}"""));
        Assert.That(model.TeamId, Is.Null);
        Assert.That(model.TeamPublicModelName, Is.Null);
        Assert.That(model.Blocked, Is.False);
        Assert.That(model.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(model.CreatedBy, Is.EqualTo("alice"));
        Assert.That(model.UpdatedAt, Is.EqualTo(Stamps.At));
        Assert.That(model.UpdatedBy, Is.EqualTo("alice"));
    }

    [Test]
    public void CreatingStripsDerivedAndTeamKeysFromModelInfo()
    {
        var info = Json("""
            {"id":"x","db_model":true,"created_at":"2020-01-01","created_by":"mallory","updated_at":"2020-01-01","updated_by":"mallory",
             "team_id":"t9","team_public_model_name":"stolen","mode":"chat"}
            """);

        var model = ModelDeployment.Create("m1", "gpt-4o", [], info, Stamps.Created);

        Assert.That(model.ModelInfo.ToJsonString(), Is.EqualTo("""{"mode":"chat"}"""));
        Assert.That(model.TeamId, Is.Null);
        Assert.That(model.TeamPublicModelName, Is.Null);
        Assert.That(model.PublicName, Is.EqualTo("gpt-4o"));
    }

    [Test]
    public void CreatingDoesNotAlterTheCallersModelInfo()
    {
        const string Sent = """{"id":"x","team_id":"t9","mode":"chat"}""";
        var info = Json(Sent);

        ModelDeployment.Create("m1", "gpt-4o", [], info, Stamps.Created);

        Assert.That(info.ToJsonString(), Is.EqualTo(Sent));
    }

    [Test]
    public void CreatingTakesABlockedFlagFromModelInfo()
    {
        var model = ModelDeployment.Create("m1", "gpt-4o", [], Json("""{"blocked":true}"""), Stamps.Created);

        Assert.That(model.Blocked, Is.True);
        Assert.That(model.ModelInfo.ToJsonString(), Is.EqualTo("""{"blocked":true}"""));
    }

    [Test]
    public void ABlockedFlagThatIsNotABooleanDoesNotBlock() =>
        Assert.That(ModelDeployment.Create("m1", "gpt-4o", [], Json("""{"blocked":"yes"}"""), Stamps.Created).Blocked, Is.False);

    [Test]
    public void CreatingWithoutModelInfoStartsEmpty() =>
        Assert.That(ModelDeployment.Create("m1", "gpt-4o", [], modelInfo: null, Stamps.Created).ModelInfo, Is.Empty);

    [Test]
    public void TeamInternalNamesFollowLiteLlmAndAreUnique()
    {
        var first = ModelDeployment.TeamInternalName("t1");
        var second = ModelDeployment.TeamInternalName("t1");

        Assert.That(first, Does.Match(TeamInternalNameOfT1()));
        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void AssigningToATeamGivesAnInternalNameAndRecordsTheTeamTwice()
    {
        var model = Plain();

        model.AssignToTeam("t1", "team-gpt", Stamps.Updated);

        Assert.That(model.ModelName, Does.Match(TeamInternalNameOfT1()));
        Assert.That(model.TeamId, Is.EqualTo("t1"));
        Assert.That(model.TeamPublicModelName, Is.EqualTo("team-gpt"));
        Assert.That(model.PublicName, Is.EqualTo("team-gpt"));
        Assert.That(model.ModelInfo["team_id"]!.GetValue<string>(), Is.EqualTo("t1"));
        Assert.That(model.ModelInfo["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("team-gpt"));
        Assert.That(model.ModelInfo["mode"]!.GetValue<string>(), Is.EqualTo("chat"));
        AssertTouchedByTheUpdate(model);
    }

    [Test]
    public void RenamingAPlainModelChangesItsStoredName()
    {
        var model = Plain();

        model.Rename("gpt-4o-prod", Stamps.Updated);

        Assert.That(model.ModelName, Is.EqualTo("gpt-4o-prod"));
        Assert.That(model.PublicName, Is.EqualTo("gpt-4o-prod"));
        Assert.That(model.TeamPublicModelName, Is.Null);
        Assert.That(model.ModelInfo.ContainsKey("team_public_model_name"), Is.False);
        AssertTouchedByTheUpdate(model);
    }

    [Test]
    public void RenamingATeamModelChangesItsPublicNameOnly()
    {
        var model = Plain();
        model.AssignToTeam("t1", "team-gpt", Stamps.Created);
        var internalName = model.ModelName;

        model.Rename("team-gpt-v2", Stamps.Updated);

        Assert.That(model.ModelName, Is.EqualTo(internalName));
        Assert.That(model.TeamPublicModelName, Is.EqualTo("team-gpt-v2"));
        Assert.That(model.PublicName, Is.EqualTo("team-gpt-v2"));
        Assert.That(model.ModelInfo["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("team-gpt-v2"));
        AssertTouchedByTheUpdate(model);
    }

    [Test]
    public void MergingReplacesWhatIsSentAndKeepsWhatIsNot()
    {
        var model = Plain();

        model.MergeChanges(
            Json("""{"api_key":"enc:other-fake","rpm":5}"""),
            Json("""{"mode":"embedding","region":"eu"}"""),
            nullClears: false,
            Stamps.Updated);

        Assert.That(model.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"openai/gpt-4o","api_key":"enc:other-fake","input_cost_per_token":"enc:0.1","rpm":5}"""));
        Assert.That(model.ModelInfo.ToJsonString(), Is.EqualTo("""{"mode":"embedding","input_cost_per_token":0.1,"base_model":"gpt-4o","region":"eu"}"""));
        AssertTouchedByTheUpdate(model);
    }

    [Test]
    public void MergingNothingChangesNeitherBlob()
    {
        var model = Plain();

        model.MergeChanges(null, null, nullClears: true, Stamps.Updated);

        Assert.That(model.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"openai/gpt-4o","api_key":"enc:fake-ciphertext","input_cost_per_token":"enc:0.1"}"""));
        Assert.That(model.ModelInfo.ToJsonString(), Is.EqualTo("""{"mode":"chat","input_cost_per_token":0.1,"base_model":"gpt-4o"}"""));
    }

    [Test]
    public void ANullLeavesTheKeyWhenNullsDoNotClear()
    {
        var model = Plain();

        model.MergeChanges(Json("""{"input_cost_per_token":null,"api_key":null}"""), Json("""{"mode":null}"""), nullClears: false, Stamps.Updated);

        Assert.That(model.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"openai/gpt-4o","api_key":"enc:fake-ciphertext","input_cost_per_token":"enc:0.1"}"""));
        Assert.That(model.ModelInfo.ToJsonString(), Is.EqualTo("""{"mode":"chat","input_cost_per_token":0.1,"base_model":"gpt-4o"}"""));
    }

    [Test]
    public void ANullClearsAClearableKeyFromBothBlobs()
    {
        var model = Plain();

        model.MergeChanges(Json("""{"input_cost_per_token":null}"""), null, nullClears: true, Stamps.Updated);

        Assert.That(model.LitellmParams.ContainsKey("input_cost_per_token"), Is.False);
        Assert.That(model.ModelInfo.ContainsKey("input_cost_per_token"), Is.False);
        Assert.That(model.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"openai/gpt-4o","api_key":"enc:fake-ciphertext"}"""));
    }

    [Test]
    public void ANullInModelInfoClearsAClearableKeyFromBothBlobsToo()
    {
        var model = Plain();

        model.MergeChanges(null, Json("""{"input_cost_per_token":null}"""), nullClears: true, Stamps.Updated);

        Assert.That(model.LitellmParams.ContainsKey("input_cost_per_token"), Is.False);
        Assert.That(model.ModelInfo.ContainsKey("input_cost_per_token"), Is.False);
    }

    [Test]
    public void ANullNeverClearsAKeyThatIsNotClearable()
    {
        var model = Plain();

        model.MergeChanges(Json("""{"api_key":null,"model":null}"""), Json("""{"mode":null}"""), nullClears: true, Stamps.Updated);

        Assert.That(model.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"openai/gpt-4o","api_key":"enc:fake-ciphertext","input_cost_per_token":"enc:0.1"}"""));
        Assert.That(model.ModelInfo.ToJsonString(), Is.EqualTo("""{"mode":"chat","input_cost_per_token":0.1,"base_model":"gpt-4o"}"""));
    }

    [Test]
    public void MergingIgnoresDerivedTeamAndBlockedKeysInModelInfo()
    {
        var model = Plain();
        model.AssignToTeam("t1", "team-gpt", Stamps.Created);
        var before = model.ModelInfo.ToJsonString();

        model.MergeChanges(
            null,
            Json("""{"id":"x","db_model":false,"created_at":"2020","created_by":"m","updated_at":"2020","updated_by":"m","team_id":"t9","team_public_model_name":"stolen","blocked":true}"""),
            nullClears: true,
            Stamps.Updated);

        Assert.That(model.ModelInfo.ToJsonString(), Is.EqualTo(before));
        Assert.That(model.TeamId, Is.EqualTo("t1"));
        Assert.That(model.TeamPublicModelName, Is.EqualTo("team-gpt"));
        Assert.That(model.Blocked, Is.False);
    }

    [Test]
    public void MergingIgnoresNullsForTeamAndBlockedKeys()
    {
        var model = Plain();
        model.AssignToTeam("t1", "team-gpt", Stamps.Created);
        model.SetBlocked(true, Stamps.Created);

        model.MergeChanges(null, Json("""{"team_id":null,"team_public_model_name":null,"blocked":null}"""), nullClears: true, Stamps.Updated);

        Assert.That(model.ModelInfo["team_id"]!.GetValue<string>(), Is.EqualTo("t1"));
        Assert.That(model.ModelInfo["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("team-gpt"));
        Assert.That(model.ModelInfo["blocked"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void MergingDoesNotAlterTheCallersObjects()
    {
        var model = Plain();
        var sentParams = Json("""{"rpm":5}""");

        model.MergeChanges(sentParams, null, nullClears: false, Stamps.Updated);
        model.LitellmParams["rpm"] = 6;

        Assert.That(sentParams.ToJsonString(), Is.EqualTo("""{"rpm":5}"""));
    }

    [Test]
    public void BlockingSetsTheColumnAndModelInfo()
    {
        var model = Plain();

        model.SetBlocked(true, Stamps.Updated);

        Assert.That(model.Blocked, Is.True);
        Assert.That(model.ModelInfo["blocked"]!.GetValue<bool>(), Is.True);
        Assert.That(ModelInfoFields.Read(model.ModelInfo).Blocked, Is.True);
        AssertTouchedByTheUpdate(model);
    }

    [Test]
    public void UnblockingClearsTheColumnAndModelInfo()
    {
        var model = ModelDeployment.Create("m1", "gpt-4o", [], Json("""{"blocked":true}"""), Stamps.Created);

        model.SetBlocked(false, Stamps.Updated);

        Assert.That(model.Blocked, Is.False);
        Assert.That(model.ModelInfo["blocked"]!.GetValue<bool>(), Is.False);
    }

    private static void AssertTouchedByTheUpdate(ModelDeployment model)
    {
        Assert.That(model.UpdatedAt, Is.EqualTo(Stamps.Later));
        Assert.That(model.UpdatedBy, Is.EqualTo("bob"));
        Assert.That(model.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(model.CreatedBy, Is.EqualTo("alice"));
    }

    [Test]
    public void AnInternalNameIsRecognisedOnlyForItsTeam()
    {
        var internalName = ModelDeployment.TeamInternalName("t1");

        Assert.That(ModelDeployment.IsTeamInternalName("t1", internalName), Is.True);
        Assert.That(ModelDeployment.IsTeamInternalName("t2", internalName), Is.False);
        Assert.That(ModelDeployment.IsTeamInternalName("t1", "gpt-4o"), Is.False);
        Assert.That(ModelDeployment.IsTeamInternalName("t", internalName), Is.False, "the team id is matched whole, up to its underscore");
    }

    [Test]
    public void ATeamModelIsRenamedOnlyByANewNameThatIsNotInternalShaped()
    {
        var model = Plain();
        model.AssignToTeam("t1", "gpt-4o", Stamps.Created);

        Assert.Multiple(() =>
        {
            Assert.That(model.IsRenamedBy("gpt-4o", movingToTeamId: null), Is.False, "the unchanged public name");
            Assert.That(model.IsRenamedBy(model.ModelName, movingToTeamId: null), Is.False, "its own internal name");
            Assert.That(model.IsRenamedBy("model_name_t1_another", movingToTeamId: null), Is.False, "another internal name of its team");
            Assert.That(model.IsRenamedBy("model_name_t2_x", movingToTeamId: "t2"), Is.False, "an internal name of the team it moves to");
            Assert.That(model.IsRenamedBy("model_name_t9_x", movingToTeamId: null), Is.True, "another team's shape is just a name");
            Assert.That(model.IsRenamedBy("gpt-4o-v2", movingToTeamId: null), Is.True);
        });
    }

    [Test]
    public void APlainModelIsRenamedByAnyOtherName()
    {
        var model = Plain();

        Assert.That(model.IsRenamedBy("gpt-4o", movingToTeamId: null), Is.False);
        Assert.That(model.IsRenamedBy("model_name_t1_x", movingToTeamId: null), Is.True);
        Assert.That(model.IsRenamedBy("model_name_t1_x", movingToTeamId: "t1"), Is.False);
    }

    [Test]
    public void UsingACredentialAttachesItByNameAndDropsANameSealedAmongTheParams()
    {
        var model = ModelDeployment.Create("m1", "gpt-4o", Json("""{"model":"enc:openai/gpt-4o","litellm_credential_name":"enc:legacy","rpm":5}"""), [], Stamps.Created);

        model.UseCredential("openai-prod", Stamps.Updated);

        Assert.That(model.CredentialName, Is.EqualTo("openai-prod"));
        Assert.That(model.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"enc:openai/gpt-4o","rpm":5}"""));
        Assert.That((model.UpdatedBy, model.UpdatedAt), Is.EqualTo(("bob", Stamps.Later)));
        Assert.That((model.CreatedBy, model.CreatedAt), Is.EqualTo(("alice", Stamps.At)));
    }

    [Test]
    public void UsingNoCredentialDetachesIt()
    {
        var model = Plain();
        model.UseCredential("openai-prod", Stamps.Created);

        model.UseCredential(null, Stamps.Updated);

        Assert.That(model.CredentialName, Is.Null);
        Assert.That(model.UpdatedAt, Is.EqualTo(Stamps.Later));
    }

    [Test]
    public void ANewModelUsesNoCredential() => Assert.That(Plain().CredentialName, Is.Null);

    [Test]
    public void FollowingACredentialRenameChangesTheNameAloneAndStampsIt()
    {
        var model = Plain();
        model.UseCredential("openai-prod", Stamps.Created);
        var parameters = model.LitellmParams.ToJsonString();

        model.FollowCredentialRename("openai/prod-v2", Stamps.Updated);

        Assert.That(model.CredentialName, Is.EqualTo("openai/prod-v2"));
        Assert.That(model.LitellmParams.ToJsonString(), Is.EqualTo(parameters));
        Assert.That(model.ModelName, Is.EqualTo("gpt-4o"));
        Assert.That((model.UpdatedBy, model.UpdatedAt), Is.EqualTo(("bob", Stamps.Later)), "what a read shows changed, so the model is touched");
    }

    [Test]
    public void ResealingReplacesTheParamsAndNothingElse()
    {
        var model = Plain();
        model.UseCredential("openai-prod", Stamps.Created);
        var resealed = Json("""{"model":"openai/gpt-4o","api_key":"enc2:fake-ciphertext","input_cost_per_token":"enc2:0.1"}""");

        model.Reseal(resealed);
        resealed["api_key"] = "changed";

        Assert.That(model.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"openai/gpt-4o","api_key":"enc2:fake-ciphertext","input_cost_per_token":"enc2:0.1"}"""));
        Assert.That(model.CredentialName, Is.EqualTo("openai-prod"));
        Assert.That((model.UpdatedBy, model.UpdatedAt), Is.EqualTo(("alice", Stamps.At)));
    }
}
