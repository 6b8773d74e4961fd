using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Binds enums outside the body (<c>?role=internal_user</c>) by their wire names, as JSON bodies and the
/// OpenAPI document spell them; ASP.NET alone knows only the C# names (<c>InternalUser</c>), which stay accepted.
/// </summary>
public sealed class WireEnumModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type.IsEnum && context.BindingInfo.BindingSource != BindingSource.Body ? new WireEnumModelBinder(type) : null;
    }

    private sealed class WireEnumModelBinder(Type enumType) : IModelBinder
    {
        private readonly string _wireNames = string.Join(", ", Enum.GetNames(enumType).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));

        private readonly Dictionary<string, object> _values = Enum.GetNames(enumType)
            .SelectMany(name => new[] { name, JsonNamingPolicy.SnakeCaseLower.ConvertName(name) }.Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(spelling => KeyValuePair.Create(spelling, Enum.Parse(enumType, name))))
            .ToDictionary(StringComparer.OrdinalIgnoreCase);

        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (result == ValueProviderResult.None || string.IsNullOrWhiteSpace(result.FirstValue))
            {
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            if (_values.TryGetValue(result.FirstValue.Trim(), out var value))
            {
                bindingContext.Result = ModelBindingResult.Success(value);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, $"'{bindingContext.ModelName}' must be one of: {_wireNames}.");
            }

            return Task.CompletedTask;
        }
    }
}
