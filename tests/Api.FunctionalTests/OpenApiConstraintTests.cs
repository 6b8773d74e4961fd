using System.Text.Json.Nodes;
using NJsonSchema;
using ProxyAdmin.Api.FunctionalTests.Contract;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The validators' bounds are in the document as schema constraints (read from the validators, not written per
/// field), and the document and the service agree at each bound: a value the schema accepts is not refused for that
/// field, and one just past the bound is refused by both, naming the field.
/// </summary>
public sealed class OpenApiConstraintTests
{
    private ResponseContract _contract = null!;

    [OneTimeSetUp]
    public async Task LoadTheDocument() => _contract = await Service.App.Contract;

    [Test]
    public void RepresentativeBoundsAreInTheDocument()
    {
        var keyAlias = Property("GenerateKeyCommand", "key_alias");
        Assert.That((keyAlias.MinLength, keyAlias.MaxLength), Is.EqualTo((1, VirtualKey.AliasMaxLength)), "key_alias: NotBlank, MaximumLength");
        Assert.That(Property("GenerateKeyCommand", "max_budget").Minimum, Is.EqualTo(0m), "max_budget: FiniteNonNegative");
        Assert.That(Property("UpdateKeyCommand", "tpm_limit").Minimum, Is.EqualTo(0m), "tpm_limit: NonNegative");
        Assert.That(Property("CreateProjectCommand", "max_budget").Minimum, Is.EqualTo(0m), "a dependent rule with LiteLLM's message");
        Assert.That(Property("GenerateKeyCommand", "rpm_limit_type").Enumeration, Is.EqualTo(KeyRules.LimitTypes), "rpm_limit_type: OneOf");

        var teamId = Property("CreateTeamCommand", "team_id");
        Assert.That((teamId.MinLength, teamId.MaxLength, teamId.Pattern), Is.EqualTo((1, Team.IdMaxLength, IdentifierValidator<object>.Pattern)), "team_id: Identifier");
        Assert.That(Property("CreateUserCommand", "user_email").MaxLength, Is.EqualTo(User.EmailMaxLength));

        var teamIds = Property("DeleteTeamsCommand", "team_ids");
        Assert.That(teamIds.MinItems, Is.EqualTo(1), "NotEmpty on a list");
        Assert.That(teamIds.Item!.ActualSchema.MinLength, Is.EqualTo(1), "RuleForEach(...).NotEmpty()");
        Assert.That(Property("TeamMemberRequest", "user_id").MaxLength, Is.EqualTo(User.IdMaxLength), "a request part's own validator");
        Assert.That(Property("PatchModelRequest", "model_name").MaxLength, Is.EqualTo(ModelDeployment.NameMaxLength), "a PATCH body, validated as its command's Changes");

        Assert.That(Property("CreateProjectCommand", "rpm_limit_type").Enumeration, Is.EqualTo(TeamRequestValidator<TeamRequestFields>.LimitTypes), "a project takes its team's modes");
        Assert.That(Property("CreateTeamCommand", "members_with_roles").MaxItems, Is.EqualTo(RequestBounds.MaxMembers), "MaxMembers");
        Assert.That(Property("AddOrganizationMembersCommand", "member").MaxItems, Is.EqualTo(RequestBounds.MaxMembers));
        foreach (var (schema, field) in new[] { ("CreateUserCommand", "metadata"), ("CreateModelCommand", "litellm_params"), ("CreateModelCommand", "model_info"), ("GenerateKeyCommand", "enforced_file_expires_after"),
            ("PatchModelRequest", "litellm_params"), ("PatchModelRequest", "model_info"), ("UpdateCredentialRequest", "credential_values"), ("UpdateCredentialRequest", "credential_info") })
        {
            Assert.That(Property(schema, field).ExtensionData?["x-max-json-bytes"], Is.EqualTo(RequestBounds.MaxJsonBytes), $"{schema}.{field}: JsonSize");
        }

        var pageSize = Parameter("/audit", "page_size");
        Assert.That((pageSize.Minimum, pageSize.Maximum), Is.EqualTo((1m, (decimal)Application.Common.Paging.PageSizes.Max)), "a query parameter: InclusiveBetween");
        Assert.That(Parameter("/audit", "page").Minimum, Is.EqualTo(1m));
    }

    /// <summary>Predicates (<c>Must</c>) and rules under a condition say nothing the document could state for sure.</summary>
    [Test]
    public void RulesNoReaderCanSeeThroughAddNoConstraint()
    {
        var budgetDuration = Property("GenerateKeyCommand", "budget_duration");
        var grace = Property("RegenerateKeyCommand", "grace_period");

        Assert.That((budgetDuration.Pattern, budgetDuration.MinLength, budgetDuration.MaxLength), Is.EqualTo(((string?)null, (int?)null, (int?)null)), "Duration() is a predicate");
        Assert.That(grace.Enumeration, Is.Empty);
    }

    /// <summary>A bound applies to a value sent; null stays what it was (absent, or "no limit"), as the validators let it through.</summary>
    [Test]
    public void ABoundedFieldStillTakesNull()
    {
        var schema = _contract.Document.Paths["/key/generate"]["post"].RequestBody!.Content["application/json"].Schema!.ActualSchema;
        var body = new JsonObject { ["key_alias"] = null, ["max_budget"] = null, ["rpm_limit_type"] = null, ["team_id"] = null };

        Assert.That(ResponseContract.Validate(body.ToJsonString(), schema), Is.Empty);
    }

    [TestCaseSource(nameof(Bounds))]
    public async Task TheDocumentAndTheServiceAgreeAtTheBound(string route, string field, Func<JsonNode> within, JsonNode beyond, JsonObject rest)
    {
        var schema = _contract.Document.Paths[route]["post"].RequestBody!.Content["application/json"].Schema!.ActualSchema;
        var accepted = Body(rest, field, within());
        var refused = Body(rest, field, beyond);

        Assert.That(ResponseContract.Validate(accepted.ToJsonString(), schema), Is.Empty, "the schema accepts the bound itself");
        Assert.That(ResponseContract.Validate(refused.ToJsonString(), schema), Has.Some.Contains(field), "the schema refuses past the bound");

        var ok = await Service.App.Admin().PostJson(route, accepted);
        var refusal = await (await Service.App.Admin().PostJson(route, refused)).Expect(400);

        Assert.That((int)ok.StatusCode, Is.EqualTo(200), await ok.Content.ReadAsStringAsync());
        Assert.That(refusal.ErrorParam(), Is.EqualTo(field));
    }

    private static IEnumerable<TestCaseData> Bounds()
    {
        static string Unique(int length) => Api.UniqueId("b").PadRight(length, 'x');

        yield return new TestCaseData("/key/generate", "key_alias", (Func<JsonNode>)(() => Unique(VirtualKey.AliasMaxLength)), (JsonNode)new string('a', VirtualKey.AliasMaxLength + 1), new JsonObject())
            .SetArgDisplayNames("key_alias maxLength");
        yield return new TestCaseData("/key/generate", "key_alias", (Func<JsonNode>)(() => Unique(1)[..1] + Guid.NewGuid().ToString("N")), (JsonNode)string.Empty, new JsonObject())
            .SetArgDisplayNames("key_alias minLength");
        yield return new TestCaseData("/key/generate", "max_budget", (Func<JsonNode>)(() => 0), (JsonNode)(-0.01), new JsonObject())
            .SetArgDisplayNames("max_budget minimum");
        yield return new TestCaseData("/team/new", "team_id", (Func<JsonNode>)(() => Unique(Team.IdMaxLength)), (JsonNode)"team with spaces", new JsonObject())
            .SetArgDisplayNames("team_id pattern");
        yield return new TestCaseData("/team/new", "team_id", (Func<JsonNode>)(() => Unique(Team.IdMaxLength)), (JsonNode)new string('t', Team.IdMaxLength + 1), new JsonObject())
            .SetArgDisplayNames("team_id maxLength");
        yield return new TestCaseData("/team/new", "rpm_limit_type", (Func<JsonNode>)(() => "best_effort_throughput"), (JsonNode)"dynamic", new JsonObject())
            .SetArgDisplayNames("team rpm_limit_type enum");
        yield return new TestCaseData("/user/new", "user_id", (Func<JsonNode>)(() => Unique(User.IdMaxLength)), (JsonNode)new string('u', User.IdMaxLength + 1), new JsonObject())
            .SetArgDisplayNames("user_id maxLength");
        yield return new TestCaseData("/user/new", "tpm_limit", (Func<JsonNode>)(() => 0), (JsonNode)(-1), new JsonObject())
            .SetArgDisplayNames("user tpm_limit minimum");
    }

    private static JsonObject Body(JsonObject rest, string field, JsonNode value)
    {
        var body = rest.DeepClone().AsObject();
        body[field] = value.DeepClone();
        return body;
    }

    private JsonSchema Property(string schema, string property) =>
        _contract.Document.Components.Schemas[schema].ActualProperties[property].ActualSchema;

    private JsonSchema Parameter(string path, string name) =>
        _contract.Document.Paths[path]["get"].Parameters.Single(p => p.Name == name).ActualSchema;
}
