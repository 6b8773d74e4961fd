namespace ProxyAdmin.Domain.Common;

/// <summary>A domain rule was broken by the values a caller supplied; surfaces as a 400.</summary>
public sealed class DomainRuleException(string param, string message) : Exception(message)
{
    public string Param { get; } = param;
}
