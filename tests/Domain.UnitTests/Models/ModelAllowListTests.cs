using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Domain.UnitTests.Models;

/// <summary>LiteLLM's <c>_check_model_access_helper</c>, rule by rule and in its order.</summary>
public sealed class ModelAllowListTests
{
    private static readonly string[] NoGroups = [];

    [Test]
    public void AnEmptyListRestrictsNothing() =>
        Assert.That(ModelAllowList.Decide([], "gpt-4o", NoGroups), Is.EqualTo(new ModelAllowance(true, ModelAllowanceReason.Unrestricted)));

    [TestCase("all-proxy-models")]
    [TestCase("*")]
    public void AllProxyModelsOrAStarAllowsEveryName(string entry) =>
        Assert.That(ModelAllowList.Decide(["gpt-4o", entry], "o1", NoGroups), Is.EqualTo(new ModelAllowance(true, ModelAllowanceReason.AllProxyModels, entry)));

    [Test]
    public void ANamedModelIsAllowedAndAnotherIsNot()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ModelAllowList.Decide(["gpt-4o", "o1"], "o1", NoGroups), Is.EqualTo(new ModelAllowance(true, ModelAllowanceReason.Listed, "o1")));
            Assert.That(ModelAllowList.Decide(["gpt-4o"], "gpt-4o-mini", NoGroups), Is.EqualTo(new ModelAllowance(false, ModelAllowanceReason.NotListed)));
            Assert.That(ModelAllowList.Decide(["GPT-4o"], "gpt-4o", NoGroups).Allowed, Is.False, "names are compared exactly");
        });
    }

    [TestCase("openai/*", "openai/gpt-4o", true)]
    [TestCase("openai/*", "openai/", true)]
    [TestCase("openai/*", "openaiz/gpt-4o", false)]
    [TestCase("bedrock/us.*", "bedrock/us.amazon.nova-micro-v1:0", true)]
    [TestCase("bedrock/us.*", "bedrock/usXamazon", false)]
    [TestCase("*-mini", "gpt-4o-mini", true)]
    [TestCase("gpt-*-mini", "gpt-4o-mini", true)]
    [TestCase("gpt-*-mini", "gpt-4o-mini-2", false)]
    [TestCase("a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    public void AWildcardIsAGlobOverTheName(string pattern, string model, bool allowed)
    {
        var allowance = ModelAllowList.Decide([pattern], model, NoGroups);

        Assert.That(allowance, Is.EqualTo(allowed ? new ModelAllowance(true, ModelAllowanceReason.Wildcard, pattern) : new ModelAllowance(false, ModelAllowanceReason.NotListed)));
    }

    [Test]
    public void AnAccessGroupOfTheModelAllowsItAndComesFirst()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ModelAllowList.Decide(["prod", "gpt-4o"], "gpt-4o", ["prod"]), Is.EqualTo(new ModelAllowance(true, ModelAllowanceReason.AccessGroup, "prod")));
            Assert.That(ModelAllowList.Decide(["prod"], "o1", ["dev"]), Is.EqualTo(new ModelAllowance(false, ModelAllowanceReason.NotListed)), "another group is not this model's");
        });
    }

    [Test]
    public void AListOfOnlyOtherGroupsStillRestricts() =>
        Assert.That(ModelAllowList.Decide(["dev"], "o1", ["dev-other"]).Allowed, Is.False);

    [Test]
    public void ATeamAliasAllowsItsName()
    {
        var aliases = new Dictionary<string, string> { ["team-gpt"] = "model_name_t1_abc" };

        Assert.Multiple(() =>
        {
            Assert.That(ModelAllowList.Decide(["o1"], "team-gpt", NoGroups, aliases), Is.EqualTo(new ModelAllowance(true, ModelAllowanceReason.TeamAlias, "model_name_t1_abc")));
            Assert.That(ModelAllowList.Decide(["o1"], "team-gpt", NoGroups).Allowed, Is.False, "without the team's aliases the name is just a name");
        });
    }

    [Test]
    public void NoDefaultModelsAllowsNothingEvenBesideOtherEntries() =>
        Assert.That(ModelAllowList.Decide(["no-default-models", "gpt-4o"], "gpt-4o", NoGroups), Is.EqualTo(new ModelAllowance(false, ModelAllowanceReason.NoDefaultModels, "no-default-models")));
}
