namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The OpenAPI document and Swagger UI are served on their own paths only (their middlewares run on nothing else),
/// without a key; the root redirects to Swagger UI.
/// </summary>
public sealed class DocumentationRouteTests
{
    [Test]
    public async Task TheDocumentIsServedWithoutAKey()
    {
        var response = await Service.App.ClientWith(null).GetAsync("/openapi.json");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"openapi\""));
    }

    [Test]
    public async Task SwaggerUiIsServedUnderDocs()
    {
        var response = await Service.App.ClientWith(null).GetAsync("/docs/index.html");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger-ui").IgnoreCase);
    }

    [Test]
    public async Task TheRootRedirectsToSwaggerUi()
    {
        var response = await Service.App.ClientWith(null).GetAsync("/");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/docs/index.html"), "/ → /docs → /docs/index.html");
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger-ui").IgnoreCase);
    }

    [Test]
    public async Task OnlyAReadOfTheRootRedirects()
    {
        var response = await Service.App.Admin().PostAsync("/", null);

        await response.Expect(404);
    }
}
