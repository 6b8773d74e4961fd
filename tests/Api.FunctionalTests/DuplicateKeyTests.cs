using System.Text;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// A key sent twice in one JSON object is refused with a 400 naming it, never "last one wins": as a field of the
/// request (in any case: field names match regardless of case), inside a free-form map at any depth, in a list's
/// object, in a typed map. Nothing is stored. Keys of a free-form map are compared exactly, as LiteLLM's dicts do:
/// <c>A</c> and <c>a</c> are two keys, both kept.
/// </summary>
public sealed class DuplicateKeyTests
{
    [TestCase("{\"user_id\": \"{id}\", \"user_id\": \"{id}-other\"}", "user_id")]
    [TestCase("{\"user_id\": \"{id}\", \"USER_ID\": \"{id}-other\"}", "USER_ID")]
    [TestCase("{\"user_id\": \"{id}\", \"max_budget\": 1, \"max_budget\": 2}", "max_budget")]
    [TestCase("{\"user_id\": \"{id}\", \"metadata\": {\"team\": \"a\", \"team\": \"b\"}}", "metadata.team")]
    [TestCase("{\"user_id\": \"{id}\", \"metadata\": {\"a\": {\"b\": 1, \"b\": 2}}}", "metadata.a.b")]
    [TestCase("{\"user_id\": \"{id}\", \"metadata\": {\"a\": [1, {\"b\": 1, \"b\": 2}]}}", "metadata.a.b")]
    public async Task AUserBodyWithARepeatedKeyIs400NamingItAndStoresNothing(string template, string param)
    {
        var userId = Api.UniqueId("dup");

        var error = await (await Post("/user/new", template.Replace("{id}", userId, StringComparison.Ordinal))).Expect(400);

        Assert.That(error.ErrorType(), Is.EqualTo("bad_request_error"));
        Assert.That(error.ErrorParam(), Is.EqualTo(param));
        Assert.That(error.ErrorMessage(), Is.EqualTo($"'{param}' is sent more than once: a field or key may appear only once in a JSON object."));
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(404);
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}-other")).Expect(404);
    }

    [TestCase("/team/new", "{\"team_id\": \"{id}\", \"members_with_roles\": [{\"user_id\": \"{id}-a\", \"user_id\": \"{id}-b\"}]}", "user_id")]
    [TestCase("/team/new", "{\"team_id\": \"{id}\", \"model_rpm_limit\": {\"gpt-4o\": 1, \"gpt-4o\": 2}}", "model_rpm_limit.gpt-4o")]
    [TestCase("/team/new", "{\"team_id\": \"{id}\", \"router_settings\": {\"x\": 1, \"x\": 1}}", "router_settings.x")]
    [TestCase("/model/new", "{\"model_name\": \"{id}\", \"litellm_params\": {\"model\": \"openai/a\", \"model\": \"openai/b\"}}", "litellm_params.model")]
    [TestCase("/model/new", "{\"model_name\": \"{id}\", \"litellm_params\": {\"model\": \"openai/a\"}, \"model_info\": {\"id\": \"{id}\", \"id\": \"{id}-b\"}}", "model_info.id")]
    [TestCase("/key/generate", "{\"key_alias\": \"{id}\", \"config\": {\"a\": 1, \"a\": 2}}", "config.a")]
    public async Task ARepeatedKeyIsRefusedOnOtherRoutesToo(string route, string template, string param)
    {
        var id = Api.UniqueId("dup");

        var error = await (await Post(route, template.Replace("{id}", id, StringComparison.Ordinal))).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo(param));
        Assert.That(error.ErrorMessage(), Does.StartWith($"'{param}' is sent more than once"));
    }

    [Test]
    public async Task KeysOfAFreeFormMapThatDifferInCaseAreTwoKeys()
    {
        var userId = Api.UniqueId("case");

        await (await Post("/user/new", $"{{\"user_id\": \"{userId}\", \"metadata\": {{\"Team\": \"a\", \"team\": \"b\", \"n\": 1.50}}}}")).Expect(200);

        var metadata = (await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(200))["user_info"]!["metadata"]!;
        Assert.That(metadata.ToJsonString(), Is.EqualTo("{\"Team\":\"a\",\"team\":\"b\",\"n\":1.50}"), "both keys, and the number as sent");
    }

    /// <summary>A string of a free-form map that is not text is refused with the body, not stored altered or met later by the writer (a 500).</summary>
    [TestCase("{\"user_id\": \"{id}\", \"metadata\": {\"a\": \"\\ud800\"}}")]
    [TestCase("{\"user_id\": \"{id}\", \"metadata\": {\"\\udc00\": 1}}")]
    [TestCase("{\"user_id\": \"{id}\", \"metadata\": {\"a\": \"\u00FF\"}}", true)]
    public async Task AFreeFormStringThatIsNotTextIs400(string template, bool invalidUtf8 = false)
    {
        var userId = Api.UniqueId("text");
        var bytes = Encoding.UTF8.GetBytes(template.Replace("{id}", userId, StringComparison.Ordinal));
        if (invalidUtf8)
        {
            // ÿ in UTF-8 is C3 BF; C3 alone is a truncated sequence.
            var at = Array.IndexOf(bytes, (byte)0xBF);
            bytes = [.. bytes[..at], .. bytes[(at + 1)..]];
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var error = await (await Service.App.Admin().PostAsync("/user/new", content)).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo("metadata"));
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(404);
    }

    private static Task<HttpResponseMessage> Post(string route, string json) =>
        Service.App.Admin().PostAsync(route, new StringContent(json, Encoding.UTF8, "application/json"));
}
