using System.Net.Http.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Api.Http;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The one line a request leaves in the log names its route template whatever it ended in: the exception handler,
/// which answers every refusal a handler throws, forgets the endpoint, and such requests were logged as
/// <c>(no route)</c>. Only a request that matched no route at all is.
/// </summary>
public sealed class RequestLogTests
{
    [Test]
    public async Task ARequestThatEndsInAnErrorKeepsItsRouteTemplate()
    {
        var (_, memberKey) = await Api.CreateUser();
        var admin = Service.App.Admin();
        var missingTeam = Api.UniqueId("team");

        // A refusal from a handler (404), a validator (400), a role gate (403), the body binding (400) and authentication (401).
        await (await admin.GetAsync($"/team/info?team_id={missingTeam}")).Expect(404);
        await (await admin.PostJson("/project/new", new { team_id = "" })).Expect(400);
        await (await Service.App.ClientWith(memberKey).PostJson("/budget/new", new { max_budget = 1 })).Expect(403);
        await (await admin.PostAsync("/organization/new", JsonContent.Create(new { organization_alias = 5 }))).Expect(400);
        await (await Service.App.ClientWith(null).GetAsync("/user/info")).Expect(401);
        await (await admin.GetAsync("/no/such/route")).Expect(404);

        var lines = Service.App.Logs.Lines.Where(line => line.StartsWith($"Information {ProxyAdmin.Api.Http.RequestLogging.Category}: ", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Contains("GET /team/info answered 404 in "));
            Assert.That(lines, Has.Some.Contains("POST /project/new answered 400 in "));
            Assert.That(lines, Has.Some.Contains("POST /budget/new answered 403 in "));
            Assert.That(lines, Has.Some.Contains("POST /organization/new answered 400 in "));
            Assert.That(lines, Has.Some.Contains("GET /user/info answered 401 in "));
            Assert.That(lines, Has.Some.Contains("GET (no route) answered 404 in "), "a path no route matches has no template to name");
            Assert.That(lines, Has.None.Contains(missingTeam), "the line names the template, never the path or query");
        });
    }

    /// <summary>
    /// A failure no handler expects is logged by the exception handler, after ASP.NET has cleared the endpoint: its line
    /// names the template the failure happened in (it said <c>(no route)</c>), never the path that holds a key.
    /// </summary>
    [Test]
    public async Task AnUnexpectedFailureIsLoggedWithTheRouteTemplateItHappenedIn()
    {
        var logs = new LogCapture();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var handler = new ProxyAdminExceptionHandler(factory.CreateLogger<ProxyAdminExceptionHandler>(), RequestLimits.Default);
        await using var services = new ServiceCollection().BuildServiceProvider();
        var endpoint = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("key/{key}/regenerate"), 0, EndpointMetadataCollection.Empty, "regenerate");
        var context = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
        context.Request.Method = "POST";
        context.Request.Path = "/key/sk-a-key-in-the-path/regenerate";
        var failure = new InvalidOperationException("an unexpected failure");
        context.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = failure, Endpoint = endpoint, Path = context.Request.Path });

        await handler.TryHandleAsync(context, failure, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(500));
            Assert.That(logs.Lines, Has.Some.Contains("Unhandled failure on POST /key/{key}/regenerate"));
            Assert.That(logs.Lines, Has.None.Contains("sk-a-key-in-the-path"));
        });
    }
}
