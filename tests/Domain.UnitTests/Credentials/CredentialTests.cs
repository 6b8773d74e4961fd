using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Credentials;
using ProxyAdmin.Domain.UnitTests.TestSupport;

namespace ProxyAdmin.Domain.UnitTests.Credentials;

public sealed class CredentialTests
{
    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A stored credential; the "ciphertexts" are obviously fake placeholders.</summary>
    private static Credential Stored() => Credential.Create(
        "openai-prod",
        Json("""{"api_key":"enc:key-1","api_base":"enc:base-1","rpm_hint":5}"""),
        Json("""{"description":"prod","owner":"search"}"""),
        Stamps.Created);

    [Test]
    public void CreatingTakesTheNameValuesInfoAndStampAndANewId()
    {
        var credential = Stored();

        Assert.That(credential.CredentialName, Is.EqualTo("openai-prod"));
        Assert.That(Guid.TryParse(credential.CredentialId, out _), Is.True, credential.CredentialId);
        Assert.That(credential.Values.ToJsonString(), Is.EqualTo("""{"api_key":"enc:key-1","api_base":"enc:base-1","rpm_hint":5}"""));
        Assert.That(credential.Info.ToJsonString(), Is.EqualTo("""{"description":"prod","owner":"search"}"""));
        Assert.That((credential.CreatedBy, credential.CreatedAt, credential.UpdatedBy, credential.UpdatedAt), Is.EqualTo(("alice", Stamps.At, "alice", Stamps.At)));
        Assert.That(Stored().CredentialId, Is.Not.EqualTo(credential.CredentialId), "each credential gets its own id");
    }

    [Test]
    public void CreatingWithoutInfoStartsEmpty() =>
        Assert.That(Credential.Create("c", [], null, Stamps.Created).Info.ToJsonString(), Is.EqualTo("{}"));

    [Test]
    public void CreatingKeepsCopiesOfTheCallersObjects()
    {
        var values = Json("""{"api_key":"enc:key-1"}""");
        var info = Json("""{"description":"prod"}""");

        var credential = Credential.Create("c", values, info, Stamps.Created);
        values["api_key"] = "changed";
        info["description"] = "changed";

        Assert.That(credential.Values.ToJsonString(), Is.EqualTo("""{"api_key":"enc:key-1"}"""));
        Assert.That(credential.Info.ToJsonString(), Is.EqualTo("""{"description":"prod"}"""));
    }

    [Test]
    public void MergingReplacesWhatIsSentRemovesNullsAndKeepsWhatIsNot()
    {
        var credential = Stored();

        credential.MergeChanges(
            Json("""{"api_key":"enc:key-2","api_base":null,"api_version":"enc:v1"}"""),
            Json("""{"description":"new","owner":null,"team":"t1"}"""),
            Stamps.Updated);

        Assert.That(credential.Values.ToJsonString(), Is.EqualTo("""{"api_key":"enc:key-2","rpm_hint":5,"api_version":"enc:v1"}"""));
        Assert.That(credential.Info.ToJsonString(), Is.EqualTo("""{"description":"new","team":"t1"}"""));
        Assert.That((credential.UpdatedBy, credential.UpdatedAt), Is.EqualTo(("bob", Stamps.Later)));
        Assert.That((credential.CreatedBy, credential.CreatedAt), Is.EqualTo(("alice", Stamps.At)));
        Assert.That(credential.CredentialName, Is.EqualTo("openai-prod"));
    }

    [Test]
    public void MergingNothingKeepsBothObjectsButStampsTheUpdate()
    {
        var credential = Stored();

        credential.MergeChanges(null, null, Stamps.Updated);

        Assert.That(credential.Values.ToJsonString(), Is.EqualTo("""{"api_key":"enc:key-1","api_base":"enc:base-1","rpm_hint":5}"""));
        Assert.That(credential.Info.ToJsonString(), Is.EqualTo("""{"description":"prod","owner":"search"}"""));
        Assert.That(credential.UpdatedAt, Is.EqualTo(Stamps.Later));
    }

    [Test]
    public void ANullForAnEntryThatIsNotStoredChangesNothing()
    {
        var credential = Stored();

        credential.MergeChanges(Json("""{"aws_secret_access_key":null}"""), Json("""{"missing":null}"""), Stamps.Updated);

        Assert.That(credential.Values.ToJsonString(), Is.EqualTo("""{"api_key":"enc:key-1","api_base":"enc:base-1","rpm_hint":5}"""));
        Assert.That(credential.Info.ToJsonString(), Is.EqualTo("""{"description":"prod","owner":"search"}"""));
    }

    [Test]
    public void MergingDoesNotShareTheCallersObjects()
    {
        var credential = Stored();
        var values = Json("""{"extra":{"region":"eu"}}""");

        credential.MergeChanges(values, null, Stamps.Updated);
        values["extra"]!["region"] = "us";

        Assert.That(credential.Values["extra"]!["region"]!.GetValue<string>(), Is.EqualTo("eu"));
    }

    [Test]
    public void RenamingChangesTheNameAloneAndStampsIt()
    {
        var credential = Stored();
        var id = credential.CredentialId;

        credential.Rename("openai/prod-v2", Stamps.Updated);

        Assert.That(credential.CredentialName, Is.EqualTo("openai/prod-v2"));
        Assert.That(credential.CredentialId, Is.EqualTo(id));
        Assert.That(credential.Values.ToJsonString(), Is.EqualTo("""{"api_key":"enc:key-1","api_base":"enc:base-1","rpm_hint":5}"""));
        Assert.That((credential.UpdatedBy, credential.UpdatedAt), Is.EqualTo(("bob", Stamps.Later)));
    }

    [Test]
    public void ResealingReplacesTheValuesAndNothingElse()
    {
        var credential = Stored();
        var resealed = Json("""{"api_key":"enc2:key-1","api_base":"enc2:base-1","rpm_hint":5}""");

        credential.Reseal(resealed);
        resealed["api_key"] = "changed";

        Assert.That(credential.Values.ToJsonString(), Is.EqualTo("""{"api_key":"enc2:key-1","api_base":"enc2:base-1","rpm_hint":5}"""));
        Assert.That(credential.CredentialName, Is.EqualTo("openai-prod"));
        Assert.That(credential.Info.ToJsonString(), Is.EqualTo("""{"description":"prod","owner":"search"}"""));
        Assert.That((credential.UpdatedBy, credential.UpdatedAt), Is.EqualTo(("alice", Stamps.At)), "a re-encryption is no update by anyone");
    }
}
