using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Real service processes on one database (<see cref="ReplicaDatabases"/>), polled at the default interval: every
/// change to who may do what, made through one replica, is honoured by every other within one second (measured and
/// printed per kind); a revoked caller mints nothing anywhere; concurrent writes spread over the replicas are all
/// kept; a read carrying a write's revision sees that write on any replica; and a replica killed mid-write loses
/// no write it acknowledged.
/// </summary>
[TestFixtureSource(typeof(ReplicaDatabases), nameof(ReplicaDatabases.All))]
[NonParallelizable]
public sealed class ReplicaSetTests(Func<ReplicaDatabase> database)
{
    /// <summary>The bound every replica keeps (README, "Running several replicas").</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    /// <summary>How long a probe keeps trying before the change counts as never honoured.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(5);

    private const int SamplesPerKind = 5;

    private ReplicaSet _set = null!;
    private string _name = null!;

    private IReadOnlyList<Replica> Replicas => _set.Replicas;

    [OneTimeSetUp]
    public async Task StartTheReplicas()
    {
        var db = database();
        _name = db.ToString();
        _set = await ReplicaSet.StartAsync(db, db.Replicas);
    }

    [OneTimeTearDown]
    public async Task StopTheReplicas()
    {
        if (_set is not null)
        {
            await _set.DisposeAsync();
        }
    }

    [Test]
    public async Task EveryChangeToWhoMayDoWhatIsHonouredByEveryReplicaWithinTheBound()
    {
        var latencies = new List<(string Kind, TimeSpan Latency)>();
        foreach (var scenario in Scenarios())
        {
            for (var sample = 0; sample < SamplesPerKind; sample++)
            {
                var writer = Replicas[sample % Replicas.Count];
                var readers = Replicas.Where(r => r != writer).ToList();
                var change = await scenario.Arrange(writer);
                foreach (var reader in readers)
                {
                    Assert.That(await change.IsHonoured(reader), Is.False, $"{scenario.Kind}: {reader} honours the change before it is made");
                }

                var effective = await change.Apply();
                var measured = await Task.WhenAll(readers.Select(reader => TimeUntilHonoured(scenario.Kind, reader, change, effective)));
                latencies.AddRange(measured.Select(latency => (scenario.Kind, latency)));
            }
        }

        // The test's output (the trx, and the console at normal verbosity); dotnet cake prints it after the run.
        TestContext.Out.WriteLine(LatencyTable(latencies));
        Assert.Multiple(() =>
        {
            foreach (var (kind, latency) in latencies)
            {
                Assert.That(latency, Is.LessThanOrEqualTo(Bound), $"{kind} reached another replica only after {latency.TotalMilliseconds:F0} ms");
            }
        });
    }

    [Test]
    public async Task ARevokedKeyMintsNoKeyOnAnyReplica()
    {
        for (var round = 0; round < Replicas.Count; round++)
        {
            var (userId, key) = await NewUser(Replicas[0]);
            await RaceARevocation(
                Replicas[round % Replicas.Count],
                revoke: via => via.PostAsync("/key/block", new { key }),
                attempt: (via, i) => via.PostAsync("/key/generate", new { key_alias = Api.UniqueId($"mint-{i}") }, key),
                minted: async () => (await Replicas[0].GetAsync($"/key/list?user_id={userId}&size=1")).Expect(200)["total_count"]!.GetValue<int>() - 1);
        }
    }

    [Test]
    public async Task ADemotedAdminCreatesNoAdminOnAnyReplica()
    {
        for (var round = 0; round < Replicas.Count; round++)
        {
            var (adminId, key) = await NewUser(Replicas[0], "proxy_admin");
            var prefix = Api.UniqueId("made");
            await RaceARevocation(
                Replicas[round % Replicas.Count],
                revoke: via => via.PostAsync("/user/update", new { user_id = adminId, user_role = "internal_user" }),
                attempt: (via, i) => via.PostAsync("/user/new", new { user_id = $"{prefix}-{i}", user_role = "proxy_admin" }, key),
                minted: async () => (await Replicas[0].GetAsync($"/user/list?page_size=1&search={prefix}")).Expect(200)["total"]!.GetValue<int>());
        }
    }

    [Test]
    public async Task ConcurrentMemberAddsSpreadOverTheReplicasAreAllKept()
    {
        var teamId = await NewTeam(Replicas[0]);
        var userIds = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            userIds.Add((await NewUser(Replicas[i % Replicas.Count])).UserId);
        }

        var answers = await Task.WhenAll(userIds.Select((userId, i) =>
            Replicas[i % Replicas.Count].PostAsync("/team/member_add", new { team_id = teamId, member = new { user_id = userId, role = "user" } })));

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(200), string.Join("\n", answers.Where(a => a.Status != 200)));
        Assert.That(answers.Select(a => a.CommittedRevision), Is.Unique, "every write commits its own revision");
        var last = answers.Max(a => a.CommittedRevision);
        foreach (var replica in Replicas)
        {
            var info = (await replica.GetAsync($"/team/info?team_id={teamId}", minRevision: last)).Expect(200);
            Assert.That(info["team_info"]!["members_with_roles"]!.AsArray().Select(m => m!["user_id"]!.GetValue<string>()), Is.EquivalentTo(userIds), replica.Name);
        }
    }

    [Test]
    public async Task AReadWithTheRevisionOfAWriteSeesThatWriteOnEveryReplica()
    {
        for (var i = 0; i < 10; i++)
        {
            var writer = Replicas[i % Replicas.Count];
            var readers = Replicas.Where(r => r != writer).ToList();
            var (_, key) = await NewUser(writer);
            foreach (var reader in readers)
            {
                // Warm: each reader now holds the key as valid in its cache.
                (await reader.GetAsync("/key/info", key)).Expect(200);
            }

            var blocked = await writer.PostAsync("/key/block", new { key });
            var revision = blocked.CommittedRevision;
            var teamId = Api.UniqueId("ryw");
            var created = await writer.PostAsync("/team/new", new { team_id = teamId });
            Assert.That(created.CommittedRevision, Is.GreaterThan(revision), "revisions grow with every commit");

            foreach (var reader in readers)
            {
                var refused = await reader.GetAsync("/key/info", key, minRevision: revision);
                Assert.That(refused.Status, Is.EqualTo(401), $"with x-proxyadmin-min-revision the block is honoured at once: {refused}");
                (await reader.GetAsync($"/team/info?team_id={teamId}", minRevision: created.CommittedRevision)).Expect(200);
                var applied = (await reader.GetAsync("/health/revision")).Expect(200)["revision"]!.GetValue<long>();
                Assert.That(applied, Is.GreaterThanOrEqualTo(created.CommittedRevision), reader.Name);
            }
        }
    }

    /// <summary>
    /// Writes spread over every replica at once all land on one audit chain: every row has its own sequence, 1 … n
    /// without a gap, each hash chains to the one before (verified by every replica), and every acknowledged write's
    /// row is on it.
    /// </summary>
    [Test]
    public async Task ConcurrentWritesThroughEveryReplicaKeepOneGaplessAuditChain()
    {
        var teamIds = Enumerable.Range(0, 60).Select(i => Api.UniqueId($"chain{i}")).ToList();

        var answers = await Task.WhenAll(teamIds.Select((teamId, i) => Replicas[i % Replicas.Count].PostAsync("/team/new", new { team_id = teamId })));

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(200), string.Join("\n", answers.Where(a => a.Status != 200)));
        var last = answers.Max(a => a.CommittedRevision);
        foreach (var replica in Replicas)
        {
            var verified = (await replica.GetAsync("/audit/verify", minRevision: last)).Expect(200);
            var total = (await replica.GetAsync("/audit?page_size=1", minRevision: last)).Expect(200)["total"]!.GetValue<long>();
            Assert.That(verified["valid"]!.GetValue<bool>(), Is.True, $"{replica.Name}: {verified.ToJsonString()}");
            Assert.That(verified["head_sequence"]!.GetValue<long>(), Is.EqualTo(total), $"{replica.Name}: one sequence per row");
            Assert.That(verified["rows_checked"]!.GetValue<long>(), Is.EqualTo(total), replica.Name);
        }

        var export = await Replicas[^1].GetAsync("/audit/export?limit=100000", minRevision: last);
        var lines = export.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
        Assert.That(export.Status, Is.EqualTo(200), export.ToString());
        Assert.That(lines.Select(l => l["sequence"]!.GetValue<long>()), Is.EqualTo(Enumerable.Range(1, lines.Count).Select(i => (long)i)), "gapless, in order");
        Assert.That(lines.Select(l => l["object_id"]!.GetValue<string>()), Is.SupersetOf(teamIds), "every acknowledged write is on the chain");
    }

    /// <summary>It adds a replica of its own and kills it while writes are in flight through it.</summary>
    [Test]
    public async Task AReplicaKilledMidWriteLosesNoAcknowledgedWrite()
    {
        var victim = await _set.StartExtraAsync();
        var survivor = Replicas[0];
        var ids = Enumerable.Range(0, 80).Select(i => Api.UniqueId($"kill{i}")).ToList();
        var acknowledged = new ConcurrentBag<(string TeamId, long Revision)>();
        var writes = ids.Select(async (teamId, i) =>
        {
            await Task.Delay(i * 4);
            try
            {
                var answer = await victim.PostAsync("/team/new", new { team_id = teamId });
                if (answer.Status == 200)
                {
                    acknowledged.Add((teamId, answer.CommittedRevision));
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // The connection died with the process: this write was never acknowledged.
            }
        }).ToList();

        var waited = Stopwatch.StartNew();
        while (acknowledged.Count < 10 && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(2);
        }

        victim.Kill();
        await Task.WhenAll(writes);
        TestContext.Out.WriteLine($"{_name}: {acknowledged.Count} of {ids.Count} writes acknowledged before the replica was killed.");

        Assert.That(acknowledged, Is.Not.Empty, victim.Output);
        var last = acknowledged.Max(a => a.Revision);
        foreach (var (teamId, _) in acknowledged)
        {
            (await survivor.GetAsync($"/team/info?team_id={teamId}", minRevision: last)).Expect(200);
        }

        // Nothing half-written either: a team that exists has its audit row, one that does not has none.
        foreach (var teamId in ids)
        {
            var info = await survivor.GetAsync($"/team/info?team_id={teamId}");
            Assert.That(info.Status, Is.AnyOf(200, 404), info.ToString());
            var audit = (await survivor.GetAsync($"/audit?object_id={teamId}&page_size=10")).Expect(200)["audit_logs"]!.AsArray();
            Assert.That(audit, Has.Count.EqualTo(info.Status == 200 ? 1 : 0), teamId);
        }

        (await survivor.PostAsync("/team/new", new { team_id = Api.UniqueId("after-kill") })).Expect(200);
    }

    /// <summary>
    /// Callers hammer every replica with <paramref name="attempt"/> while the caller's rights are revoked through
    /// <paramref name="revoker"/>: whatever succeeded committed before the revocation, nothing sent after its answer
    /// succeeded anywhere, and exactly the acknowledged writes exist.
    /// </summary>
    private async Task RaceARevocation(
        Replica revoker,
        Func<Replica, Task<ReplicaResponse>> revoke,
        Func<Replica, int, Task<ReplicaResponse>> attempt,
        Func<Task<int>> minted)
    {
        var outcomes = new ConcurrentBag<(long SentAt, ReplicaResponse Answer)>();
        var revokedAt = long.MaxValue;
        using var stop = new CancellationTokenSource();
        var counter = 0;
        var attackers = Replicas.SelectMany(replica => Enumerable.Range(0, 2).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var sentAt = Stopwatch.GetTimestamp();
                outcomes.Add((sentAt, await attempt(replica, Interlocked.Increment(ref counter))));
            }
        })).ToList();

        await Task.Delay(150);
        var revocation = await revoke(revoker);
        Interlocked.Exchange(ref revokedAt, Stopwatch.GetTimestamp());
        Assert.That(revocation.Status, Is.EqualTo(200), revocation.ToString());
        await Task.Delay(400);
        await stop.CancelAsync();
        await Task.WhenAll(attackers);

        var succeeded = outcomes.Where(o => o.Answer.Status == 200).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Where(o => o.SentAt > revokedAt).Select(o => o.Answer.Status), Is.Not.Empty.And.All.AnyOf(401, 403), "refused everywhere once revoked");
            Assert.That(succeeded.Where(o => o.SentAt > revokedAt).Select(o => o.Answer.ToString()), Is.Empty, "nothing sent after the revocation's answer succeeded");
            Assert.That(succeeded.Select(o => o.Answer.CommittedRevision), Has.All.LessThan(revocation.CommittedRevision), "every success committed before the revocation");
            Assert.That(outcomes.Select(o => o.Answer.Status), Is.All.AnyOf(200, 401, 403), string.Join("\n", outcomes.Where(o => o.Answer.Status is not (200 or 401 or 403)).Take(3)));
        });
        Assert.That(await minted(), Is.EqualTo(succeeded.Count), "exactly the acknowledged writes exist");
    }

    private static async Task<TimeSpan> TimeUntilHonoured(string kind, Replica reader, Change change, long effectiveAt)
    {
        while (true)
        {
            if (await change.IsHonoured(reader))
            {
                var latency = Stopwatch.GetElapsedTime(effectiveAt);
                return latency < TimeSpan.Zero ? TimeSpan.Zero : latency;
            }

            if (Stopwatch.GetElapsedTime(effectiveAt) > GiveUpAfter)
            {
                Assert.Fail($"{kind} was not honoured by {reader} within {GiveUpAfter.TotalSeconds} s");
            }

            await Task.Delay(1);
        }
    }

    // ------------------------------------------------------------------------------------------- the kinds of change

    /// <summary>One kind of change, arranged anew for every sample through the replica that will make it.</summary>
    private sealed record Scenario(string Kind, Func<Replica, Task<Change>> Arrange);

    /// <param name="Apply">Makes the change; returns the <see cref="Stopwatch"/> instant it takes effect (its answer, or a new expiry).</param>
    /// <param name="IsHonoured">Whether a replica acts on the change (e.g. refuses the revoked key).</param>
    private sealed record Change(Func<Task<long>> Apply, Func<Replica, Task<bool>> IsHonoured);

    private static IEnumerable<Scenario> Scenarios()
    {
        yield return new("key block", async writer =>
        {
            var (_, key) = await NewUser(writer);
            return new(() => Answered(writer.PostAsync("/key/block", new { key })), reader => Refuses(reader, key));
        });
        yield return new("key unblock", async writer =>
        {
            var (_, key) = await NewUser(writer);
            (await writer.PostAsync("/key/block", new { key })).Expect(200);
            return new(() => Answered(writer.PostAsync("/key/unblock", new { key })), async reader => !await Refuses(reader, key));
        });
        yield return new("key delete", async writer =>
        {
            var (_, key) = await NewUser(writer);
            return new(() => Answered(writer.PostAsync("/key/delete", new { keys = new[] { key } })), reader => Refuses(reader, key));
        });
        yield return new("key regenerate", async writer =>
        {
            var (_, key) = await NewUser(writer);
            return new(() => Answered(writer.PostAsync("/key/regenerate", new { key })), reader => Refuses(reader, key));
        });
        yield return new("key expiry change", async writer =>
        {
            var (_, key) = await NewUser(writer);
            return new(
                async () =>
                {
                    var answer = await writer.PostAsync("/key/update", new { key, duration = "1s" });
                    var answeredAt = Stopwatch.GetTimestamp();
                    var expires = answer.Expect(200)["expires"]!.GetValue<DateTime>().ToUniversalTime();
                    return answeredAt + (long)((expires - DateTime.UtcNow).TotalSeconds * Stopwatch.Frequency);
                },
                reader => Refuses(reader, key));
        });
        yield return new("user role change", async writer =>
        {
            var (userId, key) = await NewUser(writer, "proxy_admin");
            return new(
                () => Answered(writer.PostAsync("/user/update", new { user_id = userId, user_role = "internal_user" })),
                async reader => (await reader.GetAsync("/user/list?page_size=1", key)).Status == 403);
        });
        yield return new("user delete", async writer =>
        {
            var (userId, key) = await NewUser(writer);
            return new(() => Answered(writer.PostAsync("/user/delete", new { user_ids = new[] { userId } })), reader => Refuses(reader, key));
        });
        yield return new("team block", async writer =>
        {
            var teamId = await NewTeam(writer);
            var key = await TeamKey(writer, teamId);
            return new(() => Answered(writer.PostAsync("/team/block", new { team_id = teamId })), reader => Refuses(reader, key));
        });
        yield return new("team delete", async writer =>
        {
            var teamId = await NewTeam(writer);
            var key = await TeamKey(writer, teamId);
            return new(() => Answered(writer.PostAsync("/team/delete", new { team_ids = new[] { teamId } })), reader => Refuses(reader, key));
        });
        yield return new("team membership", async writer =>
        {
            var teamId = await NewTeam(writer);
            var (userId, key) = await NewUser(writer);
            await AddMember(writer, teamId, userId, "user");
            return new(
                () => Answered(writer.PostAsync("/team/member_delete", new { team_id = teamId, user_id = userId })),
                async reader => (await reader.GetAsync($"/team/info?team_id={teamId}", key)).Status == 404);
        });
        yield return new("team role change", async writer =>
        {
            var teamId = await NewTeam(writer);
            var (userId, key) = await NewUser(writer);
            await AddMember(writer, teamId, userId, "admin");
            return new(
                () => Answered(writer.PostAsync("/team/member_update", new { team_id = teamId, user_id = userId, role = "user" })),
                async reader => (await reader.PostAsync("/team/update", new { team_id = teamId, team_alias = Api.UniqueId("alias") }, key)).Status == 403);
        });
        yield return new("project block", async writer =>
        {
            var teamId = await NewTeam(writer);
            var projectId = Api.UniqueId("proj");
            (await writer.PostAsync("/project/new", new { project_id = projectId, team_id = teamId })).Expect(200);
            var key = (await writer.PostAsync("/key/generate", new { project_id = projectId })).Expect(200)["key"]!.GetValue<string>();
            return new(() => Answered(writer.PostAsync("/project/update", new { project_id = projectId, blocked = true })), reader => Refuses(reader, key));
        });
        yield return new("model block", async writer =>
        {
            var name = Api.UniqueId("model");
            var modelId = (await writer.PostAsync("/model/new", new { model_name = name, litellm_params = new { model = "openai/gpt-4o" } })).Expect(200)["model_id"]!.GetValue<string>();
            var (_, key) = await NewUser(writer);
            return new(
                () => Answered(writer.PostAsync("/model/block", new { model_id = modelId })),
                async reader => !(await reader.GetAsync("/v1/models", key)).Expect(200)["data"]!.AsArray().Any(m => m!["id"]!.GetValue<string>() == name));
        });
    }

    private static async Task<long> Answered(Task<ReplicaResponse> write)
    {
        var answer = await write;
        var answeredAt = Stopwatch.GetTimestamp();
        answer.Expect(200);
        Assert.That(answer.Revision, Is.Not.Null, answer.ToString());
        return answeredAt;
    }

    /// <summary>
    /// The key no longer authenticates on <paramref name="reader"/> (401). A 404 is a key that still authenticated there
    /// (from a cache not yet emptied) while the handler, reading the database, found its row gone: not yet honoured.
    /// </summary>
    private static async Task<bool> Refuses(Replica reader, string key)
    {
        var answer = await reader.GetAsync("/key/info", key);
        Assert.That(answer.Status, Is.AnyOf(200, 401, 404), answer.ToString());
        return answer.Status == 401;
    }

    private static async Task<(string UserId, string Key)> NewUser(Replica via, string role = "internal_user")
    {
        var userId = Api.UniqueId("user");
        var body = (await via.PostAsync("/user/new", new { user_id = userId, user_role = role })).Expect(200);
        return (userId, body["key"]!.GetValue<string>());
    }

    private static async Task<string> NewTeam(Replica via)
    {
        var teamId = Api.UniqueId("team");
        (await via.PostAsync("/team/new", new { team_id = teamId })).Expect(200);
        return teamId;
    }

    private static async Task AddMember(Replica via, string teamId, string userId, string role) =>
        (await via.PostAsync("/team/member_add", new { team_id = teamId, member = new { user_id = userId, role } })).Expect(200);

    /// <summary>A key of a member of <paramref name="teamId"/>, in that team.</summary>
    private static async Task<string> TeamKey(Replica via, string teamId)
    {
        var (userId, _) = await NewUser(via);
        await AddMember(via, teamId, userId, "user");
        return (await via.PostAsync("/key/generate", new { user_id = userId, team_id = teamId })).Expect(200)["key"]!.GetValue<string>();
    }

    private string LatencyTable(List<(string Kind, TimeSpan Latency)> latencies)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Propagation to the other replicas, {_name} (from the write's answer to the first request there that honours it):");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"kind",-20} {"n",4} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var group in latencies.GroupBy(l => l.Kind).Append(latencies.GroupBy(_ => "all").Single()))
        {
            var sorted = group.Select(l => l.Latency.TotalMilliseconds).Order().ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"{group.Key,-20} {sorted.Count,4} {Percentile(sorted, 0.50),8:F1} {Percentile(sorted, 0.99),8:F1} {sorted[^1],8:F1}");
        }

        return text.ToString();
    }

    /// <summary>Nearest rank: the smallest sample at or above the fraction.</summary>
    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>
/// The database the replica tests run on: in the SQLite pass of the suite two processes on one file, in the
/// PostgreSQL pass three on one database.
/// </summary>
public static class ReplicaDatabases
{
    public static IEnumerable<TestFixtureData> All()
    {
        var name = TestDatabase.ProviderUnderTest == ProxyAdmin.Infrastructure.Data.DatabaseProvider.Postgres ? "PostgreSQL, 3 replicas" : "SQLite, 2 replicas";
        yield return new TestFixtureData(new Func<ReplicaDatabase>(ReplicaDatabase.ForProviderUnderTest)).SetArgDisplayNames(name);
    }
}
