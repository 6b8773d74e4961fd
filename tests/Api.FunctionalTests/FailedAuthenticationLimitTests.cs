namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Failed authentications are limited per client address (over a real socket: the in-process test server has no
/// address). After the configured number of failures in a minute, every request of the address that presents a key is
/// answered 429 in the envelope with Retry-After, a valid key included, and no key is looked up meanwhile.
/// </summary>
[NonParallelizable]
public sealed class FailedAuthenticationLimitTests
{
    [Test]
    public async Task AnAddressThatFailedTooOftenIsAnswered429WithRetryAfter()
    {
        await using var set = await ReplicaSet.StartAsync(ReplicaDatabase.Sqlite(replicas: 1), 1, new Dictionary<string, string>
        {
            ["ProxyAdmin__Limits__FailedAuthenticationsPerMinute"] = "3",
        });
        var replica = set[0];

        var failures = new List<ReplicaResponse>();
        for (var i = 0; i < 3; i++)
        {
            failures.Add(await replica.GetAsync("/key/info", key: "sk-wrong-key-" + i));
        }

        var throttled = await replica.GetAsync("/key/info", key: "sk-wrong-key-again");
        var validKeyToo = await replica.GetAsync("/user/list", key: ReplicaSet.MasterKey);
        var anonymousProbe = await replica.GetAsync("/health/liveness", key: null);

        Assert.Multiple(() =>
        {
            Assert.That(failures.Select(f => f.Status), Is.All.EqualTo(401));
            Assert.That(throttled.Status, Is.EqualTo(429), throttled.ToString());
            Assert.That(throttled.Body["error"]!["type"]!.GetValue<string>(), Is.EqualTo("rate_limit_error"));
            Assert.That(throttled.Body["error"]!["message"]!.GetValue<string>(), Does.Contain("Too many failed authentications"));
            Assert.That(throttled.RetryAfter, Is.Not.Null.And.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(validKeyToo.Status, Is.EqualTo(429), "the address is refused, whatever key it sends now");
            Assert.That(anonymousProbe.Status, Is.EqualTo(200), "a probe that presents no key is not refused");
        });
    }
}
