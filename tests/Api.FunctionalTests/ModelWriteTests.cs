using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>Writes to model deployments: the stored shape, encryption at rest, masking, PATCH and the older update, delete and audit.</summary>
public sealed class ModelWriteTests
{
    private static HttpClient Admin => ModelApi.Admin;

    /// <summary>Every secret-looking parameter, each with a distinct value that ends in its own last four characters.</summary>
    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["api_key"] = "sk-write-api-key-7f3a9c1e-AK01",
        ["aws_secret_access_key"] = "aws-secret-5d1e2f3a4b5c-AW02",
        ["aws_session_token"] = "aws-session-9a8b7c6d5e4f-AS03",
        ["client_secret"] = "client-secret-0f9e8d7c6b-CS04",
        ["azure_ad_token"] = "azure-ad-token-1a2b3c4d5e-AD05",
        ["azure_password"] = "short",
        ["vertex_credentials"] = "{\"private_key\": \"-----BEGIN vtx-1234567890-VX06\"}",
        ["my_service_key"] = "custom-service-key-77aa88bb-SK07",
        ["webhook_secret"] = "custom-webhook-secret-ccdd-WS08",
        ["refresh_token"] = "custom-refresh-token-eeff00-RT09",
        ["db_password"] = "custom-db-password-112233-DP10",
        ["service_credential_blob"] = "custom-credential-445566-SC11",
    };

    private static JsonObject ParamsWithEverySecret()
    {
        var p = new JsonObject
        {
            ["model"] = "azure/gpt-4o-eu",
            ["api_base"] = "https://write-tests.example.test/openai",
            ["api_version"] = "2024-06-01",
            ["region_name"] = "eu-west-1",
            ["custom_llm_provider"] = "azure",
            ["rpm"] = 10,
        };
        foreach (var (name, value) in Secrets)
        {
            p[name] = value;
        }

        return p;
    }

    private static void AssertEverySecretMasked(JsonNode? litellmParams, string where)
    {
        Assert.That(litellmParams, Is.Not.Null, where);
        foreach (var (name, value) in Secrets)
        {
            ModelApi.AssertMasked(litellmParams![name], value, $"{where}: {name}");
        }
    }

    private static void AssertNoSecretIn(string text, string where)
    {
        foreach (var (name, value) in Secrets.Where(s => s.Value.Length > 8))
        {
            ModelApi.AssertNoSecret(text, value, $"{where} ({name})");
        }
    }

    // ---------------------------------------------------------------- the stored shape

    [Test]
    public async Task AModelWithoutAnIdGetsAUuidAndKeepsEveryExtraKey()
    {
        var name = Api.UniqueId("shape");
        var created = await Admin.AddModel(ModelApi.Body(
            name,
            new JsonObject { ["model"] = "openai/gpt-4o", ["my_extra_setting"] = "kept", ["weight"] = 3, ["tags"] = new JsonArray("a", "b"), ["nested"] = new JsonObject { ["depth"] = 2 } },
            new JsonObject { ["mode"] = "embedding", ["base_model"] = "azure/gpt-4o", ["owner"] = new JsonObject { ["team"] = "search" }, ["max_tokens"] = 4096 }));

        Assert.Multiple(() =>
        {
            Assert.That(Guid.TryParse(created.Id(), out _), Is.True, "an id-less model gets a uuid");
            Assert.That(created["model_info"]!["id"]!.GetValue<string>(), Is.EqualTo(created.Id()));
            Assert.That(created.Name(), Is.EqualTo(name));
            Assert.That(created["litellm_params"]!["my_extra_setting"]!.GetValue<string>(), Is.EqualTo("kept"));
            Assert.That(created["litellm_params"]!["weight"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(created["litellm_params"]!["tags"].Strings(), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(created["litellm_params"]!["nested"]!["depth"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(created["model_info"]!["mode"]!.GetValue<string>(), Is.EqualTo("embedding"));
            Assert.That(created["model_info"]!["base_model"]!.GetValue<string>(), Is.EqualTo("azure/gpt-4o"));
            Assert.That(created["model_info"]!["owner"]!["team"]!.GetValue<string>(), Is.EqualTo("search"));
            Assert.That(created["model_info"]!["max_tokens"]!.GetValue<int>(), Is.EqualTo(4096));
            Assert.That(created["model_info"]!["db_model"]!.GetValue<bool>(), Is.True);
            Assert.That(created["model_info"]!["blocked"]!.GetValue<bool>(), Is.False);
            Assert.That(created["created_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));
            Assert.That(created["updated_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));
            Assert.That(created["created_at"]!.GetValue<DateTime>(), Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(5)));
            Assert.That(created["updated_at"]!.GetValue<DateTime>(), Is.EqualTo(created["created_at"]!.GetValue<DateTime>()));
            Assert.That(created["decryption_error"], Is.Null);
        });

        var read = await Admin.Info(created.Id());
        Assert.That(read.ToJsonString(), Is.EqualTo(created.ToJsonString()), "a read returns exactly what the create returned");
    }

    [Test]
    public async Task AWholeNumberIdIsKeptAsAString()
    {
        var numericId = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);
        var created = await Admin.AddModel(ModelApi.Body(Api.UniqueId("numeric"), modelInfo: new JsonObject { ["id"] = numericId }));

        Assert.That(created.Id(), Is.EqualTo(numericId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await (await Admin.PostJson("/model/new", ModelApi.Body("again", modelInfo: new JsonObject { ["id"] = numericId.ToString(System.Globalization.CultureInfo.InvariantCulture) }))).Expect(409);
    }

    [Test]
    public async Task ACreateWithBadInputIsA400NeverA500()
    {
        var noModel = await (await Admin.PostJson("/model/new", new { model_name = "x", litellm_params = new { api_base = "https://x.test" } })).Expect(400);
        Assert.That(noModel.ErrorParam(), Is.EqualTo("litellm_params.model"));
        var noName = await (await Admin.PostJson("/model/new", new { litellm_params = new { model = "openai/x" } })).Expect(400);
        Assert.That(noName.ErrorMessage(), Does.Contain("model_name"));
        var noParams = await (await Admin.PostJson("/model/new", new { model_name = "x" })).Expect(400);
        Assert.That(noParams.ErrorMessage(), Does.Contain("litellm_params"));

        foreach (var json in new[]
                 {
                     """{"model_name": "x", "litellm_params": ["openai/x"]}""",
                     """{"model_name": "x", "litellm_params": {"model": 5}}""",
                     """{"model_name": "x", "litellm_params": {"model": "openai/x"}, "model_info": {"id": {"a": 1}}}""",
                     """{"model_name": "x", "litellm_params": {"model": "openai/x"}, "model_info": {"team_id": 7}}""",
                     """{"model_name": "x", "litellm_params": {"model": "openai/x"}, "model_info": {"blocked": "yes"}}""",
                     """{"model_name": "x", "litellm_params": {"model": "openai/x"}, "model_info": "id-1"}""",
                     """{"model_name": 5, "litellm_params": {"model": "openai/x"}}""",
                     """not json""",
                     """[]""",
                 })
        {
            var response = await Admin.PostAsync("/model/new", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
            await response.Expect(400);
        }
    }

    [Test]
    public async Task ATeamModelForATeamThatDoesNotExistIsRefused()
    {
        var missing = Api.UniqueId("ghost-team");
        var refused = await (await Admin.PostJson("/model/new", ModelApi.Body("ghost", modelInfo: new JsonObject { ["team_id"] = missing }))).Expect(404);

        Assert.That(refused.ErrorMessage(), Is.EqualTo($"Team id={missing} does not exist in db"));
        Assert.That(await ModelApi.Scalar("""SELECT COUNT(*) FROM "ModelDeployments" WHERE "TeamId" = @t""", ("@t", missing)), Is.EqualTo(0L));
    }

    // ---------------------------------------------------------------- encryption at rest

    [Test]
    public async Task EveryStringParamIsEncryptedAtRestAfterCreatePatchAndUpdate()
    {
        const string patchedKey = "sk-patched-provider-key-PK12";
        const string patchedSecret = "aws-patched-secret-5544-PS13";
        const string updatedSecret = "client-secret-updated-9911-US14";
        var created = await Admin.AddModel(ModelApi.Body(Api.UniqueId("sealed"), ParamsWithEverySecret()));
        var modelId = created.Id();

        await (await Admin.PatchModel(modelId, new JsonObject
        {
            ["litellm_params"] = new JsonObject { ["api_key"] = patchedKey, ["aws_secret_access_key"] = patchedSecret, ["api_base"] = "https://patched.example.test/v1", ["tpm"] = 99 },
        })).Expect(200);
        await (await Admin.PostJson("/model/update", new { model_info = new { id = modelId }, litellm_params = new { client_secret = updatedSecret, organization = "org-updated-plain" } })).Expect(200);

        var stored = await ModelApi.StoredParams(modelId);
        var storedText = stored.ToJsonString();
        Assert.Multiple(() =>
        {
            foreach (var (name, value) in stored)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    Assert.That(text.StartsWith("v3:gcm:", StringComparison.Ordinal), Is.True, $"stored {name} is not sealed in the v3:gcm: format");
                }
            }

            Assert.That(stored["tpm"]!.GetValue<int>(), Is.EqualTo(99), "numbers stay as they are");
            Assert.That(stored["rpm"]!.GetValue<int>(), Is.EqualTo(10));
            foreach (var plain in new[] { patchedKey, patchedSecret, updatedSecret, "patched.example.test", "write-tests.example.test", "org-updated-plain", "azure/gpt-4o-eu", "2024-06-01", "eu-west-1" })
            {
                ModelApi.AssertNoSecret(storedText, plain, "the stored litellm_params");
            }

            AssertNoSecretIn(storedText, "the stored litellm_params");
        });

        // The values survive the round trip: non-secrets decrypted, secrets masked.
        var read = await Admin.Info(modelId);
        Assert.Multiple(() =>
        {
            Assert.That(read["litellm_params"]!["api_base"]!.GetValue<string>(), Is.EqualTo("https://patched.example.test/v1"));
            Assert.That(read["litellm_params"]!["organization"]!.GetValue<string>(), Is.EqualTo("org-updated-plain"));
            ModelApi.AssertMasked(read["litellm_params"]!["api_key"], patchedKey, "patched api_key");
            ModelApi.AssertMasked(read["litellm_params"]!["aws_secret_access_key"], patchedSecret, "patched aws_secret_access_key");
            ModelApi.AssertMasked(read["litellm_params"]!["client_secret"], updatedSecret, "updated client_secret");
        });

        // The audit rows as stored on disk hold no credential either.
        await (await Admin.PostJson("/model/delete", new { id = modelId })).Expect(200);
        var auditText = await ModelApi.StoredAuditText(modelId);
        Assert.That(auditText, Is.Not.Empty);
        foreach (var plain in new[] { patchedKey, patchedSecret, updatedSecret })
        {
            ModelApi.AssertNoSecret(auditText, plain, "a stored audit row");
        }

        AssertNoSecretIn(auditText, "a stored audit row");
    }

    [Test]
    public async Task EqualSecretsAreSealedWithFreshNonces()
    {
        var p = new JsonObject { ["model"] = "openai/gpt-4o", ["api_key"] = "sk-same-key-in-two-models-0000" };
        var first = await Admin.AddModel(ModelApi.Body(Api.UniqueId("nonce"), p));
        var second = await Admin.AddModel(ModelApi.Body(Api.UniqueId("nonce"), (JsonObject)p.DeepClone()));

        var a = (await ModelApi.StoredParams(first.Id()))["api_key"]!.GetValue<string>();
        var b = (await ModelApi.StoredParams(second.Id()))["api_key"]!.GetValue<string>();
        Assert.That(a == b, Is.False, "two seals of one value must differ");
    }

    [Test]
    public async Task ATamperedValueIsAnExplicitErrorOnThatModelNeverASilentNull()
    {
        var created = await Admin.AddModel(ModelApi.Body(Api.UniqueId("tamper"), new JsonObject
        {
            ["model"] = "openai/gpt-4o",
            ["api_base"] = "https://tamper.example.test/v1",
            ["api_key"] = "sk-tamper-test-provider-key-TT15",
            ["rpm"] = 3,
        }));
        var modelId = created.Id();
        var stored = await ModelApi.StoredParams(modelId);
        var sealedBase = stored["api_base"]!.GetValue<string>();
        var flipAt = sealedBase.LastIndexOf(':') + 20; // inside the payload, past the key id the value names
        stored["api_base"] = sealedBase[..flipAt] + (sealedBase[flipAt] == 'A' ? 'B' : 'A') + sealedBase[(flipAt + 1)..];
        Assert.That(await ModelApi.Execute("""UPDATE "ModelDeployments" SET "LitellmParams" = @p WHERE "ModelId" = @id""", ("@p", stored.ToJsonString()), ("@id", modelId)), Is.EqualTo(1));

        var single = await Admin.Info(modelId);
        var listed = (await (await Admin.GetAsync("/model/info")).Expect(200))["data"]!.AsArray().Single(m => m!["model_id"]!.GetValue<string>() == modelId)!;
        var paged = (await (await Admin.GetAsync($"/v2/model/info?search={created.Name()}")).Expect(200))["data"]!.AsArray().Single()!;
        foreach (var (where, model) in new[] { ("/model/info?litellm_model_id", (JsonNode)single), ("/model/info", listed), ("/v2/model/info", paged) })
        {
            var error = model["decryption_error"]?.GetValue<string>();
            Assert.Multiple(() =>
            {
                Assert.That(error, Does.Contain("api_base").And.Contain(modelId), where);
                Assert.That(error, Does.Not.Contain("api_key"), $"{where}: only the unreadable parameter is named");
                Assert.That(model["litellm_params"]!.AsObject().ContainsKey("api_base"), Is.False, $"{where}: the unreadable value is left out, not shown as null or ciphertext");
                Assert.That(model["litellm_params"]!["model"]!.GetValue<string>(), Is.EqualTo("openai/gpt-4o"), $"{where}: readable values still come back");
                Assert.That(model["litellm_params"]!["rpm"]!.GetValue<int>(), Is.EqualTo(3), where);
            });
            ModelApi.AssertMasked(model["litellm_params"]!["api_key"], "sk-tamper-test-provider-key-TT15", $"{where}: api_key");
        }

        // Re-entering the value repairs the model.
        var repaired = await (await Admin.PatchModel(modelId, new JsonObject { ["litellm_params"] = new JsonObject { ["api_base"] = "https://tamper.example.test/v2" } })).Expect(200);
        Assert.That(repaired["decryption_error"], Is.Null);
        Assert.That(repaired["litellm_params"]!["api_base"]!.GetValue<string>(), Is.EqualTo("https://tamper.example.test/v2"));
    }

    // ---------------------------------------------------------------- masking everywhere

    [Test]
    public async Task EverySecretIsMaskedOnEveryRouteAndInAuditRows()
    {
        var name = Api.UniqueId("masked");
        var created = await Admin.AddModel(ModelApi.Body(name, ParamsWithEverySecret()));
        var modelId = created.Id();
        AssertEverySecretMasked(created["litellm_params"], "/model/new");
        Assert.Multiple(() =>
        {
            Assert.That(created["litellm_params"]!["api_base"]!.GetValue<string>(), Is.EqualTo("https://write-tests.example.test/openai"));
            Assert.That(created["litellm_params"]!["api_version"]!.GetValue<string>(), Is.EqualTo("2024-06-01"));
            Assert.That(created["litellm_params"]!["region_name"]!.GetValue<string>(), Is.EqualTo("eu-west-1"));
            Assert.That(created["litellm_params"]!["custom_llm_provider"]!.GetValue<string>(), Is.EqualTo("azure"));
            Assert.That(created["litellm_params"]!["model"]!.GetValue<string>(), Is.EqualTo("azure/gpt-4o-eu"));
        });

        AssertEverySecretMasked((await Admin.Info(modelId))["litellm_params"], "/model/info?litellm_model_id");
        var v1 = (await (await Admin.GetAsync($"/v1/model/info?litellm_model_id={modelId}")).Expect(200))["data"]!.AsArray().Single()!;
        AssertEverySecretMasked(v1["litellm_params"], "/v1/model/info?litellm_model_id");
        var listText = await (await Admin.GetAsync("/model/info")).Content.ReadAsStringAsync();
        var listed = JsonNode.Parse(listText)!["data"]!.AsArray().Single(m => m!["model_id"]!.GetValue<string>() == modelId)!;
        AssertEverySecretMasked(listed["litellm_params"], "/model/info");
        var pagedText = await (await Admin.GetAsync($"/v2/model/info?search={name}")).Content.ReadAsStringAsync();
        AssertEverySecretMasked(JsonNode.Parse(pagedText)!["data"]![0]!["litellm_params"], "/v2/model/info");

        var patched = await (await Admin.PatchModel(modelId, new JsonObject { ["litellm_params"] = new JsonObject { ["rpm"] = 11 } })).Expect(200);
        AssertEverySecretMasked(patched["litellm_params"], "PATCH /model/{id}/update");
        var updated = await (await Admin.PostJson("/model/update", new { model_info = new { id = modelId }, litellm_params = new { rpm = 12 } })).Expect(200);
        AssertEverySecretMasked(updated["litellm_params"], "POST /model/update");

        AssertNoSecretIn(listText, "/model/info");
        AssertNoSecretIn(pagedText, "/v2/model/info");
        AssertNoSecretIn(await (await Admin.GetAsync("/model_group/info")).Content.ReadAsStringAsync(), "/model_group/info");
        AssertNoSecretIn(await (await Admin.GetAsync("/v1/models")).Content.ReadAsStringAsync(), "/v1/models");

        await (await Admin.PostJson("/model/delete", new { id = modelId })).Expect(200);
        var rows = await Api.AuditRowsFor(modelId);
        Assert.That(rows.Select(r => r!["action"]!.GetValue<string>()), Is.EquivalentTo(new[] { "created", "updated", "updated", "deleted" }));
        foreach (var row in rows)
        {
            var action = row!["action"]!.GetValue<string>();
            foreach (var (field, value) in new[] { ("before_value", row["before_value"]), ("updated_values", row["updated_values"]) })
            {
                if (value is not null)
                {
                    AssertEverySecretMasked(value["litellm_params"], $"audit {action} {field}");
                    Assert.That(value["litellm_params"]!["api_base"]!.GetValue<string>(), Is.EqualTo("https://write-tests.example.test/openai"), $"audit {action} {field}: other params are readable");
                }
            }
        }

        AssertNoSecretIn(rows.ToJsonString(), "/audit");
    }

    [Test]
    public async Task ASecretGivenAsAnObjectIsNeverShownEither()
    {
        // LiteLLM accepts vertex_credentials as a JSON object as well as a string.
        const string privateKey = "-----BEGIN PRIVATE KEY-----vertex-object-secret-OB16";
        var created = await Admin.AddModel(ModelApi.Body(Api.UniqueId("vertex"), new JsonObject
        {
            ["model"] = "vertex_ai/gemini-pro",
            ["vertex_project"] = "my-project",
            ["vertex_credentials"] = new JsonObject { ["type"] = "service_account", ["private_key"] = privateKey, ["client_email"] = "svc@example.test" },
        }));
        var modelId = created.Id();

        ModelApi.AssertNoSecret(created.ToJsonString(), privateKey, "/model/new");
        ModelApi.AssertNoSecret((await Admin.Info(modelId)).ToJsonString(), privateKey, "/model/info");
        Assert.That(created["litellm_params"]!["vertex_project"]!.GetValue<string>(), Is.EqualTo("my-project"));
        ModelApi.AssertNoSecret((await ModelApi.StoredParams(modelId)).ToJsonString(), privateKey, "the stored litellm_params");
        ModelApi.AssertNoSecret((await Api.AuditRowsFor(modelId)).ToJsonString(), privateKey, "/audit");
    }

    // ---------------------------------------------------------------- PATCH /model/{id}/update

    [Test]
    public async Task PatchRenamesMergesModelInfoAndNeverChangesTheId()
    {
        var created = await Admin.AddModel(ModelApi.Body(
            Api.UniqueId("patch"),
            new JsonObject { ["model"] = "openai/gpt-4o", ["api_key"] = "sk-patch-merge-test-key-PM17", ["rpm"] = 1 },
            new JsonObject { ["mode"] = "chat", ["owner"] = "search" }));
        var modelId = created.Id();
        var newName = Api.UniqueId("renamed");
        await Task.Delay(20);

        var patched = await (await Admin.PatchModel(modelId, new JsonObject
        {
            ["model_name"] = newName,
            ["litellm_params"] = new JsonObject { ["model"] = "openai/gpt-4o-mini", ["timeout"] = 30 },
            ["model_info"] = new JsonObject { ["id"] = "hijacked-id", ["max_tokens"] = 100, ["mode"] = "completion", ["db_model"] = false },
        })).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(patched.Id(), Is.EqualTo(modelId));
            Assert.That(patched["model_info"]!["id"]!.GetValue<string>(), Is.EqualTo(modelId), "model_info.id is not writable");
            Assert.That(patched["model_info"]!["db_model"]!.GetValue<bool>(), Is.True, "db_model is derived");
            Assert.That(patched.Name(), Is.EqualTo(newName));
            Assert.That(patched["litellm_params"]!["model"]!.GetValue<string>(), Is.EqualTo("openai/gpt-4o-mini"));
            Assert.That(patched["litellm_params"]!["timeout"]!.GetValue<int>(), Is.EqualTo(30));
            Assert.That(patched["litellm_params"]!["rpm"]!.GetValue<int>(), Is.EqualTo(1));
            ModelApi.AssertMasked(patched["litellm_params"]!["api_key"], "sk-patch-merge-test-key-PM17", "api_key kept");
            Assert.That(patched["model_info"]!["mode"]!.GetValue<string>(), Is.EqualTo("completion"));
            Assert.That(patched["model_info"]!["owner"]!.GetValue<string>(), Is.EqualTo("search"), "model_info keys not sent are kept");
            Assert.That(patched["model_info"]!["max_tokens"]!.GetValue<int>(), Is.EqualTo(100));
            Assert.That(patched["updated_at"]!.GetValue<DateTime>(), Is.GreaterThan(created["updated_at"]!.GetValue<DateTime>()));
            Assert.That(patched["created_at"]!.GetValue<DateTime>(), Is.EqualTo(created["created_at"]!.GetValue<DateTime>()));
        });
        await (await Admin.GetAsync("/model/info?litellm_model_id=hijacked-id")).Expect(404);
        Assert.That((await Admin.Info(modelId)).Name(), Is.EqualTo(newName));
    }

    [Test]
    public async Task PatchNullClearsEveryPricingFieldFromBothBlobsAndIgnoresOtherNulls()
    {
        string[] pricing = ["input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost", "cache_creation_input_token_cost", "input_cost_per_second", "output_cost_per_second"];
        var credentialName = await CredentialApi.NewCredential();
        var litellmParams = new JsonObject { ["model"] = "openai/gpt-4o", ["api_base"] = "https://nulls.example.test", ["max_retries"] = 2, ["litellm_credential_name"] = credentialName, ["cache_control_injection_points"] = new JsonArray(new JsonObject { ["location"] = "message" }) };
        var modelInfo = new JsonObject { ["mode"] = "chat", ["note"] = "kept" };
        foreach (var field in pricing)
        {
            litellmParams[field] = 0.5;
            modelInfo[field] = 0.5;
        }

        var created = await Admin.AddModel(ModelApi.Body(Api.UniqueId("nulls"), litellmParams, modelInfo));

        // Half the pricing nulls arrive in litellm_params, half in model_info: either clears both blobs.
        var patchParams = new JsonObject { ["api_base"] = null, ["max_retries"] = null, ["model"] = null, ["litellm_credential_name"] = null, ["cache_control_injection_points"] = null };
        var patchInfo = new JsonObject { ["mode"] = null, ["note"] = null, ["team_id"] = null };
        for (var i = 0; i < pricing.Length; i++)
        {
            (i % 2 == 0 ? patchParams : patchInfo)[pricing[i]] = null;
        }

        var patched = await (await Admin.PatchModel(created.Id(), new JsonObject { ["litellm_params"] = patchParams, ["model_info"] = patchInfo, ["model_name"] = null })).Expect(200);

        var p = patched["litellm_params"]!.AsObject();
        var info = patched["model_info"]!.AsObject();
        Assert.Multiple(() =>
        {
            foreach (var field in pricing.Append("litellm_credential_name").Append("cache_control_injection_points"))
            {
                Assert.That(p.ContainsKey(field), Is.False, $"litellm_params.{field} is cleared");
                Assert.That(info.ContainsKey(field), Is.False, $"model_info.{field} is cleared");
            }

            Assert.That(p["api_base"]!.GetValue<string>(), Is.EqualTo("https://nulls.example.test"));
            Assert.That(p["max_retries"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(p["model"]!.GetValue<string>(), Is.EqualTo("openai/gpt-4o"));
            Assert.That(info["mode"]!.GetValue<string>(), Is.EqualTo("chat"));
            Assert.That(info["note"]!.GetValue<string>(), Is.EqualTo("kept"));
            Assert.That(patched.Name(), Is.EqualTo(created.Name()), "a null model_name keeps the name");
        });

        var stored = await ModelApi.StoredParams(created.Id());
        Assert.That(stored.ContainsKey("input_cost_per_token") || stored.ContainsKey("output_cost_per_token"), Is.False, "cleared from the database too");
    }

    [Test]
    public async Task PatchOfAMissingModelIsA404AndBadBodiesAre400s()
    {
        var missing = Api.UniqueId("missing");
        var notFound = await (await Admin.PatchModel(missing, new JsonObject { ["model_name"] = "x" })).Expect(404);
        Assert.That(notFound.ErrorMessage(), Does.StartWith($"Model {missing} not found on proxy").And.Contain("model not found"), "both LiteLLM update routes' texts");
        Assert.That(notFound.ErrorType(), Is.EqualTo("not_found_error"));

        var created = await Admin.AddModel(ModelApi.Body(Api.UniqueId("badpatch")));
        foreach (var json in new[]
                 {
                     """{"litellm_params": "openai/x"}""",
                     """{"model_info": {"team_id": 5}}""",
                     """{"model_info": []}""",
                     """{"model_name": ""}""",
                     """{"blocked": "yes"}""",
                     """{"model_name": ["a"]}""",
                 })
        {
            await (await Admin.PatchAsync($"/model/{created.Id()}/update", new StringContent(json, System.Text.Encoding.UTF8, "application/json"))).Expect(400);
        }

        Assert.That((await Admin.Info(created.Id())).Name(), Is.EqualTo(created.Name()), "a refused patch changes nothing");
    }

    [Test]
    public async Task OnlyAProxyAdminBlocksAndUnblocks()
    {
        var (adminId, teamAdmin) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(null, (adminId, "admin"));
        var model = await teamAdmin.AddModel(ModelApi.Body("blockable", modelInfo: new JsonObject { ["team_id"] = teamId }));
        var modelId = model.Id();

        var refused = await (await teamAdmin.PatchModel(modelId, new JsonObject { ["blocked"] = true })).Expect(403);
        Assert.That(refused.ErrorMessage(), Is.EqualTo("Only proxy admins can change a model's blocked flag."));
        await (await teamAdmin.PatchModel(modelId, new JsonObject { ["model_info"] = new JsonObject { ["blocked"] = true } })).Expect(200);
        Assert.That((await Admin.Info(modelId))["model_info"]!["blocked"]!.GetValue<bool>(), Is.False, "model_info.blocked is no back door");

        var blocked = await (await Admin.PatchModel(modelId, new JsonObject { ["blocked"] = true })).Expect(200);
        Assert.That(blocked["blocked"]!.GetValue<bool>(), Is.True);
        Assert.That(blocked["model_info"]!["blocked"]!.GetValue<bool>(), Is.True);
        Assert.That((await Admin.Info(modelId))["model_info"]!["blocked"]!.GetValue<bool>(), Is.True);

        await (await teamAdmin.PatchModel(modelId, new JsonObject { ["blocked"] = false })).Expect(403);
        await (await teamAdmin.PatchModel(modelId, new JsonObject { ["litellm_params"] = new JsonObject { ["rpm"] = 4 } })).Expect(200);
        Assert.That((await Admin.Info(modelId))["model_info"]!["blocked"]!.GetValue<bool>(), Is.True, "an unrelated patch leaves the flag alone");

        var unblocked = await (await Admin.PatchModel(modelId, new JsonObject { ["blocked"] = false })).Expect(200);
        Assert.That(unblocked["model_info"]!["blocked"]!.GetValue<bool>(), Is.False);
    }

    // ---------------------------------------------------------------- POST /model/update

    [Test]
    public async Task TheOlderUpdateMergesIgnoresNullsAndAnswersCleanly()
    {
        var created = await Admin.AddModel(ModelApi.Body(
            Api.UniqueId("legacy"),
            new JsonObject { ["model"] = "openai/gpt-4o", ["api_base"] = "https://legacy.example.test", ["api_key"] = "sk-legacy-update-old-key-LU18", ["input_cost_per_token"] = 0.25, ["custom_flag"] = "on" }));
        var modelId = created.Id();
        const string newKey = "sk-legacy-update-new-key-LN19";

        var updated = await (await Admin.PostJson("/model/update", new JsonObject
        {
            ["model_info"] = new JsonObject { ["id"] = modelId, ["mode"] = "embedding" },
            ["litellm_params"] = new JsonObject { ["api_key"] = newKey, ["api_base"] = null, ["input_cost_per_token"] = null },
        })).Expect(200);

        var p = updated["litellm_params"]!;
        Assert.Multiple(() =>
        {
            ModelApi.AssertMasked(p["api_key"], newKey, "the new api_key");
            Assert.That(p["api_base"]!.GetValue<string>(), Is.EqualTo("https://legacy.example.test"), "a null keeps the stored value");
            Assert.That(p["input_cost_per_token"]!.GetValue<double>(), Is.EqualTo(0.25), "the older update never clears pricing with a null");
            Assert.That(p["custom_flag"]!.GetValue<string>(), Is.EqualTo("on"), "extra keys not sent are kept");
            Assert.That(p["model"]!.GetValue<string>(), Is.EqualTo("openai/gpt-4o"));
            Assert.That(updated["model_info"]!["mode"]!.GetValue<string>(), Is.EqualTo("embedding"));
        });

        var noInfo = await (await Admin.PostJson("/model/update", new { litellm_params = new { rpm = 1 } })).Expect(400);
        Assert.That(noInfo.ErrorMessage(), Does.Contain("model_info"));
        Assert.That(noInfo.ErrorParam(), Is.EqualTo("model_info"));
        var noId = await (await Admin.PostJson("/model/update", new { model_info = new { mode = "chat" }, litellm_params = new { rpm = 1 } })).Expect(400);
        Assert.That(noId.ErrorMessage(), Does.StartWith("model_info.id not provided"));
        Assert.That(noId.ErrorParam(), Is.EqualTo("model_info.id"));
        await (await Admin.PostJson("/model/update", new { model_info = new { id = "   " } })).Expect(400);
        await (await Admin.PostJson("/model/update", new { model_info = "not-an-object" })).Expect(400);
        var missing = Api.UniqueId("missing");
        var notFound = await (await Admin.PostJson("/model/update", new { model_info = new { id = missing }, litellm_params = new { rpm = 1 } })).Expect(404);
        Assert.That(notFound.ErrorMessage(), Does.Contain("model not found"), "LiteLLM's /model/update text");
    }

    // ---------------------------------------------------------------- delete

    [Test]
    public async Task ADeletedModelIsGoneAndASecondDeleteIsNotFound()
    {
        var created = await Admin.AddModel(ModelApi.Body(Api.UniqueId("gone")));

        var deleted = await (await Admin.PostJson("/model/delete", new { id = created.Id() })).Expect(200);

        Assert.That(deleted["message"]!.GetValue<string>(), Is.EqualTo($"Model: {created.Id()} deleted successfully"));
        await (await Admin.GetAsync($"/model/info?litellm_model_id={created.Id()}")).Expect(404);
        Assert.That(await ModelApi.Scalar("""SELECT COUNT(*) FROM "ModelDeployments" WHERE "ModelId" = @id""", ("@id", created.Id())), Is.EqualTo(0L));
        var again = await (await Admin.PostJson("/model/delete", new { id = created.Id() })).Expect(404);
        Assert.That(again.ErrorMessage(), Is.EqualTo($"Model with id={created.Id()} not found in db"), "LiteLLM's text, with our 404");
        Assert.That(again.ErrorParam(), Is.EqualTo("id"));
        await (await Admin.PostJson("/model/delete", new { })).Expect(400);
        await (await Admin.PostJson("/model/delete", new { id = 5 })).Expect(400);
    }

    // ---------------------------------------------------------------- audit

    [Test]
    public async Task EveryWriteIsAuditedWithItsBeforeAndAfter()
    {
        var (adminId, teamAdmin) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(null, (adminId, "admin"));
        var created = await teamAdmin.AddModel(ModelApi.Body("audited", new JsonObject { ["model"] = "openai/gpt-4o", ["rpm"] = 1 }, new JsonObject { ["team_id"] = teamId }));
        var modelId = created.Id();
        await (await teamAdmin.PatchModel(modelId, new JsonObject { ["litellm_params"] = new JsonObject { ["rpm"] = 2 } })).Expect(200);
        await (await teamAdmin.PostJson("/model/update", new { model_info = new { id = modelId }, litellm_params = new { rpm = 3 } })).Expect(200);
        await (await teamAdmin.PostJson("/model/delete", new { id = modelId })).Expect(200);

        var rows = (await Api.AuditRowsFor(modelId)).OrderBy(r => r!["updated_at"]!.GetValue<DateTime>()).ToList();

        Assert.That(rows.Select(r => r!["action"]!.GetValue<string>()), Is.EqualTo(new[] { "created", "updated", "updated", "deleted" }));
        int? Rpm(JsonNode? value) => value?["litellm_params"]?["rpm"]?.GetValue<int>();
        Assert.Multiple(() =>
        {
            Assert.That(rows[0]!["before_value"], Is.Null);
            Assert.That(Rpm(rows[0]!["updated_values"]), Is.EqualTo(1));
            Assert.That((Rpm(rows[1]!["before_value"]), Rpm(rows[1]!["updated_values"])), Is.EqualTo((1, 2)));
            Assert.That((Rpm(rows[2]!["before_value"]), Rpm(rows[2]!["updated_values"])), Is.EqualTo((2, 3)));
            Assert.That(Rpm(rows[3]!["before_value"]), Is.EqualTo(3));
            Assert.That(rows[3]!["updated_values"], Is.Null);
            Assert.That(rows.All(r => r!["changed_by"]!.GetValue<string>() == adminId), Is.True, "the team admin is recorded as the author");
            Assert.That(rows.All(r => r!["table_name"]!.GetValue<string>() == "LiteLLM_ProxyModelTable"), Is.True);
            Assert.That(rows[0]!["updated_values"]!["model_info"]!["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("audited"));
        });

        // The team's own list changes are audited too: added on create, removed on delete.
        // (A membership change's row records only the memberships, so rows without a model list are not these.)
        var teamRows = (await Api.AuditRowsFor(teamId)).Where(r => r!["action"]!.GetValue<string>() == "updated" && r["updated_values"]?["models"] is not null).OrderBy(r => r!["updated_at"]!.GetValue<DateTime>()).ToList();
        Assert.That(teamRows.Any(r => r!["updated_values"]!["models"].Strings().Contains("audited") && !r["before_value"]!["models"].Strings().Contains("audited")), Is.True, "the create's team row");
        Assert.That(teamRows.Any(r => r!["before_value"]!["models"].Strings().Contains("audited") && !r["updated_values"]!["models"].Strings().Contains("audited")), Is.True, "the delete's team row");
    }

    [Test]
    public async Task ARefusedWriteLeavesNoAuditRow()
    {
        var (_, outsider) = await ModelApi.NewCaller();
        var modelId = Api.UniqueId("refused");

        await (await outsider.PostJson("/model/new", ModelApi.Body("nope", modelInfo: new JsonObject { ["id"] = modelId }))).Expect(403);

        Assert.That(await Api.AuditRowsFor(modelId), Is.Empty);
        await (await Admin.GetAsync($"/model/info?litellm_model_id={modelId}")).Expect(404);
    }
}

/// <summary>The README's model walk-through, run with exactly the bodies the README shows (read from the file itself).</summary>
public sealed class ReadmeModelWalkthroughTests
{
    // A service of its own, as on a new machine: the README's ids (alice, search) are fixed, and the
    // project walk-through test creates them on the shared service.
    private ProxyAdminApp _app = null!;

    private sealed record Curl(string Method, string Path, string? Body);

    [OneTimeSetUp]
    public void StartOwnService() => _app = new ProxyAdminApp();

    [OneTimeTearDown]
    public void StopOwnService() => _app.Dispose();

    private static string ReadmePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "ProxyAdmin.sln")))
            {
                return candidate;
            }
        }

        throw new AssertionException("README.md not found above the test output folder.");
    }

    /// <summary>The README sections whose model commands name placeholders (<c>&lt;model_id&gt;</c>) rather than the walk-through's models.</summary>
    private static readonly string[] OtherWalkthroughs = ["## Credentials with curl", "## Rotating the salt key"];

    /// <summary>Every curl command of the README's walk-throughs of users, teams, projects and models, continuation lines joined.</summary>
    private static List<Curl> ReadmeCurls()
    {
        var commands = new List<string>();
        var current = new System.Text.StringBuilder();
        var skipping = false;
        foreach (var raw in File.ReadAllLines(ReadmePath()))
        {
            var line = raw.Trim();
            if (raw.StartsWith("## ", StringComparison.Ordinal))
            {
                skipping = OtherWalkthroughs.Contains(raw.TrimEnd());
            }

            if (skipping || (current.Length == 0 && !line.StartsWith("curl ", StringComparison.Ordinal)))
            {
                continue;
            }

            var continues = line.EndsWith('\\');
            current.Append(' ').Append(continues ? line[..^1] : line);
            if (!continues)
            {
                commands.Add(current.ToString());
                current.Clear();
            }
        }

        return commands.Select(command =>
        {
            var method = System.Text.RegularExpressions.Regex.Match(command, @"-X (\w+)");
            var path = System.Text.RegularExpressions.Regex.Match(command, @"localhost:4000(/[^\s""']*)");
            var body = System.Text.RegularExpressions.Regex.Match(command, @"-d '([^']*)'");
            return new Curl(method.Success ? method.Groups[1].Value : "GET", path.Groups[1].Value, body.Success ? body.Groups[1].Value : null);
        }).ToList();
    }

    private async Task<JsonObject> StoredParams(string modelId) =>
        JsonNode.Parse((string)(await _app.Database.Scalar("""SELECT "LitellmParams" FROM "ModelDeployments" WHERE "ModelId" = @id""", ("@id", modelId)))!)!.AsObject();

    private async Task<JsonObject> Run(Curl curl)
    {
        var request = new HttpRequestMessage(new HttpMethod(curl.Method), curl.Path);
        if (curl.Body is not null)
        {
            request.Content = new StringContent(curl.Body, System.Text.Encoding.UTF8, "application/json");
        }

        return await (await _app.Admin().SendAsync(request)).Expect(200);
    }

    [Test]
    public async Task TheReadmesModelCommandsWorkAsShown()
    {
        var curls = ReadmeCurls();
        var models = curls.Where(c => c.Path.StartsWith("/model", StringComparison.Ordinal)).ToList();
        Assert.That(models.Select(c => $"{c.Method} {c.Path}"), Is.EqualTo(new[]
        {
            "POST /model/new", "PATCH /model/gpt-4o-eu/update", "GET /model/info?litellm_model_id=gpt-4o-eu", "POST /model/delete", "POST /model/new",
        }), "the README's model walk-through has the expected steps");

        // The team model needs the README's user and team first, created with the README's own bodies.
        await Run(curls.First(c => c.Path == "/user/new"));
        await Run(curls.First(c => c.Path == "/team/new"));

        var created = await Run(models[0]);
        Assert.Multiple(() =>
        {
            Assert.That(created["model_id"]!.GetValue<string>(), Is.EqualTo("gpt-4o-eu"));
            Assert.That(created["model_name"]!.GetValue<string>(), Is.EqualTo("gpt-4o"));
            Assert.That(created["litellm_params"]!["api_key"]!.GetValue<string>(), Is.EqualTo("****-key"), "always shown masked");
        });

        var patched = await Run(models[1]);
        Assert.Multiple(() =>
        {
            Assert.That(patched["litellm_params"]!["rpm"]!.GetValue<int>(), Is.EqualTo(600));
            Assert.That(patched["litellm_params"]!["model"]!.GetValue<string>(), Is.EqualTo("openai/gpt-4o"), "other params are kept");
            Assert.That(patched["litellm_params"]!["api_key"]!.GetValue<string>(), Is.EqualTo("****-key"));
        });

        var read = await Run(models[2]);
        Assert.That(read["data"]!.AsArray().Single()!.ToJsonString(), Is.EqualTo(patched.ToJsonString()), "a list of exactly the one model");
        var stored = await StoredParams("gpt-4o-eu");
        Assert.That(stored["api_key"]!.GetValue<string>(), Does.StartWith("v3:gcm:"), "encrypted at rest");

        var deleted = await Run(models[3]);
        Assert.That(deleted["message"]!.GetValue<string>(), Is.EqualTo("Model: gpt-4o-eu deleted successfully"));
        await (await _app.Admin().GetAsync("/model/info?litellm_model_id=gpt-4o-eu")).Expect(404);

        var teamModel = await Run(models[4]);
        Assert.That(teamModel["model_name"]!.GetValue<string>(), Does.StartWith("model_name_search_"), "stored as model_name_search_<uuid>");
        Assert.That(teamModel["model_info"]!["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("team-gpt"));
        var team = await (await _app.Admin().GetAsync("/team/info?team_id=search")).Expect(200);
        Assert.That(team["team_info"]!["models"].Strings(), Does.Contain("team-gpt"), "published to the team as team-gpt");
    }
}
