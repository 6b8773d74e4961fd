using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Stored credentials (<c>/credentials…</c>): LiteLLM's routes and shapes, values encrypted at rest and masked everywhere,
/// and the rules of a model's <c>litellm_params.litellm_credential_name</c> from LiteLLM's model tests.
/// </summary>
public sealed class CredentialTests
{
    private static HttpClient Admin => ModelApi.Admin;

    private static JsonObject Secrets(out string apiKey, out string awsSecret)
    {
        apiKey = "sk-credential-" + Guid.NewGuid().ToString("N") + "-AK01";
        awsSecret = "aws-credential-" + Guid.NewGuid().ToString("N") + "-AW02";
        return new JsonObject { ["api_key"] = apiKey, ["aws_secret_access_key"] = awsSecret, ["api_base"] = "https://credentials.example.test/v1", ["rpm_hint"] = 5 };
    }

    private static async Task<string> TeamModel(string teamId, string? credentialName = null)
    {
        var litellmParams = new JsonObject { ["model"] = "openai/gpt-4o" };
        if (credentialName is not null)
        {
            litellmParams["litellm_credential_name"] = credentialName;
        }

        return (await Admin.AddModel(ModelApi.Body(Api.UniqueId("credmodel"), litellmParams, new JsonObject { ["team_id"] = teamId }))).Id();
    }

    // ---------------------------------------------------------------- create and read

    [Test]
    public async Task ACreatedCredentialIsSealedAtRestAndMaskedInEveryRouteAndAuditRow()
    {
        var name = Api.UniqueId("cred");
        var response = await Admin.PostJson("/credentials", new { credential_name = name, credential_values = Secrets(out var apiKey, out var awsSecret), credential_info = new { custom_llm_provider = "openai", description = "prod" } });
        var text = await response.Content.ReadAsStringAsync();
        var created = await response.Expect(200);

        var stored = await CredentialApi.StoredValues(name);
        var listed = (await (await Admin.GetAsync("/credentials")).Expect(200))["credentials"]!.AsArray().Single(c => c!["credential_name"]!.GetValue<string>() == name)!;
        var byNameResponse = await Admin.ByName(name);
        var byNameText = await byNameResponse.Content.ReadAsStringAsync();
        var byName = await byNameResponse.Expect(200);
        var audit = await ModelApi.StoredAuditText(name);

        Assert.Multiple(() =>
        {
            Assert.That(created["success"]!.GetValue<bool>(), Is.True);
            Assert.That(created["message"]!.GetValue<string>(), Is.EqualTo("Credential created successfully"));
            foreach (var shown in new[] { created["credential"]!, listed, byName })
            {
                Assert.That(shown["credential_name"]!.GetValue<string>(), Is.EqualTo(name));
                ModelApi.AssertMasked(shown["credential_values"]!["api_key"], apiKey, "api_key");
                ModelApi.AssertMasked(shown["credential_values"]!["aws_secret_access_key"], awsSecret, "aws_secret_access_key");
                Assert.That(shown["credential_values"]!["api_base"]!.GetValue<string>(), Is.EqualTo("https://credentials.example.test/v1"), "a non-secret value is shown");
                Assert.That(shown["credential_info"]!["description"]!.GetValue<string>(), Is.EqualTo("prod"));
            }

            foreach (var value in new[] { "api_key", "aws_secret_access_key", "api_base" })
            {
                Assert.That(stored[value]!.GetValue<string>(), Does.StartWith("v3:gcm:"), $"{value} is sealed at rest");
            }

            Assert.That(stored["rpm_hint"]!.GetValue<int>(), Is.EqualTo(5), "a number that is no secret stays as it is");
            Api.AssertHoldsNone(stored.ToJsonString() + text + byNameText + audit, "the stored row, the responses and the audit", apiKey, awsSecret);
            Assert.That(audit, Does.Contain(name), "the creation is audited");
        });
    }

    [Test]
    public async Task ANameMayHoldSlashesSentAsIsOrEscaped()
    {
        var name = Api.UniqueId("team") + "/openai/prod";
        await CredentialApi.NewCredential(name);

        var plain = await (await Admin.ByName(name)).Expect(200);
        var escaped = await (await Admin.GetAsync($"/credentials/by_name/{Uri.EscapeDataString(name)}")).Expect(200);
        var patched = await (await Admin.Patch(name, new JsonObject { ["credential_info"] = new JsonObject { ["note"] = "slashes" } })).Expect(200);
        await (await Admin.Delete(name)).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(plain["credential_name"]!.GetValue<string>(), Is.EqualTo(name));
            Assert.That(escaped["credential_name"]!.GetValue<string>(), Is.EqualTo(name));
            Assert.That(patched["credential"]!["credential_info"]!["note"]!.GetValue<string>(), Is.EqualTo("slashes"));
        });
        await (await Admin.ByName(name)).Expect(404);
    }

    [Test]
    public async Task CreateRefusesBadInputAndChangesNothing()
    {
        var taken = await CredentialApi.NewCredential();
        var fresh = Api.UniqueId("cred");

        var duplicate = await (await Admin.PostJson("/credentials", new { credential_name = taken, credential_values = new { api_key = "sk-other-value-123456" } })).Expect(409);
        var noValues = await (await Admin.PostJson("/credentials", new { credential_name = fresh })).Expect(400);
        var both = await (await Admin.PostJson("/credentials", new { credential_name = fresh, credential_values = new { api_key = "sk-x-123456789" }, model_id = "m" })).Expect(400);
        var blank = await (await Admin.PostJson("/credentials", new { credential_name = "  ", credential_values = new { } })).Expect(400);
        var unknownModel = await (await Admin.PostJson("/credentials", new { credential_name = fresh, model_id = Guid.NewGuid().ToString() })).Expect(404);

        Assert.Multiple(() =>
        {
            Assert.That(duplicate.ErrorParam(), Is.EqualTo("credential_name"));
            Assert.That(noValues.ErrorMessage(), Does.Contain("Credential values are required"));
            Assert.That(both.ErrorMessage(), Does.Contain("not both"));
            Assert.That(blank.ErrorParam(), Is.EqualTo("credential_name"));
            Assert.That(unknownModel.ErrorMessage(), Is.EqualTo("Model not found"));
        });
        await (await Admin.ByName(fresh)).Expect(404);
    }

    [Test]
    public async Task ACredentialMadeFromAModelCopiesItsCredentialParametersOnly()
    {
        var apiKey = "sk-from-model-" + Guid.NewGuid().ToString("N");
        var model = await Admin.AddModel(ModelApi.Body(Api.UniqueId("source"), new JsonObject { ["model"] = "azure/gpt-4o", ["api_key"] = apiKey, ["api_base"] = "https://azure.example.test", ["api_version"] = "2024-06-01", ["rpm"] = 10 }));
        var name = Api.UniqueId("copied");

        var created = await (await Admin.PostJson("/credentials", new { credential_name = name, model_id = model.Id() })).Expect(200);

        var values = created["credential"]!["credential_values"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(values.Select(v => v.Key), Is.EquivalentTo(new[] { "api_key", "api_base", "api_version" }));
            ModelApi.AssertMasked(values["api_key"], apiKey, "api_key");
            Assert.That(values["api_base"]!.GetValue<string>(), Is.EqualTo("https://azure.example.test"));
        });
    }

    // ---------------------------------------------------------------- update and delete

    [Test]
    public async Task PatchMergesValuesAndInfoAndANullRemovesAnEntry()
    {
        var name = await CredentialApi.NewCredential(values: Secrets(out _, out _), info: new JsonObject { ["description"] = "old", ["owner"] = "search" });
        var newKey = "sk-rotated-" + Guid.NewGuid().ToString("N");

        var response = await Admin.Patch(name, new JsonObject
        {
            ["credential_values"] = new JsonObject { ["api_key"] = newKey, ["aws_secret_access_key"] = null },
            ["credential_info"] = new JsonObject { ["description"] = "new" },
        });
        var text = await response.Content.ReadAsStringAsync();
        var patched = (await response.Expect(200))["credential"]!;

        var stored = await CredentialApi.StoredValues(name);
        Assert.Multiple(() =>
        {
            ModelApi.AssertMasked(patched["credential_values"]!["api_key"], newKey, "api_key");
            Assert.That(patched["credential_values"]!.AsObject().ContainsKey("aws_secret_access_key"), Is.False, "a null removes the value");
            Assert.That(patched["credential_values"]!["api_base"]!.GetValue<string>(), Is.EqualTo("https://credentials.example.test/v1"), "what is not sent stays");
            Assert.That(patched["credential_info"]!["description"]!.GetValue<string>(), Is.EqualTo("new"));
            Assert.That(patched["credential_info"]!["owner"]!.GetValue<string>(), Is.EqualTo("search"));
            Assert.That(stored["api_key"]!.GetValue<string>(), Does.StartWith("v3:gcm:"));
            Api.AssertHoldsNone(text + stored.ToJsonString(), "the response and the stored row", newKey);
        });
    }

    [Test]
    public async Task ARenameMovesTheModelsThatUseTheCredentialAlong()
    {
        var name = await CredentialApi.NewCredential();
        var teamId = await ModelApi.NewTeam();
        var modelId = await TeamModel(teamId, name);
        var renamed = Api.UniqueId("renamed");

        await (await Admin.Patch(name, new JsonObject { ["credential_name"] = renamed })).Expect(200);

        var model = await Admin.Info(modelId);
        Assert.Multiple(async () =>
        {
            Assert.That(model["litellm_params"]!["litellm_credential_name"]!.GetValue<string>(), Is.EqualTo(renamed));
            Assert.That((await Admin.ByName(name)).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
            Assert.That(await ModelApi.StoredAuditText(modelId), Does.Contain(renamed), "the model's change is audited");
        });
    }

    [Test]
    public async Task PatchRefusesAnUnknownCredentialAndATakenName()
    {
        var first = await CredentialApi.NewCredential();
        var second = await CredentialApi.NewCredential();

        var unknown = await (await Admin.Patch(Api.UniqueId("nobody"), new JsonObject { ["credential_info"] = new JsonObject() })).Expect(404);
        var taken = await (await Admin.Patch(first, new JsonObject { ["credential_name"] = second })).Expect(409);

        Assert.Multiple(() =>
        {
            Assert.That(unknown.ErrorParam(), Is.EqualTo("credential_name"));
            Assert.That(taken.ErrorMessage(), Does.Contain(second));
        });
        await (await Admin.ByName(first)).Expect(200);
    }

    [Test]
    public async Task ACredentialInUseCannotBeDeletedUntilItsModelsLetGo()
    {
        var name = await CredentialApi.NewCredential();
        var model = await Admin.AddModel(ModelApi.Body(Api.UniqueId("user"), new JsonObject { ["model"] = "openai/gpt-4o", ["litellm_credential_name"] = name }));

        var refused = await (await Admin.Delete(name)).Expect(409);
        await (await Admin.PatchModel(model.Id(), new JsonObject { ["litellm_params"] = new JsonObject { ["litellm_credential_name"] = null } })).Expect(200);
        var deleted = await (await Admin.Delete(name)).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(refused.ErrorMessage(), Does.Contain(model.Id()), "the refusal names the model");
            Assert.That(deleted["message"]!.GetValue<string>(), Is.EqualTo("Credential deleted successfully"));
        });
        await (await Admin.ByName(name)).Expect(404);
        await (await Admin.Delete(name)).Expect(404);
    }

    // ---------------------------------------------------------------- models that reference a credential

    [Test]
    public async Task AProxyAdminAttachesAnExistingCredentialAndModelReadsShowOnlyItsName()
    {
        var name = await CredentialApi.NewCredential(values: Secrets(out var apiKey, out _));

        var unknown = await (await Admin.PostJson("/model/new", ModelApi.Body(Api.UniqueId("m"), new JsonObject { ["model"] = "openai/gpt-4o", ["litellm_credential_name"] = Api.UniqueId("missing") }))).Expect(404);
        var empty = await (await Admin.PostJson("/model/new", ModelApi.Body(Api.UniqueId("m"), new JsonObject { ["model"] = "openai/gpt-4o", ["litellm_credential_name"] = "" }))).Expect(400);
        var number = await (await Admin.PostJson("/model/new", ModelApi.Body(Api.UniqueId("m"), new JsonObject { ["model"] = "openai/gpt-4o", ["litellm_credential_name"] = 7 }))).Expect(400);
        var created = await Admin.AddModel(ModelApi.Body(Api.UniqueId("m"), new JsonObject { ["model"] = "openai/gpt-4o", ["litellm_credential_name"] = name }));
        var info = await Admin.Info(created.Id());
        var stored = await ModelApi.StoredParams(created.Id());

        Assert.Multiple(() =>
        {
            Assert.That(unknown.ErrorParam(), Is.EqualTo("litellm_credential_name"));
            Assert.That(unknown.ErrorMessage(), Does.StartWith("Credential '"));
            Assert.That(empty.ErrorMessage(), Does.Contain("cannot be an empty string"));
            Assert.That(number.ErrorMessage(), Does.Contain("must be a string"));
            Assert.That(info["litellm_params"]!["litellm_credential_name"]!.GetValue<string>(), Is.EqualTo(name));
            Assert.That(info["litellm_params"]!.AsObject().ContainsKey("api_key"), Is.False, "the credential's values are not the model's");
            Assert.That(stored.ContainsKey("litellm_credential_name"), Is.False, "the name is a reference, not a sealed parameter");
            Api.AssertHoldsNone(info.ToJsonString(), "the model", apiKey);
        });
    }

    [Test]
    public async Task OnlyAProxyAdminAttachesOrDetachesButAnyEditorMayResendTheSameName()
    {
        var (adminId, teamAdmin) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(members: (adminId, "admin"));
        var attached = await CredentialApi.NewCredential();
        var other = await CredentialApi.NewCredential();
        var modelId = await TeamModel(teamId, attached);
        var bare = await TeamModel(teamId);

        var attachOnCreate = await (await teamAdmin.PostJson("/model/new", ModelApi.Body(Api.UniqueId("m"), new JsonObject { ["model"] = "openai/gpt-4o", ["litellm_credential_name"] = attached }, new JsonObject { ["team_id"] = teamId }))).Expect(403);
        var resend = await (await teamAdmin.PatchModel(modelId, new JsonObject { ["litellm_params"] = new JsonObject { ["litellm_credential_name"] = attached, ["rpm"] = 5 } })).Expect(200);
        var change = await (await teamAdmin.PatchModel(modelId, new JsonObject { ["litellm_params"] = new JsonObject { ["litellm_credential_name"] = other } })).Expect(403);
        var detach = await (await teamAdmin.PatchModel(modelId, new JsonObject { ["litellm_params"] = new JsonObject { ["litellm_credential_name"] = null } })).Expect(403);
        var nullOnNothing = await (await teamAdmin.PatchModel(bare, new JsonObject { ["litellm_params"] = new JsonObject { ["litellm_credential_name"] = null } })).Expect(200);
        var adminDetach = await (await Admin.PatchModel(modelId, new JsonObject { ["litellm_params"] = new JsonObject { ["litellm_credential_name"] = null } })).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(attachOnCreate.ErrorParam(), Is.EqualTo("litellm_credential_name"));
            Assert.That(attachOnCreate.ErrorMessage(), Does.Contain("Only a proxy admin can attach a stored credential"));
            Assert.That(resend["litellm_params"]!["litellm_credential_name"]!.GetValue<string>(), Is.EqualTo(attached));
            Assert.That(resend["litellm_params"]!["rpm"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(change.ErrorParam(), Is.EqualTo("litellm_credential_name"));
            Assert.That(detach.ErrorMessage(), Does.Contain("Only a proxy admin can detach a stored credential"));
            Assert.That(nullOnNothing["litellm_params"]!.AsObject().ContainsKey("litellm_credential_name"), Is.False);
            Assert.That(adminDetach["litellm_params"]!.AsObject().ContainsKey("litellm_credential_name"), Is.False);
        });
    }

    // ---------------------------------------------------------------- who reads what

    [Test]
    public async Task ViewersReadEverythingMaskedAndWriteNothing()
    {
        var name = await CredentialApi.NewCredential(values: Secrets(out var apiKey, out _));
        var (_, viewer) = await ModelApi.NewCaller("proxy_admin_viewer");

        var listed = (await (await viewer.GetAsync("/credentials")).Expect(200))["credentials"]!.AsArray().Single(c => c!["credential_name"]!.GetValue<string>() == name)!;
        var create = await (await viewer.PostJson("/credentials", new { credential_name = Api.UniqueId("v"), credential_values = new { api_key = "sk-viewer-123456789" } })).Expect(403);
        await (await viewer.Patch(name, new JsonObject { ["credential_info"] = new JsonObject { ["x"] = 1 } })).Expect(403);
        await (await viewer.Delete(name)).Expect(403);

        Assert.Multiple(() =>
        {
            ModelApi.AssertMasked(listed["credential_values"]!["api_key"], apiKey, "api_key");
            Assert.That(create.ErrorType(), Is.Not.Empty);
        });
        await (await Admin.ByName(name)).Expect(200);
    }

    [Test]
    public async Task ATeamAdminSeesOnlyTheNamesItsTeamsModelsUseAndOthersSeeNone()
    {
        var (adminId, teamAdmin) = await ModelApi.NewCaller();
        var (_, outsider) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(members: (adminId, "admin"));
        var used = await CredentialApi.NewCredential();
        var unused = await CredentialApi.NewCredential();
        await TeamModel(teamId, used);

        var seen = (await (await teamAdmin.GetAsync("/credentials")).Expect(200))["credentials"]!.AsArray();
        var byName = await (await teamAdmin.ByName(used)).Expect(200);
        await (await teamAdmin.ByName(unused)).Expect(404);
        var outsiderSees = (await (await outsider.GetAsync("/credentials")).Expect(200))["credentials"]!.AsArray();
        await (await outsider.ByName(used)).Expect(404);

        Assert.Multiple(() =>
        {
            Assert.That(seen.Select(c => c!["credential_name"]!.GetValue<string>()), Is.EqualTo(new[] { used }));
            Assert.That(seen[0]!["credential_values"], Is.Null, "a team admin sees the name only");
            Assert.That(byName["credential_values"], Is.Null);
            Assert.That(outsiderSees, Is.Empty);
        });
    }

    [Test]
    public async Task ByModelShowsTheStoredCredentialOrTheModelsOwnCredentialMasked()
    {
        var name = await CredentialApi.NewCredential(values: Secrets(out var apiKey, out _));
        var withCredential = await Admin.AddModel(ModelApi.Body(Api.UniqueId("bm"), new JsonObject { ["model"] = "openai/gpt-4o", ["litellm_credential_name"] = name }));
        var ownKey = "sk-own-" + Guid.NewGuid().ToString("N");
        var modelName = Api.UniqueId("own");
        var own = await Admin.AddModel(ModelApi.Body(modelName, new JsonObject { ["model"] = "openai/gpt-4o", ["api_key"] = ownKey, ["api_base"] = "https://own.example.test", ["rpm"] = 3 }));
        var (_, outsider) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam();
        var teamModel = await TeamModel(teamId);

        var stored = await (await Admin.GetAsync($"/credentials/by_model/{withCredential.Id()}")).Expect(200);
        var ownCredential = await (await Admin.GetAsync($"/credentials/by_model/{own.Id()}")).Expect(200);
        await (await Admin.GetAsync($"/credentials/by_model/{Guid.NewGuid()}")).Expect(404);
        await (await outsider.GetAsync($"/credentials/by_model/{teamModel}")).Expect(404);

        Assert.Multiple(() =>
        {
            Assert.That(stored["credential_name"]!.GetValue<string>(), Is.EqualTo(name));
            ModelApi.AssertMasked(stored["credential_values"]!["api_key"], apiKey, "stored api_key");
            Assert.That(ownCredential["credential_name"]!.GetValue<string>(), Is.EqualTo($"{modelName}-credential-{own.Id()}"));
            ModelApi.AssertMasked(ownCredential["credential_values"]!["api_key"], ownKey, "own api_key");
            Assert.That(ownCredential["credential_values"]!.AsObject().Select(v => v.Key), Is.EquivalentTo(new[] { "api_key", "api_base" }));
        });
    }
}
