using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using ProxyAdmin.Application.Users.Commands.CreateUser;

namespace ProxyAdmin.Application.UnitTests;

public sealed class DependencyInjectionTests
{
    private static readonly Type[] ValidatorTypes = typeof(CreateUserCommandValidator).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
        .ToArray();

    [Test]
    public void TheApplicationHasValidators() => Assert.That(ValidatorTypes, Has.Length.GreaterThan(10));

    /// <summary>An unregistered validator would let its message through the validation behaviour unchecked.</summary>
    [TestCaseSource(nameof(ValidatorTypes))]
    public void EveryValidatorIsRegisteredPerRequest(Type validatorType)
    {
        var services = new ServiceCollection().AddApplicationServices();
        var messageType = validatorType.BaseType!.GetGenericArguments()[0];

        var registration = services.SingleOrDefault(d => d.ServiceType == typeof(IValidator<>).MakeGenericType(messageType));

        Assert.That(registration, Is.Not.Null, $"{validatorType.Name} is not registered");
        Assert.That(registration!.ImplementationType, Is.EqualTo(validatorType));
        Assert.That(registration.Lifetime, Is.EqualTo(ServiceLifetime.Scoped));
    }
}
