using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Behaviours;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Keys.Commands.RegenerateKey;
using ProxyAdmin.Application.Keys.Commands.UpdateKey;
using ProxyAdmin.Application.UnitTests.TestSupport;

namespace ProxyAdmin.Application.UnitTests.Common.Behaviours;

public sealed class LoggingBehaviourTests
{
    private const string KeySecret = "sk-live-TOPSECRET-4f9a2c7e";
    private const string ProviderSecret = "sk-provider-TOPSECRET-0b1c";

    private static readonly UpdateKeyCommand SecretBearingCommand = new()
    {
        Key = KeySecret,
        KeyAlias = "alice-laptop",
        Metadata = new JsonObject { ["provider_api_key"] = ProviderSecret },
    };

    private CapturingLogger<LoggingBehaviour<UpdateKeyCommand, string>> _logger = null!;

    [SetUp]
    public void SetUp() => _logger = new CapturingLogger<LoggingBehaviour<UpdateKeyCommand, string>>();

    [Test]
    public async Task ShouldLogTheMessageNameAndCallerButNeverTheBody()
    {
        var behaviour = new LoggingBehaviour<UpdateKeyCommand, string>(_logger, TestCaller.InternalUser("alice"));

        var response = await behaviour.Handle(SecretBearingCommand, (_, _) => ValueTask.FromResult("done"), CancellationToken.None);

        Assert.That(response, Is.EqualTo("done"));
        Assert.That(_logger.Messages, Has.Count.EqualTo(1));
        Assert.That(_logger.Messages[0], Does.Contain("UpdateKeyCommand").And.Contain("alice").And.Contain("succeeded"));
        AssertNoSecretLogged(_logger.AllOutput);
    }

    [Test]
    public void ShouldLogARefusalByItsTypeOnlyAndRethrowIt()
    {
        var behaviour = new LoggingBehaviour<UpdateKeyCommand, string>(_logger, TestCaller.InternalUser("alice"));
        var refusal = new NotFoundException($"Key not found: {KeySecret}.", "key");

        var thrown = Assert.ThrowsAsync<NotFoundException>(async () =>
            await behaviour.Handle(SecretBearingCommand, (_, _) => ValueTask.FromException<string>(refusal), CancellationToken.None));

        Assert.That(thrown, Is.SameAs(refusal));
        Assert.That(_logger.Messages, Has.Count.EqualTo(1));
        Assert.That(_logger.Messages[0], Does.Contain("UpdateKeyCommand").And.Contain("refused").And.Contain(nameof(NotFoundException)));
        AssertNoSecretLogged(_logger.AllOutput);
    }

    [Test]
    public async Task ShouldNotLogAResponseCarryingANewSecret()
    {
        var logger = new CapturingLogger<LoggingBehaviour<RegenerateKeyCommand, GeneratedKeyDto>>();
        var behaviour = new LoggingBehaviour<RegenerateKeyCommand, GeneratedKeyDto>(logger, TestCaller.Admin());
        var rotated = TestData.Key(KeySecret, "alice").ToGeneratedDto(KeySecret);

        await behaviour.Handle(new RegenerateKeyCommand { Key = KeySecret }, (_, _) => ValueTask.FromResult(rotated), CancellationToken.None);

        Assert.That(logger.Messages, Has.Count.EqualTo(1));
        Assert.That(logger.AllOutput, Has.None.Contain(KeySecret).And.None.Contain(rotated.Token));
    }

    [Test]
    public async Task ShouldNameAnAnonymousCallerAsSuch()
    {
        var behaviour = new LoggingBehaviour<UpdateKeyCommand, string>(_logger, TestCaller.Anonymous);

        await behaviour.Handle(SecretBearingCommand, (_, _) => ValueTask.FromResult("done"), CancellationToken.None);

        Assert.That(_logger.Messages[0], Does.Contain("anonymous"));
    }

    private static void AssertNoSecretLogged(List<string> output)
    {
        Assert.That(output, Is.Not.Empty);
        Assert.That(output, Has.None.Contain(KeySecret));
        Assert.That(output, Has.None.Contain(ProviderSecret));
        Assert.That(output, Has.None.Contain("TOPSECRET"));
    }
}
