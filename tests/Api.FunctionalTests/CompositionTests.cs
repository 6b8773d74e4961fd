using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProxyAdmin.Application.Users.Commands.CreateUser;
using ProxyAdmin.Infrastructure.Json;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>Every handler the mediator can dispatch to is constructible from the real container, wired as the service runs.</summary>
public sealed class CompositionTests
{
    private static readonly Type[] HandlerTypes = typeof(CreateUserCommand).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(IsHandlerInterface))
        .ToArray();

    [TestCaseSource(nameof(HandlerTypes))]
    public void TheHandlerResolves(Type handlerType)
    {
        using var scope = Service.App.Services.CreateScope();
        var handlerInterface = handlerType.GetInterfaces().First(IsHandlerInterface);

        Assert.That(scope.ServiceProvider.GetRequiredService(handlerInterface), Is.InstanceOf(handlerType));
    }

    [Test]
    public void TheAuditTrailWritesWithTheOptionsObjectMvcWritesResponsesWith()
    {
        var mvc = Service.App.Services.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;

        Assert.That(Service.App.Services.GetRequiredService<WireJsonOptions>().Serializer, Is.SameAs(mvc));
    }

    private static bool IsHandlerInterface(Type type) =>
        type.IsGenericType
        && (type.GetGenericTypeDefinition() == typeof(Mediator.ICommandHandler<,>) || type.GetGenericTypeDefinition() == typeof(Mediator.IQueryHandler<,>));
}
