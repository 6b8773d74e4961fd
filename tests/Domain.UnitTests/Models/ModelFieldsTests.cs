using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Domain.UnitTests.Models;

public sealed class ModelFieldsTests
{
    [TestCase("api_key")]
    [TestCase("API_KEY")]
    [TestCase("aws_access_key_id")]
    [TestCase("aws_secret_access_key")]
    [TestCase("aws_session_token")]
    [TestCase("azure_ad_token")]
    [TestCase("client_secret")]
    [TestCase("vertex_credentials")]
    [TestCase("my_custom_password")]
    public void KnownAndSecretLookingParamsAreSecret(string name) => Assert.That(ModelFields.IsSecret(name), Is.True);

    [TestCase("model")]
    [TestCase("api_base")]
    [TestCase("aws_region_name")]
    [TestCase("rpm")]
    [TestCase("key_alias")]
    public void OtherParamsAreNotSecret(string name) => Assert.That(ModelFields.IsSecret(name), Is.False);

    [Test]
    public void OnlyPricingAndCredentialNameFieldsAreClearedByNull()
    {
        Assert.That(ModelFields.ClearableByNull, Does.Contain("input_cost_per_token").And.Contain("litellm_credential_name"));
        Assert.That(ModelFields.ClearableByNull, Has.Count.EqualTo(8));
        Assert.That(ModelFields.ClearableByNull, Has.None.EqualTo("api_key").And.None.EqualTo("model"));
        Assert.That(ModelFields.ClearableByNull.Contains("Input_Cost_Per_Token"), Is.False, "names match exactly");
    }

    [Test]
    public void TheDerivedModelInfoKeysAreTheIdentityAndStampKeys() =>
        Assert.That(ModelFields.Derived, Is.EquivalentTo(new[] { "id", "db_model", "created_at", "created_by", "updated_at", "updated_by" }));

    [Test]
    public void TheMirroredPricingFieldsAreLiteLlmsSpecialModelInfoParams() =>
        Assert.That(ModelFields.MirroredPricing, Is.EquivalentTo(new[]
        {
            "input_cost_per_token", "output_cost_per_token", "input_cost_per_character", "output_cost_per_character",
            "cache_read_input_token_cost", "cache_creation_input_token_cost",
        }));

    [Test]
    public void PricingSetInTheParamsIsCopiedIntoModelInfoOverWhatItHeld()
    {
        var litellmParams = System.Text.Json.Nodes.JsonNode.Parse("""{"model":"m","input_cost_per_token":0.5,"output_cost_per_token":null,"input_cost_per_second":1}""")!.AsObject();
        var modelInfo = System.Text.Json.Nodes.JsonNode.Parse("""{"input_cost_per_token":0.9,"output_cost_per_token":0.3,"mode":"chat"}""")!.AsObject();

        ModelFields.MirrorPricing(litellmParams, modelInfo);

        Assert.That(modelInfo.ToJsonString(), Is.EqualTo("""{"input_cost_per_token":0.5,"output_cost_per_token":0.3,"mode":"chat"}"""));
        Assert.That(litellmParams["input_cost_per_token"]!.GetValue<double>(), Is.EqualTo(0.5), "the params are not changed");
    }
}
