using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.UnitTests.Models;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Credentials;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Credentials;

/// <summary>Stored credentials as tests need them: values sealed with <see cref="PrefixSecretProtector"/>, stored before the test.</summary>
public static class CredentialFixtures
{
    private static readonly SealedValues Sealer = new(new PrefixSecretProtector());

    /// <summary>A credential whose <paramref name="values"/> (plain JSON) are sealed as a create would seal them.</summary>
    public static Credential Stored(string name, string values, string info = "{}") =>
        Credential.Create(name, Sealer.Seal(ModelFixtures.Json(values)), ModelFixtures.Json(info), TestData.Stamp);

    /// <summary>A credential whose values are stored exactly as given (to hold a value sealed under another key).</summary>
    public static Credential StoredAsIs(string name, string storedValues) =>
        Credential.Create(name, ModelFixtures.Json(storedValues), null, TestData.Stamp);

    /// <summary>The deployment, attached to the stored credential <paramref name="credentialName"/> before the test.</summary>
    public static ModelDeployment Using(this ModelDeployment model, string credentialName)
    {
        model.UseCredential(credentialName, TestData.Stamp);
        return model;
    }

    /// <summary>
    /// Teams t1 (alice admin, bob member) and t2 (carol admin); credentials <c>openai-prod</c>, <c>anthropic-prod</c>,
    /// <c>azure-shared</c> and <c>unused</c>; DB models <c>tm1</c> (t1, public name t1-model, openai-prod), <c>tm1b</c>
    /// (t1, anthropic-prod), <c>tm1-own</c> (t1, its own key), <c>tm2</c> (t2, anthropic-prod), <c>g1</c> (no team,
    /// azure-shared) and <c>g2</c> (no team, its own key and base); config model <c>cfg-a</c> (azure-gpt, its own key).
    /// </summary>
    public static void GivenWorld(this CredentialPorts ports)
    {
        ports.GivenTeams(
            TeamFixtures.TeamWithAdminAndMember("t1", "alice", "bob"),
            TeamFixtures.Team("t2", new TeamSettings(), ("carol", TeamRole.Admin)));
        ports.GivenCredentials(
            Stored("openai-prod", """{"api_key":"sk-openai-prod-secret-1111","api_base":"https://openai.example.test/v1"}""", """{"custom_llm_provider":"openai"}"""),
            Stored("anthropic-prod", """{"api_key":"sk-anthropic-prod-secret-2222"}"""),
            Stored("azure-shared", """{"api_key":"sk-azure-shared-secret-3333","api_version":"2024-06-01"}"""),
            Stored("unused", """{"api_key":"sk-unused-secret-4444"}"""));
        ports.GivenModels(
            ModelFixtures.Stored("tm1", "t1-model", """{"model":"openai/gpt-4o"}""", teamId: "t1").Using("openai-prod"),
            ModelFixtures.Stored("tm1b", "t1-claude", """{"model":"anthropic/claude"}""", teamId: "t1").Using("anthropic-prod"),
            ModelFixtures.Stored("tm1-own", "t1-own", """{"model":"openai/gpt-4o","api_key":"sk-team-own-secret-5555"}""", teamId: "t1"),
            ModelFixtures.Stored("tm2", "t2-model", """{"model":"anthropic/claude"}""", teamId: "t2").Using("anthropic-prod"),
            ModelFixtures.Stored("g1", "azure-gpt-4o", """{"model":"azure/gpt-4o"}""").Using("azure-shared"),
            ModelFixtures.Stored("g2", "gpt-4o", """{"model":"openai/gpt-4o","api_key":"sk-provider-secret-1234","api_base":"https://own.example.test","rpm":3}"""));
        ports.ModelPorts.ConfigModels.Add(ModelFixtures.Config("cfg-a", "azure-gpt", """{"model":"azure/gpt-4","api_key":"sk-config-secret-5678","rpm":7}"""));
    }
}

/// <summary>
/// The ports of credential handlers: <see cref="ModelPorts"/> (and its <see cref="HandlerPorts"/>) with the credential
/// repository answering from the credentials given, and the model repository's credential queries answering from the
/// models given, as the database would.
/// </summary>
public sealed class CredentialPorts
{
    private readonly List<Credential> _stored = [];
    private readonly List<ModelDeployment> _models = [];
    private readonly List<Team> _teams = [];

    public CredentialPorts()
    {
        Credentials.Setup(r => r.Add(It.IsAny<Credential>())).Callback<Credential>(Added.Add);
        Credentials.Setup(r => r.Remove(It.IsAny<Credential>())).Callback<Credential>(Removed.Add);
        Credentials.Setup(r => r.ListAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => _stored.OrderBy(c => c.CredentialName, StringComparer.Ordinal).ToList());
        Models.Setup(r => r.GetByCredentialAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, CancellationToken _) => UsersOf(name).ToList());
        Models.Setup(r => r.ModelIdsUsingCredentialAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, CancellationToken _) => UsersOf(name).Select(m => m.ModelId).ToList());
        Models.Setup(r => r.CredentialNamesOfTeamsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> teamIds, CancellationToken _) =>
                _models.Where(m => m.TeamId is { } teamId && teamIds.Contains(teamId)).Select(m => m.CredentialName).OfType<string>().Distinct().ToList());
        Ports.Teams.Setup(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => _teams.Where(t => ids.Contains(t.TeamId)).ToList());
    }

    public ModelPorts ModelPorts { get; } = new();
    public HandlerPorts Ports => ModelPorts.Ports;
    public Mock<ICredentialRepository> Credentials => Ports.Credentials;
    public Mock<IModelRepository> Models => ModelPorts.Models;
    public SealedValues SealedValues => ModelPorts.SealedValues;
    public CredentialPresenter Presenter => new(SealedValues);
    public DeploymentCredentials Deployments => new(Models.Object, ModelPorts.Config.Object, Credentials.Object, SealedValues);

    /// <summary>Credentials staged with <see cref="ICredentialRepository.Add"/>, in order.</summary>
    public List<Credential> Added { get; } = [];

    /// <summary>Credentials staged with <see cref="ICredentialRepository.Remove"/>, in order.</summary>
    public List<Credential> Removed { get; } = [];

    public CredentialVisibility Visibility(ICurrentCaller caller) => new(Ports.Teams.Object, Ports.Organizations.Object, Models.Object, caller);

    /// <summary>Stored credentials: found by name (tracked and untracked) and listed by name.</summary>
    public void GivenCredentials(params Credential[] credentials)
    {
        _stored.AddRange(credentials);
        foreach (var credential in credentials)
        {
            var name = credential.CredentialName;
            Credentials.Setup(r => r.GetAsync(name, It.IsAny<CancellationToken>())).ReturnsAsync(credential);
            Credentials.Setup(r => r.ReadAsync(name, It.IsAny<CancellationToken>())).ReturnsAsync(credential);
            Credentials.Setup(r => r.ExistsAsync(name, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        }
    }

    /// <summary>Stored deployments: found by id, and found by the credential they use.</summary>
    public void GivenModels(params ModelDeployment[] models)
    {
        _models.AddRange(models);
        ModelPorts.GivenModels(models);
    }

    /// <summary>Teams found by id and in bulk, whose members the repository lists as members.</summary>
    public void GivenTeams(params Team[] teams)
    {
        _teams.AddRange(teams);
        ModelPorts.GivenTeams(teams);
    }

    public ModelDeployment Model(string modelId) => _models.Single(m => m.ModelId == modelId);

    public Credential Credential(string name) => _stored.Single(c => c.CredentialName == name);

    /// <summary>A refused credential command: no credential or model staged or removed, nothing audited or saved.</summary>
    public void VerifyNothingWritten()
    {
        ModelPorts.VerifyNothingWritten();
        Assert.That(Added, Is.Empty);
        Assert.That(Removed, Is.Empty);
    }

    private IEnumerable<ModelDeployment> UsersOf(string credentialName) =>
        _models.Where(m => m.CredentialName == credentialName).OrderBy(m => m.ModelId, StringComparer.Ordinal);
}
