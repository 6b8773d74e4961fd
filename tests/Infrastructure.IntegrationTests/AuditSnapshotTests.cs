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
}
