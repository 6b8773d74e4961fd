namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Safe retries across replicas (README, "Safe retries: Idempotency-Key"): the same create sent at once, with one
/// Idempotency-Key, to every replica of one database runs exactly once; every other copy is answered the first answer,
/// marked replayed, whichever replica it reached and whether it came before or after the first one committed.
/// </summary>
[TestFixtureSource(typeof(ReplicaDatabases), nameof(ReplicaDatabases.All))]
[NonParallelizable]
public sealed class IdempotencyReplicaTests(Func<ReplicaDatabase> database)
{
    private const int Rounds = 5;
    private const int CopiesPerRound = 8;

    private ReplicaSet _set = null!;

    [OneTimeSetUp]
    public async Task StartTheReplicas()
    {
        var db = database();
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
    public async Task ConcurrentCopiesOfOneKeyGenerationOnEveryReplicaMintExactlyOneKey()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var alias = Api.UniqueId("race");
            var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
            var copies = Enumerable.Range(0, CopiesPerRound)
                .Select(i => _set.Replicas[i % _set.Replicas.Count].SendAsync(HttpMethod.Post, "/key/generate", body: new { key_alias = alias }, headers: headers))
                .ToList();
            var answers = await Task.WhenAll(copies);

            foreach (var answer in answers)
            {
                answer.Expect(200);
            }

            var minted = answers.Select(a => a.Body["key"]!.GetValue<string>()).Distinct().ToList();
            Assert.That(minted, Has.Count.EqualTo(1), $"round {round}: every copy answers the one key minted");
            var firsts = answers.Where(a => !a.Headers.ContainsKey("Idempotent-Replayed")).ToList();
            Assert.That(firsts, Has.Count.EqualTo(1), $"round {round}: exactly one copy ran, the others are replays");
            Assert.That(answers.Except(firsts).Select(a => a.Headers["Idempotent-Replayed"]), Is.All.EqualTo("true"));

            var listed = (await _set[0].GetAsync($"/key/list?key_alias={alias}", minRevision: firsts[0].CommittedRevision)).Expect(200);
            Assert.That(listed["total_count"]!.GetValue<int>(), Is.EqualTo(1), $"round {round}: one key with the alias exists");
        }
    }
}
