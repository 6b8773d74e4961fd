using System.Reflection;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Users.Commands.CreateUser;

namespace ProxyAdmin.Application.UnitTests;

/// <summary>Deny by default: a message type without an access rule must never reach production.</summary>
public sealed class AccessRuleTests
{
    private static readonly Type[] MessageTypes = typeof(CreateUserCommand).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Mediator.IMessage).IsAssignableFrom(t))
        .ToArray();

    private static readonly Type[] CommandTypes = MessageTypes
        .Where(t => typeof(Mediator.IBaseCommand).IsAssignableFrom(t))
        .ToArray();

    [Test]
    public void TheApplicationHasMessages() => Assert.That(MessageTypes, Has.Length.GreaterThan(10));

    [Test]
    public void TheApplicationHasCommands() => Assert.That(CommandTypes, Is.Not.Empty);

    [TestCaseSource(nameof(MessageTypes))]
    public void EveryMessageDeclaresWhoMaySendIt(Type messageType)
    {
        var authorize = messageType.GetCustomAttribute<AuthorizeAttribute>();
        var anonymous = messageType.GetCustomAttribute<AllowAnonymousAttribute>();

        Assert.That(authorize is null ^ anonymous is null, Is.True,
            $"{messageType.Name} must carry exactly one of [Authorize(...)] and [AllowAnonymous].");
    }

    [TestCaseSource(nameof(CommandTypes))]
    public void CommandsAreNeverAnonymous(Type commandType) =>
        Assert.That(commandType.GetCustomAttribute<AllowAnonymousAttribute>(), Is.Null, $"{commandType.Name} changes state and must not be [AllowAnonymous].");

    /// <summary>A key without a user writes nothing: LiteLLM refuses every write to it (no user to be an owner or team admin).</summary>
    [TestCaseSource(nameof(CommandTypes))]
    public void NoCommandAdmitsServiceAccounts(Type commandType) =>
        Assert.That(commandType.GetCustomAttribute<AuthorizeAttribute>()?.ServiceAccounts, Is.Not.True, $"{commandType.Name} changes state and must not admit keys without a user.");
}
