using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.UnitTests.Common;

public sealed class MetadataMapTests
{
    [Test]
    public void SentKeysReplaceNullRemovesAndTheRestStays()
    {
        var current = new JsonObject { ["keep"] = 1, ["replace"] = "old", ["remove"] = true };
        var changes = new JsonObject { ["replace"] = "new", ["remove"] = null, ["add"] = new JsonArray(1, 2) };

        var merged = MetadataMap.Merge(current, changes);

        Assert.That(merged.ToJsonString(), Is.EqualTo("""{"keep":1,"replace":"new","add":[1,2]}"""));
        Assert.That(current.ToJsonString(), Is.EqualTo("""{"keep":1,"replace":"old","remove":true}"""), "the stored map is not mutated in place");
    }
}
