using Microsoft.Extensions.DependencyInjection;

namespace ProxyAdmin.Application.UnitTests;

/// <summary>
/// Configures FluentValidation the way the application does at startup (snake_case property names), once,
/// before any test in this namespace or below runs.
/// </summary>
[SetUpFixture]
public sealed class ApplicationServicesSetup
{
    [OneTimeSetUp]
    public void ConfigureApplicationServices() => new ServiceCollection().AddApplicationServices();
}
