using FluentValidation.Validators;

namespace ProxyAdmin.Application.Common.Validation;

/// <summary>A validator that bounds the size of a JSON value as written; the OpenAPI document shows it as <c>x-max-json-bytes</c>.</summary>
public interface IJsonSizeValidator : IPropertyValidator
{
    int MaxBytes { get; }
}
