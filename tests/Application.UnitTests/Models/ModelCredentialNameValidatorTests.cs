using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Models.Commands.CreateModel;
using ProxyAdmin.Application.Models.Commands.UpdateModel;
using ProxyAdmin.Application.UnitTests.TestSupport;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class ModelCredentialNameValidatorTests
{
    private const string NotAString = "litellm_credential_name must be a string: the name of a credential made with POST /credentials (or null to detach it).";

    private readonly ModelCredentialNameValidator _validator = new();

    [TestCase("""{"model":"openai/gpt-4o"}""")]
    [TestCase("""{"litellm_credential_name":null}""")]
    [TestCase("""{"litellm_credential_name":"team/openai/prod"}""")]
    public void ShouldAcceptNoNameANullOrANonEmptyString(string litellmParams) =>
        Assert.That(_validator.InvalidFields(Json(litellmParams)), Is.Empty);

    [TestCase("7")]
    [TestCase("true")]
    [TestCase("""{"name":"openai-prod"}""")]
    [TestCase("""["openai-prod"]""")]
    public void ShouldRefuseANameThatIsNoString(string name) =>
        Assert.That(
            _validator.Validate(Json($$"""{"litellm_credential_name":{{name}}}""")).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("litellm_credential_name", NotAString) }));

    [Test]
    public void ShouldRefuseAnEmptyName() =>
        Assert.That(
            _validator.Validate(Json("""{"litellm_credential_name":""}""")).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[]
            {
                ("litellm_credential_name", "litellm_credential_name cannot be an empty string. Send null to detach the stored credential or omit the field to leave it unchanged."),
            }));

    [Test]
    public void ShouldRefuseANameLongerThanACredentialsName()
    {
        Assert.That(_validator.InvalidFields(Json($$"""{"litellm_credential_name":"{{new string('c', 256)}}"}""")), Is.Empty);
        Assert.That(
            _validator.Validate(Json($$"""{"litellm_credential_name":"{{new string('c', 257)}}"}""")).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("litellm_credential_name", "litellm_credential_name must be at most 256 characters.") }));
    }

    [Test]
    public void ShouldCheckTheNameOfEveryModelWrite()
    {
        var litellmParams = Json("""{"model":"openai/gpt-4o","litellm_credential_name":7}""");

        var create = new CreateModelCommandValidator().Validate(new CreateModelCommand { ModelName = "m", LitellmParams = litellmParams });
        var patch = new PatchModelCommandValidator().Validate(new PatchModelCommand("m1", new PatchModelRequest { LitellmParams = litellmParams }));
        var update = new UpdateModelCommandValidator().Validate(new UpdateModelCommand { ModelName = "m", LitellmParams = litellmParams, ModelInfo = Json("""{"id":"m1"}""") });

        Assert.That(create.Errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(new[] { ("litellm_params.litellm_credential_name", NotAString) }));
        Assert.That(patch.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { NotAString }));
        Assert.That(update.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { NotAString }));
    }
}
