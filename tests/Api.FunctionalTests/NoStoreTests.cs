using System.Text;
using ProxyAdmin.Api.Http;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// No answer may be kept by a browser, a proxy or a CDN (<c>Cache-Control: no-store</c>): successes that carry keys or
/// data, every kind of error, those the exception handler writes (it clears the headers first) included, and the
/// anonymous probes, whose answer is stale a moment later. Only the documentation may be cached.
/// </summary>
public sealed class NoStoreTests
{
    private static IEnumerable<TestCaseData> Answers()
    {
        yield return Case("a key, shown once", c => c.Admin().PostJson("/user/new", new { user_id = Api.UniqueId("cache") }), 200);
        yield return Case("a read", c => c.Admin().GetAsync("/user/list?page_size=1"), 200);
        yield return Case("no key", c => c.ClientWith(null).GetAsync("/user/list"), 401);
        yield return Case("an unknown key", c => c.ClientWith("sk-unknown-cache-key").GetAsync("/user/list"), 401);
        yield return Case("a validation error", c => c.Admin().PostJson("/user/new", new { max_budget = -1 }), 400);
        yield return Case("unreadable JSON", c => c.Admin().PostAsync("/user/new", new StringContent("{", Encoding.UTF8, "application/json")), 400);
        yield return Case("a handler's not found (the exception handler)", c => c.Admin().GetAsync("/user/info?user_id=nobody-cache"), 404);
        yield return Case("an unknown route", c => c.Admin().GetAsync("/no/such/route"), 404);
        yield return Case("a wrong method", c => c.Admin().DeleteAsync("/user/new"), 405);
        yield return Case("a body over the limit", c => c.Admin().PostAsync("/user/new", new StringContent(new string(' ', 1024 * 1024 + 1), Encoding.UTF8, "application/json")), 413);
        yield return Case("not JSON", c => c.Admin().PostAsync("/user/new", new StringContent("x", Encoding.UTF8, "text/plain")), 415);
        yield return Case("liveness", c => c.ClientWith(null).GetAsync("/health/liveliness"), 200);
        yield return Case("readiness", c => c.ClientWith(null).GetAsync("/health/readiness"), 200);
    }

    [TestCaseSource(nameof(Answers))]
    public async Task EveryAnswerSaysNoStore(Func<ProxyAdminApp, Task<HttpResponseMessage>> send, int status)
    {
        var response = await send(Service.App);

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, response.Headers.CacheControl?.ToString() ?? "(no Cache-Control)");
        Assert.That(response.Headers.CacheControl!.ToString(), Is.EqualTo(NoStoreResponses.NoStore));
    }

    [TestCase("/openapi.json")]
    [TestCase("/docs/index.html")]
    public async Task TheDocumentationMayBeCached(string path)
    {
        var response = await Service.App.ClientWith(null).GetAsync(path);

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Headers.CacheControl?.NoStore ?? false, Is.False);
    }

    private static TestCaseData Case(string name, Func<ProxyAdminApp, Task<HttpResponseMessage>> send, int status) =>
        new TestCaseData(send, status).SetArgDisplayNames(name);
}
