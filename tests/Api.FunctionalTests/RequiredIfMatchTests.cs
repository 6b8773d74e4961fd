namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>With <c>ProxyAdmin__RequireIfMatch=true</c> an update or delete without If-Match is a 428 that changes nothing.</summary>
public sealed class RequiredIfMatchTests
{
    private ProxyAdminApp _strict = null!;

    [OneTimeSetUp]
    public void StartAServiceThatRequiresIfMatch()
    {
        _strict = new ProxyAdminApp(new Dictionary<string, string?> { ["ProxyAdmin:RequireIfMatch"] = "true" });
        _ = _strict.Server;
    }

    [OneTimeTearDown]
    public void Stop() => _strict.Dispose();

    [Test]
    public async Task AWriteWithoutIfMatchIs428AndOneWithItGoesAhead()
    {
        var teamId = Api.UniqueId("team");
        await (await _strict.Admin().PostJson("/team/new", new { team_id = teamId })).Expect(200);
        var current = await EntityTagTests.Tag(await EntityTagTests.Send(EntityTagTests.Get($"/team/info?team_id={teamId}"), app: _strict));

        var body = await (await EntityTagTests.Send(EntityTagTests.TeamUpdate(teamId), app: _strict)).Expect(428);
        Assert.That(body.ErrorType(), Is.EqualTo("precondition_required_error"));
        Assert.That(body.ErrorParam(), Is.EqualTo("If-Match"));
        var deleteWithout = EntityTagTests.Json(HttpMethod.Post, "/team/delete", new { team_ids = new[] { teamId } });
        await (await EntityTagTests.Send(deleteWithout, app: _strict)).Expect(428);
        Assert.That(await EntityTagTests.Tag(await EntityTagTests.Send(EntityTagTests.Get($"/team/info?team_id={teamId}"), app: _strict)), Is.EqualTo(current), "nothing was changed");

        var next = await EntityTagTests.Tag(await EntityTagTests.Send(EntityTagTests.TeamUpdate(teamId), current, _strict));
        await (await EntityTagTests.Send(EntityTagTests.Json(HttpMethod.Post, "/team/delete", new { team_ids = new[] { teamId } }), next, _strict)).Expect(200);
    }

    [Test]
    public async Task CreatesAndOtherWritesNeedNoTag()
    {
        var teamId = Api.UniqueId("team");
        await (await _strict.Admin().PostJson("/team/new", new { team_id = teamId })).Expect(200);
        await (await _strict.Admin().PostJson("/team/block", new { team_id = teamId })).Expect(200);
    }
}
