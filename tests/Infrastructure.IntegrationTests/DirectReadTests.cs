using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Data.Direct;
using ProxyAdmin.Infrastructure.Data.Repositories;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// The hand-written hot reads (<see cref="DirectProjectRead"/>, <see cref="DirectKeyRead"/>) against the compiled EF
/// queries they stand in for, on SQLite and PostgreSQL: rows with every mapped column set to a value of its own (not
/// its default) read the same through both, property by property of the model (so a column added later is compared
/// too), with their budget rows and object permissions; a missing row is null on both; the project's membership
/// answer matches for a member, a non-member and no user; inside a transaction the read is EF's.
/// </summary>
public sealed class DirectReadTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 10, 11, 12, DateTimeKind.Utc);

    [Test]
    public async Task OnSqliteTheHandWrittenReadsReadWhatEfReads()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        using var sessions = new SqliteReadSessions();
        await CompareAsync(() => database.NewContext(), new CountingReads(new SqliteDirectReads(sessions)));
    }

    [Test]
    public async Task OnPostgresTheHandWrittenReadsReadWhatEfReads()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await CompareAsync(() => database.NewContext(), new CountingReads(new PostgresDirectReads()));
    }

    private static async Task CompareAsync(Func<ProxyAdminDbContext> newContext, CountingReads direct)
    {
        var (projectId, token) = await SeedAsync(newContext);
        await using var db = newContext();
        var ef = new ProjectRepository(db);
        var byHand = new ProjectRepository(db, direct);
        var efKeys = new VirtualKeyRepository(db);
        var keysByHand = new VirtualKeyRepository(db, direct);

        foreach (var userId in new[] { "member-1", "stranger", null })
        {
            var expected = await ef.ReadAsync(projectId, userId, CancellationToken.None);
            var actual = await byHand.ReadAsync(projectId, userId, CancellationToken.None);
            Assert.That(expected, Is.Not.Null);
            Assert.That(actual, Is.Not.Null);
            Assert.That(actual!.UserIsMember, Is.EqualTo(expected!.UserIsMember), $"membership of {userId ?? "no user"}");
            AssertSameEntity(db.Model, expected.Project, actual.Project, "project");
            Assert.That(actual.Project.Budget, Is.Not.Null, "the project's budget row is read");
            Assert.That(actual.Project.ObjectPermission, Is.Not.Null, "the project's object permission is read");
        }

        Assert.That((await ef.ReadAsync(projectId, "member-1", CancellationToken.None))!.UserIsMember, Is.True);
        Assert.That((await byHand.ReadAsync(projectId, "stranger", CancellationToken.None))!.UserIsMember, Is.False);
        Assert.That(await byHand.ReadAsync("no-such-project", "member-1", CancellationToken.None), Is.Null);

        var key = await keysByHand.ReadByTokenAsync(token, CancellationToken.None);
        Assert.That(key?.Budget, Is.Not.Null, "the key's budget row is read");
        Assert.That(key!.ObjectPermission, Is.Not.Null, "the key's object permission is read");
        AssertSameEntity(db.Model, (await efKeys.ReadByTokenAsync(token, CancellationToken.None))!, key, "key");
        Assert.That(await keysByHand.ReadByTokenAsync(new string('f', 64), CancellationToken.None), Is.Null);

        // A key without a budget or permission: the outer joins find nothing, and both navigations stay null.
        var bare = await SeedBareKeyAsync(newContext);
        var bareByHand = await keysByHand.ReadByTokenAsync(bare, CancellationToken.None);
        Assert.That(bareByHand, Is.Not.Null);
        Assert.That((bareByHand!.Budget, bareByHand.ObjectPermission), Is.EqualTo(((Budget?)null, (ObjectPermission?)null)));
        AssertSameEntity(db.Model, (await efKeys.ReadByTokenAsync(bare, CancellationToken.None))!, bareByHand, "bare key");

        var reads = direct.Reads;
        Assert.That(reads, Is.EqualTo(8), "every read above but EF's ran by hand: five of the project, three of keys");
        await using (await db.Database.BeginTransactionAsync())
        {
            Assert.That(await byHand.ReadAsync(projectId, "member-1", CancellationToken.None), Is.Not.Null);
            Assert.That(await keysByHand.ReadByTokenAsync(token, CancellationToken.None), Is.Not.Null);
        }

        Assert.That(direct.Reads, Is.EqualTo(reads), "inside a transaction the reads are EF's, on the transaction's connection");
    }

    /// <summary>Every mapped property of the entity and of the entities its reference navigations hold, compared.</summary>
    private static void AssertSameEntity(IModel model, object expected, object actual, string path)
    {
        var entityType = model.FindEntityType(expected.GetType())!;
        foreach (var property in entityType.GetProperties().Where(p => !p.IsShadowProperty()))
        {
            Assert.That(
                Normalized(property.GetGetter().GetClrValue(actual)),
                Is.EqualTo(Normalized(property.GetGetter().GetClrValue(expected))),
                $"{path}.{property.Name}");
        }

        foreach (var navigation in entityType.GetNavigations().Where(n => !n.IsCollection))
        {
            var left = navigation.GetGetter().GetClrValue(expected);
            var right = navigation.GetGetter().GetClrValue(actual);
            Assert.That(right is null, Is.EqualTo(left is null), $"{path}.{navigation.Name}");
            if (left is not null && right is not null)
            {
                AssertSameEntity(model, left, right, $"{path}.{navigation.Name}");
            }
        }
    }

    private static string Normalized(object? value) => value switch
    {
        null => "<null>",
        JsonNode node => "json:" + node.ToJsonString(),
        DateTime instant => $"{instant.Ticks}/{instant.Kind}",
        string text => "text:" + text,
        IDictionary map => "map:" + string.Join(";", map.Keys.Cast<object>().Select(k => $"{k}={Normalized(map[k])}")),
        IEnumerable list => "list:" + string.Join(";", list.Cast<object?>().Select(Normalized)),
        IFormattable formattable => $"{value.GetType().Name}:{formattable.ToString(null, CultureInfo.InvariantCulture)}",
        _ => $"{value.GetType().Name}:{value}",
    };

    /// <summary>
    /// A team with one member, a project with its budget and object permission, and a key with both, each row then
    /// given a value of its own in every column that is neither a key nor a foreign key.
    /// </summary>
    private static async Task<(string ProjectId, string Token)> SeedAsync(Func<ProxyAdminDbContext> newContext)
    {
        var stamp = new AuditStamp("test", Now);
        await using var db = newContext();
        var team = Team.Create("team-1", new TeamSettings(), stamp);
        team.AddMember(new TeamMember("member-1", null, TeamRole.User), stamp);
        db.Teams.Add(team);
        var project = Project.Create("project-1", team.TeamId, new ProjectSettings { ProjectAlias = "p" }, stamp);
        project.LinkBudget(Budget.Create(new BudgetSettings { MaxBudget = 5 }, stamp));
        project.SetPermission(new ObjectPermissionSettings { Models = ["m"] });
        db.Projects.Add(project);
        var token = new string('a', 64);
        var key = VirtualKey.Issue(new IssuedSecret(token, "sk-...abcd"), null, new KeySettings { KeyAlias = "k" }, stamp);
        key.LinkBudget(Budget.Create(new BudgetSettings { MaxBudget = 7 }, stamp), stamp);
        key.SetPermission(new ObjectPermissionSettings { Agents = ["a"] }, stamp);
        db.VirtualKeys.Add(key);
        await db.SaveChangesAsync();

        foreach (var entity in new object[] { project, project.Budget!, project.ObjectPermission!, key, key.Budget!, key.ObjectPermission! })
        {
            FillEveryColumn(db, entity);
        }

        await db.SaveChangesAsync();
        return (project.ProjectId, token);
    }

    private static async Task<string> SeedBareKeyAsync(Func<ProxyAdminDbContext> newContext)
    {
        await using var db = newContext();
        var token = new string('b', 64);
        db.VirtualKeys.Add(VirtualKey.Issue(new IssuedSecret(token, "sk-...bcde"), null, new KeySettings(), new AuditStamp("test", Now)));
        await db.SaveChangesAsync();
        return token;
    }

    private static void FillEveryColumn(DbContext db, object entity)
    {
        var entry = db.Entry(entity);
        var index = 0;
        foreach (var property in entry.Metadata.GetProperties().Where(p => !p.IsKey() && !p.IsForeignKey() && !p.IsShadowProperty()))
        {
            index++;
            if (property.Name == nameof(VirtualKey.Token) || property.IsConcurrencyToken)
            {
                continue;
            }

            entry.Property(property.Name).CurrentValue = ValueFor(property, index);
        }
    }

    private static object ValueFor(IProperty property, int index)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        var text = $"{property.Name.ToLowerInvariant()}{index}";
        return type switch
        {
            _ when type == typeof(string) => text[..Math.Min(text.Length, property.GetMaxLength() ?? text.Length)],
            _ when type == typeof(bool) => true,
            _ when type.IsEnum => Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!,
            _ when type == typeof(double) => 1.25 + index,
            _ when type == typeof(long) => 1000L + index,
            _ when type == typeof(int) => 100 + index,
            _ when type == typeof(DateTime) => Now.AddDays(index).AddTicks(1230),
            _ when type == typeof(JsonObject) => new JsonObject { [text] = index, ["nested"] = new JsonObject { ["x"] = "y" } },
            _ when type == typeof(List<string>) => new List<string> { text, "second" },
            _ when type == typeof(Dictionary<string, List<string>>) => new Dictionary<string, List<string>> { [text] = ["tool"] },
            _ => throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name}: no test value for {type.Name}; add one."),
        };
    }

    /// <summary>The provider's reads, counted: proves a read ran by hand rather than falling back to EF.</summary>
    private sealed class CountingReads(DirectReads inner) : DirectReads
    {
        public int Reads { get; private set; }

        public override ValueTask<TResult?> ReadRowAsync<TState, TResult>(
            ProxyAdminDbContext db,
            DirectSelect select,
            string? first,
            string? second,
            TState state,
            Func<DbDataReader, TState, TResult> map,
            CancellationToken cancellationToken)
            where TResult : class
        {
            Reads++;
            return inner.ReadRowAsync(db, select, first, second, state, map, cancellationToken);
        }
    }
}
