namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>LiteLLM loses members under concurrent adds (issue #25951); ProxyAdmin must not.</summary>
public sealed class TeamConcurrencyTests
{
    [Test]
    public async Task TwentyConcurrentMemberAddsForTwentyUsersEndWithAllTwenty()
    {
        var teamId = Api.UniqueId("team");
        await (await Service.App.Admin().PostJson("/team/new", new { team_id = teamId })).Expect(200);
        var userIds = Enumerable.Range(0, 20).Select(i => Api.UniqueId($"member{i}")).ToList();

        var responses = await Task.WhenAll(userIds.Select(userId =>
            Service.App.Admin().PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = userId, role = "user" } })));

        foreach (var response in responses)
        {
            await response.Expect(200);
        }

        var info = await (await Service.App.Admin().GetAsync($"/team/info?team_id={teamId}")).Expect(200);
        var members = info["team_info"]!["members_with_roles"]!.AsArray().Select(m => m!["user_id"]!.GetValue<string>());
        Assert.That(members, Is.EquivalentTo(userIds));
    }

    [Test]
    public async Task ConcurrentAddsOfTheSameUserAddItOnceAndRefuseTheRestWith409()
    {
        var teamId = Api.UniqueId("team");
        await (await Service.App.Admin().PostJson("/team/new", new { team_id = teamId })).Expect(200);
        var userId = Api.UniqueId("contested");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Service.App.Admin().PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = userId, role = i % 2 == 0 ? "admin" : "user" } })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == 200), Is.EqualTo(1), string.Join(",", statuses));
        Assert.That(statuses.Count(s => s == 409), Is.EqualTo(7), string.Join(",", statuses));
        var info = await (await Service.App.Admin().GetAsync($"/team/info?team_id={teamId}")).Expect(200);
        Assert.That(info["team_info"]!["members_with_roles"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ConcurrentModelAddsAreAllKept()
    {
        var teamId = Api.UniqueId("team");
        await (await Service.App.Admin().PostJson("/team/new", new { team_id = teamId, models = new[] { "base" } })).Expect(200);
        var models = Enumerable.Range(0, 10).Select(i => $"model-{i}").ToList();

        var responses = await Task.WhenAll(models.Select(model =>
            Service.App.Admin().PostJson("/team/model/add", new { team_id = teamId, models = new[] { model } })));
        foreach (var response in responses)
        {
            await response.Expect(200);
        }

        var info = await (await Service.App.Admin().GetAsync($"/team/info?team_id={teamId}")).Expect(200);
        var stored = info["team_info"]!["models"]!.AsArray().Select(m => m!.GetValue<string>());
        Assert.That(stored, Is.EquivalentTo(models.Prepend("base")));
    }
}
