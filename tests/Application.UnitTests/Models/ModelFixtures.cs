using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Models.Commands.UpdateModel;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.UnitTests.Models;

/// <summary>"Encrypts" by prefixing <c>enc:</c>, so tests can see which values were sealed; anything else is unreadable.</summary>
public sealed class PrefixSecretProtector : ISecretProtector
{
    public const string Prefix = "enc:";

    public string ActiveKeyId => "test";

    public IReadOnlyList<string> KeyIds { get; } = ["test"];

    public string? KeyIdOf(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal) ? ActiveKeyId : null;

    public string Protect(string plaintext) => Prefix + plaintext;

    public string Unprotect(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal) ? stored[Prefix.Length..] : throw new SecretUnreadableException("sealed under another key");
}

/// <summary>Model deployments and config models as tests need them; JSON is parsed as it arrives from the wire.</summary>
public static class ModelFixtures
{
    private static readonly SealedValues Sealer = new(new PrefixSecretProtector());

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A stored deployment with its string parameters sealed; with <paramref name="teamId"/> a team model published as <paramref name="modelName"/>.</summary>
    public static ModelDeployment Stored(string modelId, string modelName, string litellmParams, string modelInfo = "{}", string? teamId = null, int minutesAfterEarlier = 0)
    {
        var at = TestData.Earlier.AddMinutes(minutesAfterEarlier);
        var model = ModelDeployment.Create(modelId, modelName, Sealer.Seal(Json(litellmParams)), Json(modelInfo), new AuditStamp(TestData.CreatedBy, at));
        if (teamId is not null)
        {
            model.AssignToTeam(teamId, modelName, new AuditStamp(TestData.CreatedBy, at));
        }

        return model;
    }

    public static ConfigModel Config(string modelId, string modelName, string litellmParams, string modelInfo = "{}") =>
        new(modelId, modelName, Json(litellmParams), Json(modelInfo));

    /// <summary>
    /// A catalog to read from: config models <c>cfg-a</c> (azure-gpt) and <c>cfg-team</c> (zz-team-config, team t2, public
    /// name team2-private); DB models <c>g1</c> (gpt-4o), <c>g2</c> (claude), <c>tm1</c> (team t1, public name t1-model) and
    /// <c>tm2</c> (team t2, public name t2-model), oldest first; teams t1 (alice admin, bob member) and t2 (carol admin).
    /// </summary>
    public static void GivenCatalog(this ModelPorts ports)
    {
        ports.GivenTeams(
            TeamFixtures.TeamWithAdminAndMember("t1", "alice", "bob"),
            TeamFixtures.Team("t2", new TeamSettings(), ("carol", TeamRole.Admin)));
        ports.GivenMemberships("alice", "t1");
        ports.GivenMemberships("bob", "t1");
        ports.GivenMemberships("carol", "t2");
        ports.ConfigModels.Add(Config("cfg-team", "zz-team-config", """{"model":"openai/gpt-4"}""", """{"team_id":"t2","team_public_model_name":"team2-private"}"""));
        ports.ConfigModels.Add(Config("cfg-a", "azure-gpt", """{"model":"azure/gpt-4","api_key":"sk-config-secret-5678"}""", """{"mode":"chat"}"""));
        ports.GivenModels(
            Stored("g1", "gpt-4o", """{"model":"openai/gpt-4o","api_key":"sk-provider-secret-1234"}""", minutesAfterEarlier: 1),
            Stored("g2", "claude", """{"model":"anthropic/claude"}""", minutesAfterEarlier: 2),
            Stored("tm1", "t1-model", """{"model":"openai/gpt-4o-mini"}""", teamId: "t1", minutesAfterEarlier: 3),
            Stored("tm2", "t2-model", """{"model":"openai/o1"}""", teamId: "t2", minutesAfterEarlier: 4));
    }

    public static string? Text(this JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>The ports of model handlers: <see cref="HandlerPorts"/> plus the model repository, the config catalog and alerts.</summary>
public sealed class ModelPorts
{
    public ModelPorts()
    {
        Config.Setup(c => c.Models).Returns(() => ConfigModels);
        Config.Setup(c => c.Find(It.IsAny<string>())).Returns<string>(id => ConfigModels.Find(m => m.ModelId == id));
        Models.Setup(r => r.Add(It.IsAny<ModelDeployment>())).Callback<ModelDeployment>(Added.Add);
        Models.Setup(r => r.GetTeamSiblingsAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([]);
        Ports.Teams.Setup(r => r.GetTeamIdsOfMemberAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    private readonly List<Team> _teams = [];

    public HandlerPorts Ports { get; } = new();
    public Mock<IModelRepository> Models => Ports.Models;
    public Mock<IConfigModelCatalog> Config { get; } = new();
    public Mock<IModelAlerts> Alerts { get; } = new();
    public List<ConfigModel> ConfigModels { get; } = [];
    public List<ModelDeployment> Added { get; } = [];
    public InMemoryReadRepository Reads { get; } = new();
    public SealedValues SealedValues { get; } = new(new PrefixSecretProtector());
    public ModelPresenter Presenter => new(SealedValues);
    public Mock<ICredentialRepository> Credentials => Ports.Credentials;
    public ModelManagementSettings Settings { get; set; } = new();

    public TeamModelLinks Links => new(Models.Object);

    public VisibleModelReader Reader => new(Reads, Config.Object, Presenter);

    /// <summary>Stored deployments: found by id by the repository and listed by specifications.</summary>
    public void GivenModels(params ModelDeployment[] models)
    {
        foreach (var model in models)
        {
            Models.Setup(r => r.GetAsync(model.ModelId, It.IsAny<CancellationToken>())).ReturnsAsync(model);
            Models.Setup(r => r.ExistsAsync(model.ModelId, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        }

        Reads.Seed(models);
        Revision.Applied++;
    }

    /// <summary>Other deployments of <paramref name="teamId"/> serving <paramref name="publicName"/>, oldest first.</summary>
    public void GivenSiblings(string teamId, string publicName, params ModelDeployment[] siblings) =>
        Models.Setup(r => r.GetTeamSiblingsAsync(teamId, publicName, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string _, string excluding, CancellationToken _) => siblings.Where(s => s.ModelId != excluding).ToList());

    /// <summary>Teams the repository finds by id, whose members the repository lists as members (as the database would).</summary>
    public void GivenTeams(params Team[] teams)
    {
        Ports.GivenTeams(teams);
        _teams.AddRange(teams);
        Ports.Teams.Setup(r => r.GetTeamIdsOfMemberAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string userId, CancellationToken _) => _teams.Where(t => t.Members.Any(m => m.UserId == userId)).Select(t => t.TeamId).ToList());
    }

    public void GivenMemberships(string userId, params string[] teamIds) =>
        Ports.Teams.Setup(r => r.GetTeamIdsOfMemberAsync(userId, It.IsAny<CancellationToken>())).ReturnsAsync(teamIds.ToList());

    public ModelAccess Access(ICurrentCaller caller) => new(Ports.Teams.Object, Ports.Keys.Object, Models.Object, Config.Object, Visibility(caller), caller);

    public CallableModels Callable(ICurrentCaller caller) => new(Visibility(caller), Reader);

    /// <summary>The one model update handler, which both PATCH and POST /model/update reach.</summary>
    public UpdateModelCommandHandler UpdateHandler(ICurrentCaller caller) =>
        new(Access(caller), Links, Presenter, SealedValues, CredentialRules(caller), Ports.Audit.Object, Ports.UnitOfWork.Object, caller, Ports.Clock, Settings, Ports.Tags);

    public ModelCredentialRules CredentialRules(ICurrentCaller caller) => new(Credentials.Object, caller);

    /// <summary>Stored credentials the repository finds by name.</summary>
    public void GivenCredentials(params string[] names)
    {
        foreach (var name in names)
        {
            Credentials.Setup(r => r.ExistsAsync(name, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        }
    }

    public ModelVisibility Visibility(ICurrentCaller caller) => new(Ports.Keys.Object, Chains, Ports.Teams.Object, Reads, Catalog, caller);

    /// <summary>The replica's applied revision the catalog caches by; tests that change the models move it, as a commit does.</summary>
    public SettableAppliedRevision Revision { get; } = new();

    public NonTeamModelCatalog Catalog => field ??= new(Revision, Config.Object);

    public KeyAccessChains Chains => new(Ports.Teams.Object, Ports.Projects.Object, Ports.Organizations.Object, Ports.Users.Object);

    /// <summary>A refused model command: no deployment staged or removed, nothing audited or saved.</summary>
    public void VerifyNothingWritten()
    {
        Ports.VerifyNothingWritten();
        Alerts.Verify(a => a.ModelAdded(It.IsAny<ModelDto>()), Times.Never);
    }
}
