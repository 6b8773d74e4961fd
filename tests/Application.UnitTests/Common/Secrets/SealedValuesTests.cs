using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.UnitTests.Models;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;

namespace ProxyAdmin.Application.UnitTests.Common.Secrets;

public sealed class SealedValuesTests
{
    private readonly SealedValues _sealedValues = new(new PrefixSecretProtector());

    [Test]
    public void ShouldSealEveryStringAndLeaveOtherValuesThatAreNoSecret()
    {
        var plain = Json("""{"api_key":"sk-secret-1234","api_base":"https://x.example.test","rpm":5,"stream":true,"metadata":{"owner":"search"},"tags":["a"],"note":null}""");

        var sealedValues = _sealedValues.Seal(plain);

        Assert.That(
            sealedValues.ToJsonString(),
            Is.EqualTo("""{"api_key":"enc:sk-secret-1234","api_base":"enc:https://x.example.test","rpm":5,"stream":true,"metadata":{"owner":"search"},"tags":["a"],"note":null}"""));
        Assert.That(sealedValues["metadata"], Is.Not.SameAs(plain["metadata"]), "the sealed object shares nothing with the plain one");
        Assert.That(
            plain.ToJsonString(),
            Is.EqualTo("""{"api_key":"sk-secret-1234","api_base":"https://x.example.test","rpm":5,"stream":true,"metadata":{"owner":"search"},"tags":["a"],"note":null}"""),
            "the plain values are left as they were");
    }

    [Test]
    public void ShouldSealASecretNamedValueOfAnyOtherKindAsItsJsonText()
    {
        var sealedValues = _sealedValues.Seal(Json("""
            {"vertex_credentials":{"type":"service_account","private_key":"pk-5678"},"api_key":918273645546,"client_secret":true,"aws_session_token":["t1","t2"],"my_password":12}
            """));

        Assert.That(sealedValues.Text("vertex_credentials"), Is.EqualTo("""enc:{"type":"service_account","private_key":"pk-5678"}"""));
        Assert.That(sealedValues.Text("api_key"), Is.EqualTo("enc:918273645546"));
        Assert.That(sealedValues.Text("client_secret"), Is.EqualTo("enc:true"));
        Assert.That(sealedValues.Text("aws_session_token"), Is.EqualTo("""enc:["t1","t2"]"""));
        Assert.That(sealedValues.Text("my_password"), Is.EqualTo("enc:12"), "a name with a secret-looking word is a secret too");
    }

    [Test]
    public void ShouldKeepANumberWhoseNameOnlyCountsTokens() =>
        Assert.That(_sealedValues.Seal(Json("""{"max_tokens":4096,"input_cost_per_token":0.001}""")).ToJsonString(), Is.EqualTo("""{"max_tokens":4096,"input_cost_per_token":0.001}"""));

    [Test]
    public void ShouldSealTheValuesOfAChangeAndKeepItsNulls()
    {
        Assert.That(_sealedValues.SealChanges(null), Is.Null);
        Assert.That(_sealedValues.SealChanges(Json("""{"api_key":"sk-new-1234","api_base":null}"""))!.ToJsonString(), Is.EqualTo("""{"api_key":"enc:sk-new-1234","api_base":null}"""));
    }

    [Test]
    public void ShouldUnsealWhatItSealed()
    {
        var plain = Json("""{"api_key":"sk-secret-1234","api_base":"https://x.example.test","rpm":5,"metadata":{"owner":"search"},"note":null}""");

        var (unsealed, unreadable) = _sealedValues.Unseal(_sealedValues.Seal(plain));

        Assert.That(unsealed.ToJsonString(), Is.EqualTo(plain.ToJsonString()));
        Assert.That(unreadable, Is.Empty);
    }

    [Test]
    public void ShouldUnsealASecretOfAnotherKindAsItsJsonText()
    {
        var (unsealed, _) = _sealedValues.Unseal(_sealedValues.Seal(Json("""{"vertex_credentials":{"private_key":"pk-5678"},"api_key":918273645546}""")));

        Assert.That(unsealed.Text("vertex_credentials"), Is.EqualTo("""{"private_key":"pk-5678"}"""));
        Assert.That(unsealed.Text("api_key"), Is.EqualTo("918273645546"));
    }

    [Test]
    public void ShouldReportTheValuesItCannotReadAndLeaveThemOut()
    {
        var stored = Json("""{"api_key":"v2:sealed-under-another-key","api_base":"enc:https://x.example.test","client_secret":"tampered","rpm":5}""");

        var (unsealed, unreadable) = _sealedValues.Unseal(stored);

        Assert.That(unreadable, Is.EqualTo(new[] { "api_key", "client_secret" }));
        Assert.That(unsealed.ToJsonString(), Is.EqualTo("""{"api_base":"https://x.example.test","rpm":5}"""));
        Assert.That(stored.Text("api_key"), Is.EqualTo("v2:sealed-under-another-key"), "the stored values are left as they were");
    }

    [Test]
    public void ShouldMaskSecretNamedValuesInPlace()
    {
        var plain = Json("""
            {"api_key":"sk-secret-1234","azure_ad_token":"short","vertex_credentials":{"private_key":"pk"},"aws_access_key_id":12345,
             "my_password":"correct-horse-battery","api_base":"https://x.example.test","rpm":5,"max_tokens":9,"litellm_credential_name":"openai-prod","client_secret":null}
            """);

        var masked = SealedValues.Mask(plain);

        Assert.That(masked, Is.SameAs(plain));
        Assert.That(
            masked.ToJsonString(),
            Is.EqualTo("""{"api_key":"****1234","azure_ad_token":"****","vertex_credentials":"****","aws_access_key_id":"****","my_password":"****tery","api_base":"https://x.example.test","rpm":5,"max_tokens":9,"litellm_credential_name":"openai-prod","client_secret":null}"""));
    }

    [Test]
    public void ShouldLeaveAMaskAsItIs() =>
        Assert.That(SealedValues.Mask(Json("""{"api_key":"****1234","client_secret":"****"}""")).ToJsonString(), Is.EqualTo("""{"api_key":"****1234","client_secret":"****"}"""));
}
