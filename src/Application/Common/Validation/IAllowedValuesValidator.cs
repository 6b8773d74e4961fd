using FluentValidation.Validators;

namespace ProxyAdmin.Application.Common.Validation;

/// <summary>A validator that accepts only the texts in <see cref="Values"/>; FluentValidation has no interface of its own for it.</summary>
public interface IAllowedValuesValidator : IPropertyValidator
{
    IReadOnlyList<string> Values { get; }
}
