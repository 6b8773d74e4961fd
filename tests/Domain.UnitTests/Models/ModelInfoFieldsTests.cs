using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Domain.UnitTests.Models;

public sealed class ModelInfoFieldsTests
{
    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    [Test]
    public void EveryMeaningfulKeyIsReadWithItsType()
    {
        var fields = ModelInfoFields.Read(Json("""{"id":"m1","team_id":"t1","team_public_model_name":"team-gpt","blocked":true,"mode":"chat"}"""));

        Assert.That(fields, Is.EqualTo(new ModelInfoFields("m1", "t1", "team-gpt", true)));
    }

    [Test]
    public void NoObjectReadsAsNothing() =>
        Assert.That(ModelInfoFields.Read(null), Is.EqualTo(new ModelInfoFields(null, null, null, null)));

    [Test]
    public void AnEmptyObjectReadsAsNothing() =>
        Assert.That(ModelInfoFields.Read([]), Is.EqualTo(default(ModelInfoFields)));

    [TestCase("""{"id":"m1"}""", "m1")]
    [TestCase("""{"id":" m1 "}""", " m1 ")]
    [TestCase("""{"id":42}""", "42")]
    [TestCase("""{"id":-7}""", "-7")]
    [TestCase("""{"id":""}""", null)]
    [TestCase("""{"id":"   "}""", null)]
    [TestCase("""{"id":4.5}""", null)]
    [TestCase("""{"id":true}""", null)]
    [TestCase("""{"id":{"nested":1}}""", null)]
    [TestCase("""{"id":null}""", null)]
    public void AnIdIsANonBlankStringOrAWholeNumber(string info, string? id) =>
        Assert.That(ModelInfoFields.Read(Json(info)).Id, Is.EqualTo(id));

    [Test]
    public void AnIdSetAsANumberInCodeReadsLikeOneParsedFromJson() =>
        Assert.That(ModelInfoFields.Read(new JsonObject { ["id"] = 42 }).Id, Is.EqualTo("42"));

    [TestCase("""{"team_id":"t1"}""", "t1")]
    [TestCase("""{"team_id":""}""", null)]
    [TestCase("""{"team_id":"  "}""", null)]
    [TestCase("""{"team_id":7}""", null)]
    [TestCase("""{"team_id":null}""", null)]
    public void ATeamIdIsANonBlankString(string info, string? teamId) =>
        Assert.That(ModelInfoFields.Read(Json(info)).TeamId, Is.EqualTo(teamId));

    [TestCase("""{"team_public_model_name":"team-gpt"}""", "team-gpt")]
    [TestCase("""{"team_public_model_name":""}""", null)]
    [TestCase("""{"team_public_model_name":7}""", null)]
    [TestCase("""{"team_public_model_name":["a"]}""", null)]
    public void ATeamPublicModelNameIsANonEmptyString(string info, string? name) =>
        Assert.That(ModelInfoFields.Read(Json(info)).TeamPublicModelName, Is.EqualTo(name));

    [TestCase("""{"blocked":true}""", true)]
    [TestCase("""{"blocked":false}""", false)]
    [TestCase("""{"blocked":"true"}""", null)]
    [TestCase("""{"blocked":1}""", null)]
    public void BlockedIsABoolean(string info, bool? blocked) =>
        Assert.That(ModelInfoFields.Read(Json(info)).Blocked, Is.EqualTo(blocked));

    [TestCase("""{"id":true}""", "id")]
    [TestCase("""{"id":" "}""", "id")]
    [TestCase("""{"team_id":""}""", "team_id")]
    [TestCase("""{"team_id":5}""", "team_id")]
    [TestCase("""{"team_public_model_name":7}""", "team_public_model_name")]
    [TestCase("""{"blocked":"no"}""", "blocked")]
    public void AKeyPresentWithTheWrongTypeIsInvalid(string info, string key) =>
        Assert.That(ModelInfoFields.HasInvalid(Json(info), key), Is.True);

    [TestCase("""{}""", "id")]
    [TestCase("""{"id":null}""", "id")]
    [TestCase("""{"id":"m1"}""", "id")]
    [TestCase("""{"id":3}""", "id")]
    [TestCase("""{"team_id":"t1"}""", "team_id")]
    [TestCase("""{"team_public_model_name":"x"}""", "team_public_model_name")]
    [TestCase("""{"blocked":false}""", "blocked")]
    [TestCase("""{"mode":42}""", "mode")]
    public void AnAbsentNullOrWellTypedKeyIsNotInvalid(string info, string key) =>
        Assert.That(ModelInfoFields.HasInvalid(Json(info), key), Is.False);
}
