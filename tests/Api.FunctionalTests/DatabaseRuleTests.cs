using System.Text.Json.Nodes;
using Npgsql;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// What the database decides, seen over HTTP, is the same on every provider this suite runs on: text compares and
/// sorts byte by byte (only emails ignore the case of ASCII letters), teams without an alias come first, and a
/// value no provider can take is a 400, never a 500. The suite runs once per provider, so each test here proves
/// the rule on SQLite and on PostgreSQL.
/// </summary>
public sealed class DatabaseRuleTests
{
    private static HttpClient Admin => Service.App.Admin();

    [Test]
    public async Task KeyAliasesThatDifferOnlyInCaseAreTwoAliasesAndAnExactRepeatIsAConflict()
    {
        var (userId, _) = await Api.CreateUser();
        var alias = Api.UniqueId("Alias");

        await Api.GenerateKey(Admin, new { user_id = userId, key_alias = alias });
        await Api.GenerateKey(Admin, new { user_id = userId, key_alias = alias.ToLowerInvariant() });
        var repeat = await (await Admin.PostJson("/key/generate", new { user_id = userId, key_alias = alias })).Expect(409);

        Assert.That(repeat.ErrorType(), Is.EqualTo("conflict_error"));
    }

    [Test]
    public async Task UserSearchMatchesCaseExactly()
    {
        var userId = Api.UniqueId("CaseSearch");
        await (await Admin.PostJson("/user/new", new { user_id = userId, auto_create_key = false })).Expect(200);

        var exact = await (await Admin.GetAsync($"/user/list?search={userId}")).Expect(200);
        var otherCase = await (await Admin.GetAsync($"/user/list?search={userId.ToUpperInvariant()}")).Expect(200);

        Assert.That(exact["users"]!.AsArray().Select(u => u!["user_id"]!.GetValue<string>()), Is.EqualTo(new[] { userId }));
        Assert.That(otherCase["users"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task AMemberAddedByEmailFindsTheUserWhateverTheCaseOfItsAsciiLettersButNoOtherLetters()
    {
        var tag = Api.UniqueId("m")[2..];
        var ascii = await NewUserWithEmail($"Case.{tag}@Example.com");
        var accented = await NewUserWithEmail($"Élan.{tag}@example.com");
        var teamId = Api.UniqueId("team");
        await (await Admin.PostJson("/team/new", new { team_id = teamId })).Expect(200);

        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_email = $"case.{tag}@EXAMPLE.com", role = "user" } })).Expect(200);
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_email = $"élan.{tag}@example.com", role = "user" } })).Expect(200);

        var members = (await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(200))["team_info"]!["members_with_roles"]!.AsArray()
            .Select(m => m!["user_id"]!.GetValue<string>())
            .ToList();
        Assert.That(members, Does.Contain(ascii), "ASCII letters are folded on both sides");
        Assert.That(members, Does.Not.Contain(accented), "as in SQLite's lower(), É is not folded: a new user was made for é");
        Assert.That(members, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task TeamsAreListedWithoutAliasFirstThenByAliasByteByByte()
    {
        var (userId, key) = await Api.CreateUser();
        var suffix = Api.UniqueId("t")[2..];
        string?[] aliases = ["b" + suffix, null, "é" + suffix, "B" + suffix, "Z" + suffix];
        foreach (var alias in aliases)
        {
            await (await Admin.PostJson("/team/new", new { team_id = Api.UniqueId("team"), team_alias = alias, members_with_roles = new[] { new { user_id = userId, role = "user" } } })).Expect(200);
        }

        var page = await (await Service.App.ClientWith(key).GetAsync("/v2/team/list?page_size=50")).Expect(200);

        var listed = page["teams"]!.AsArray().Select(t => t!["team_alias"]?.GetValue<string>()).ToList();
        Assert.That(listed, Is.EqualTo(new[] { null, "B" + suffix, "Z" + suffix, "b" + suffix, "é" + suffix }));
    }

    [Test]
    public async Task TheNulCharacterIsNeverA500AndOnPostgresA400ThatChangesNothing()
    {
        var teamId = Api.UniqueId("nul");

        // Ids refuse control characters in validation already; a lookup value and an alias reach the database, and so
        // do the ids of the reads that bypass EF (DirectReads: /project/info, /key/info), which were a 500 on PostgreSQL.
        var lookup = await Admin.GetAsync($"/models?team_id={Uri.EscapeDataString(teamId + "\0")}");
        var create = await Admin.PostJson("/team/new", new { team_id = teamId, team_alias = "nul\0alias" });
        var directReads = new[] { await Admin.GetAsync("/project/info?project_id=%00"), await Admin.GetAsync("/key/info?key=sk-%00") };

        Assert.That((int)lookup.StatusCode, Is.LessThan(500), await lookup.Content.ReadAsStringAsync());
        Assert.That((int)create.StatusCode, Is.LessThan(500), await create.Content.ReadAsStringAsync());
        foreach (var read in directReads)
        {
            Assert.That((int)read.StatusCode, Is.LessThan(500), await read.Content.ReadAsStringAsync());
        }

        if (Service.App.Database.Provider == DatabaseProvider.Postgres)
        {
            // A key is looked up by its hash, which holds no NUL: that read finds nothing (404).
            Assert.That((await directReads[0].Expect(400)).ErrorMessage(), Does.Contain("NUL character (U+0000)"));
            await directReads[1].Expect(404);

            Assert.That((await lookup.Expect(400)).ErrorMessage(), Does.Contain("NUL character (U+0000)"));
            Assert.That((await create.Expect(400)).ErrorMessage(), Does.Contain("NUL character (U+0000)"));
            Assert.That(await Service.App.Database.Scalar("""SELECT COUNT(*) FROM "Teams" WHERE "TeamId" = @id""", ("@id", teamId)), Is.EqualTo(0L));
            Assert.That(await Service.App.Database.Scalar("""SELECT COUNT(*) FROM "AuditLogs" WHERE "ObjectId" = @id""", ("@id", teamId)), Is.EqualTo(0L));
        }
    }

    [Test]
    public async Task OnPostgresAWriteThatCannotGetItsLockIsRetriedThenA503WithRetryAfterAndChangesNothing()
    {
        if (TestDatabase.ProviderUnderTest != DatabaseProvider.Postgres)
        {
            Assert.Ignore("PostgreSQL only: SQLite's busy path waits 30 s per attempt (PersistenceRuleTests and TransactionBehaviourTests cover it).");
        }

        var settings = new Dictionary<string, string?>();
        using var app = new ProxyAdminApp(settings);

        // A lock wait cut short by lock_timeout is SQLSTATE 55P03; the service's connections give up after 100 ms.
        settings["ConnectionStrings:ProxyAdmin"] = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString) { Options = "-c lock_timeout=100" }.ConnectionString;
        var teamId = Api.UniqueId("locked");
        await (await app.Admin().PostJson("/team/new", new { team_id = teamId })).Expect(200);

        await using var holder = new NpgsqlConnection(app.Database.ConnectionString);
        await holder.OpenAsync();
        await using var held = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("""SELECT 1 FROM "Teams" WHERE "TeamId" = @id FOR UPDATE""", holder, held))
        {
            lockRow.Parameters.AddWithValue("id", teamId);
            await lockRow.ExecuteScalarAsync();
        }

        var started = DateTime.UtcNow;
        var busy = await app.Admin().PostJson("/team/update", new { team_id = teamId, team_alias = "never" });
        var elapsed = DateTime.UtcNow - started;
        await held.RollbackAsync();

        var body = await busy.Expect(503);
        Assert.That(body.ErrorType(), Is.EqualTo("service_unavailable_error"));
        Assert.That(busy.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(5 * 100)), "each of the 5 attempts waited for the lock");
        var team = (await (await app.Admin().GetAsync($"/team/info?team_id={teamId}")).Expect(200))["team_info"]!;
        Assert.That(team["team_alias"], Is.Null);
        await (await app.Admin().PostJson("/team/update", new { team_id = teamId, team_alias = "now" })).Expect(200);
    }

    private static async Task<string> NewUserWithEmail(string email)
    {
        var userId = Api.UniqueId("user");
        await (await Admin.PostJson("/user/new", new { user_id = userId, user_email = email, auto_create_key = false })).Expect(200);
        return userId;
    }
}
