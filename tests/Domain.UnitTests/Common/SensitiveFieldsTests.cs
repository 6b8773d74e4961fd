using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.UnitTests.Common;

public sealed class SensitiveFieldsTests
{
    [TestCase("api_key")]
    [TestCase("aws_secret_access_key")]
    [TestCase("aws_session_token")]
    [TestCase("client_secret")]
    [TestCase("azure_password")]
    [TestCase("vertex_credentials")]
    [TestCase("token")]
    [TestCase("MY_API_KEY")]
    public void SecretLookingNamesAreSensitive(string name) => Assert.That(SensitiveFields.IsSensitive(name), Is.True);

    [TestCase("model")]
    [TestCase("api_base")]
    [TestCase("key_alias")]
    [TestCase("key_name")]
    [TestCase("user_id")]
    [TestCase("max_tokens")]
    [TestCase("max_input_tokens")]
    [TestCase("input_cost_per_token")]
    [TestCase("cache_read_input_token_cost")]
    [TestCase("key_rotation_at")]
    [TestCase("team_member_key_duration")]
    public void OtherNamesAreNot(string name) => Assert.That(SensitiveFields.IsSensitive(name), Is.False);

    [Test]
    public void MaskingKeepsAtMostTheLastFourCharacters()
    {
        Assert.That(SensitiveFields.Mask("sk-1234567890abcd"), Is.EqualTo("****abcd"));
        Assert.That(SensitiveFields.Mask("short"), Is.EqualTo("****"));
        Assert.That(SensitiveFields.Mask(""), Is.EqualTo("****"));
    }

    [TestCase("sk-1234567890abcd")]
    [TestCase("short")]
    [TestCase("")]
    public void MaskingAMaskChangesNothing(string secret)
    {
        var masked = SensitiveFields.Mask(secret);

        Assert.That(SensitiveFields.Mask(masked), Is.EqualTo(masked));
    }
}
