using FluentValidation.Validators;

namespace ProxyAdmin.Application.Common.Validation;

/// <summary>A validator that bounds how many items a list holds; the OpenAPI document shows it as <c>maxItems</c>.</summary>
public interface IMaxItemsValidator : IPropertyValidator
{
    int Max { get; }
}
