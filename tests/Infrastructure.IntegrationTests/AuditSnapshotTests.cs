using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Json;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>Audit snapshots written with the wire options (which start from the Web defaults, as MVC's do).</summary>
public sealed class AuditSnapshotTests
{
    private static readonly AuditTrail Trail = new(null!, Mock.Of<ICurrentCaller>(), TimeProvider.System, WireJsonOptions.CreateDefault());

    [Test]
    public void KeysThatDifferOnlyInCaseAreBothKeptAndBothMasked()
    {
        var metadata = JsonNode.Parse("""{"API_KEY": "sk-first-secret-AAAA", "api_key": "sk-second-secret-BBBB"}""")!.AsObject();

        var snapshot = Trail.Snapshot(new Snapshotted { Metadata = metadata, Kind = SnapshotKind.VirtualKey });

        Assert.That(snapshot, Is.EqualTo("""{"metadata":{"API_KEY":"****AAAA","api_key":"****BBBB"},"kind":"virtual_key"}"""));
    }

    [Test]
    public void EveryValueUnderASecretNameIsMaskedNotOnlyStrings()
    {
        var metadata = JsonNode.Parse("""
            {"api_key": ["sk-listed-secret-CCCC"], "credentials": {"value": "sk-nested-secret-DDDD"}, "password": 123456789,
             "safe": {"client_secret": "sk-deeper-secret-EEEE", "note": "kept"}, "token": null, "key_alias": "public-name"}
            """)!.AsObject();

        var snapshot = Trail.Snapshot(new Snapshotted { Metadata = metadata });

        Assert.That(
            snapshot,
            Is.EqualTo("""{"metadata":{"api_key":"****","credentials":"****","password":"****","safe":{"client_secret":"****EEEE","note":"kept"},"token":null,"key_alias":"public-name"},"kind":"none"}"""));
        Assert.That(snapshot, Does.Not.Contain("CCCC").And.Not.Contain("DDDD").And.Not.Contain("123456789"));
    }

    [Test]
    public void JsonNestedDeeperThanARequestBodyMayBeIsStillRecorded()
    {
        // MVC reads bodies at most 32 levels deep; a DTO can hold that JSON a level or two further down.
        var deep = JsonNode.Parse(new string('[', 40) + new string(']', 40))!;

        var snapshot = Trail.Snapshot(new Snapshotted { Metadata = new JsonObject { ["deep"] = deep } });

        Assert.That(snapshot, Does.StartWith("""{"metadata":{"deep":[[["""));
    }

    /// <summary>
    /// The snapshots that skip the parse and second write (nothing to mask) read exactly as the masked path would have
    /// written them: whatever the text holds, escaping and numbers come back the same.
    /// </summary>
    [TestCase("""{"owner":"bench","cost_center":3}""")]
    [TestCase("""{"text":"é 日本 😀 <script>&'+` \" \\ \u0001 \u2028 \ud83d\ude00","nested":[{"a":1},{"a":[true,false,null]}]}""")]
    [TestCase("""{"n":[1e-7,100.0,-0,12345678901234567890,0.1,1E+300,-1.5e-300]}""")]
    [TestCase("""{"Ünïcode name":1,"<html> name":2,"plain":{"plain":{"plain":3}}}""")]
    [TestCase("""{"x":{"a":1},"y":{"a":2},"a":3}""")]
    public void ASnapshotWithNothingToMaskIsWrittenOnceAndReadsAsTheMaskedPathWritesIt(string metadataJson)
    {
        var snapshotted = new Dated { Metadata = JsonNode.Parse(metadataJson)!.AsObject(), At = new DateTime(2026, 12, 3, 9, 0, 0, 123, DateTimeKind.Utc), Amount = 0.1 + 0.2 };
        var serialized = System.Text.Encoding.UTF8.GetBytes(Trail.Snapshot(snapshotted)!);

        Assert.That(Trail.Snapshot(snapshotted), Is.EqualTo(AuditTrail.Masked(serialized)));
    }

    [TestCase("""{"owner":"bench","cost_center":3}""", true)]
    [TestCase("""{"x":{"a":1},"y":{"a":2},"a":3}""", true)]
    [TestCase("""{"api_key":"sk-secret-AAAA"}""", false)]
    [TestCase("""{"outer":[{"client_SECRET":1}]}""", false)]
    [TestCase("""{"key_alias":"public, yet looked at"}""", false)]
    [TestCase("""{"ſecret":"a long s folds to s when case is ignored"}""", false)]
    [TestCase("""{"a":1,"a":2}""", false)]
    [TestCase("""{"o":{"a":1,"b":{"a":2},"a":3}}""", false)]
    public void OnlyAnObjectWithoutSecretLookingOrRepeatedNamesSkipsTheMaskedPath(string json, bool skips) =>
        Assert.That(AuditTrail.HoldsNothingToMask(System.Text.Encoding.UTF8.GetBytes(json)), Is.EqualTo(skips));

    private enum SnapshotKind
    {
        None,
        VirtualKey,
    }

    private sealed class Snapshotted
    {
        public JsonObject? Metadata { get; init; }

        public SnapshotKind Kind { get; init; }
    }

    private sealed class Dated
    {
        public JsonObject? Metadata { get; init; }

        public DateTime At { get; init; }

        public double Amount { get; init; }
    }
}
