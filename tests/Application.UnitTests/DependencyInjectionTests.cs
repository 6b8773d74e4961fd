using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using ProxyAdmin.Application.Projects.Commands.CreateProject;
using ProxyAdmin.Application.Users.Commands.CreateUser;

namespace ProxyAdmin.Application.UnitTests;

public sealed class DependencyInjectionTests
{
    /// <summary>
    /// Every concrete validator of a message, whatever its base: the <c>T</c> of the <see cref="AbstractValidator{T}"/>
    /// somewhere up its base-type chain is the message it validates. Validators of a part of a request (a team
    /// member, the managed metadata fields, a model's info) are used through SetValidator/Include, not per message,
    /// so only those whose <c>T</c> is a message are taken.
    /// </summary>
    private static readonly Type[] ValidatorTypes = typeof(CreateUserCommandValidator).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && ValidatedType(t) is { } validated && typeof(Mediator.IMessage).IsAssignableFrom(validated))
        .ToArray();

    [Test]
    public void TheApplicationHasValidators() => Assert.That(ValidatorTypes, Has.Length.GreaterThan(10));

    /// <summary>The discovery once looked at the direct base type only and skipped these.</summary>
    [Test]
    public void ValidatorsDerivingFromASharedBaseAreIncluded()
    {
        Assert.That(ValidatorTypes, Does.Contain(typeof(CreateProjectCommandValidator)));
        Assert.That(ValidatorTypes, Has.Some.Matches<Type>(t => t.BaseType!.GetGenericTypeDefinition() != typeof(AbstractValidator<>)));
    }

    /// <summary>
    /// An unregistered validator would let its message through the validation behaviour unchecked. One that needs no
    /// service is built once (building one compiles its rules); one that takes a service is scoped, like the service.
    /// </summary>
    [TestCaseSource(nameof(ValidatorTypes))]
    public void EveryValidatorIsRegisteredOnceOrPerRequest(Type validatorType)
    {
        var services = new ServiceCollection().AddApplicationServices();
        var messageType = ValidatedType(validatorType)!;

        var registrations = services.Where(d => d.ServiceType == typeof(IValidator<>).MakeGenericType(messageType)).ToList();
        var registration = registrations.SingleOrDefault(d => d.ImplementationType == validatorType);

        Assert.That(registration, Is.Not.Null, $"{validatorType.Name} is not registered as IValidator<{messageType.Name}>");
        var needsNoService = validatorType.GetConstructors().Any(c => c.GetParameters().Length == 0);
        Assert.That(registration!.Lifetime, Is.EqualTo(needsNoService ? ServiceLifetime.Singleton : ServiceLifetime.Scoped), validatorType.Name);
    }

    /// <summary>The <c>T</c> of the <see cref="AbstractValidator{T}"/> a type derives from, at any depth; null if none.</summary>
    private static Type? ValidatedType(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            {
                return current.GetGenericArguments()[0];
            }
        }

        return null;
    }
}
