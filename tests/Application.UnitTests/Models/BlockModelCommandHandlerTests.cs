using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Models.Commands.BlockModel;
using ProxyAdmin.Application.Models.Commands.UnblockModel;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Models;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;

namespace ProxyAdmin.Application.UnitTests.Models;

/// <summary><c>POST /model/block</c> and <c>/model/unblock</c>: one flag, proxy admins only, answered as reads answer outsiders.</summary>
public sealed class BlockModelCommandHandlerTests
{
    private ModelPorts _ports = null!;
    private ModelDeployment _global = null!;
    private ModelDeployment _teamModel = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _ports.GivenCatalog();
        _global = _ports.Models.Object.GetAsync("g1", CancellationToken.None).Result!;
        _teamModel = _ports.Models.Object.GetAsync("tm1", CancellationToken.None).Result!;
    }

    [Test]
    public async Task ShouldBlockTheModelAndAuditIt()
    {
        var blocked = await Block("g1");

        Assert.That(_global.Blocked, Is.True);
        Assert.That((blocked.Blocked, blocked.ModelInfo["blocked"]!.GetValue<bool>()), Is.EqualTo((true, true)));
        Assert.That((blocked.UpdatedBy, blocked.UpdatedAt), Is.EqualTo(("admin", _ports.Ports.Now)));
        Assert.That(blocked.LitellmParams.Text("api_key"), Is.EqualTo("****1234"), "the answer masks secrets as every model response does");
        var row = _ports.Ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Blocked, AuditTables.Models, "g1")));
        Assert.That(((ModelDto)row.Before!).Blocked, Is.False);
        Assert.That(row.After, Is.EqualTo(blocked));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldUnblockTheModelAndAuditIt()
    {
        _teamModel.SetBlocked(true, new AuditStamp("admin", TestData.Earlier));

        var unblocked = await Unblock("tm1");

        Assert.That(_teamModel.Blocked, Is.False);
        Assert.That(unblocked.ModelInfo["blocked"]!.GetValue<bool>(), Is.False);
        Assert.That(_ports.Ports.AuditRecords.Single().Action, Is.EqualTo(AuditAction.Unblocked));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldForbidATeamAdminNamingTheFlag()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Block("tm1", TestCaller.InternalUser("alice")));

        Assert.That((refused!.Message, refused.Param), Is.EqualTo(("Only proxy admins can change a model's blocked flag.", "blocked")));
        Assert.That(_teamModel.Blocked, Is.False);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldAnswerAnOutsiderAboutAnotherTeamsModelAsAboutAMissingOne()
    {
        var hidden = Assert.ThrowsAsync<NotFoundException>(async () => await Unblock("tm1", TestCaller.InternalUser("carol")));
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Unblock("ghost", TestCaller.InternalUser("carol")));

        Assert.That(hidden!.Message, Is.EqualTo("Model tm1 not found on proxy."));
        Assert.That((hidden.Param, missing!.Message), Is.EqualTo(("model_id", "Model ghost not found on proxy.")));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAConfigModelWithBadRequest()
    {
        var refused = Assert.ThrowsAsync<BadRequestException>(async () => await Block("cfg-a"));

        Assert.That(refused!.Message, Is.EqualTo("Cannot edit config-based model. Store model in DB via /model/new first."));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseWhenModelsAreNotStoredInTheDatabase()
    {
        _ports.Settings = new ModelManagementSettings(StoreModelInDb: false);

        Assert.ThrowsAsync<BadRequestException>(async () => await Block("g1"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRequireTheModelId()
    {
        Assert.That(new BlockModelCommandValidator().InvalidFields(new BlockModelCommand("")), Is.EqualTo(new[] { "model_id" }));
        Assert.That(new UnblockModelCommandValidator().InvalidFields(new UnblockModelCommand("")), Is.EqualTo(new[] { "model_id" }));
    }

    private async Task<ModelDto> Block(string modelId, ICurrentCaller? caller = null)
    {
        caller ??= TestCaller.Admin();
        return await new BlockModelCommandHandler(_ports.Access(caller), _ports.Presenter, _ports.Ports.Audit.Object, _ports.Ports.UnitOfWork.Object, caller, _ports.Ports.Clock, _ports.Settings)
            .Handle(new BlockModelCommand(modelId), CancellationToken.None);
    }

    private async Task<ModelDto> Unblock(string modelId, ICurrentCaller? caller = null)
    {
        caller ??= TestCaller.Admin();
        return await new UnblockModelCommandHandler(_ports.Access(caller), _ports.Presenter, _ports.Ports.Audit.Object, _ports.Ports.UnitOfWork.Object, caller, _ports.Ports.Clock, _ports.Settings)
            .Handle(new UnblockModelCommand(modelId), CancellationToken.None);
    }
}
