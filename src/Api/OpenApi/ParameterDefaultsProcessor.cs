using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Controllers;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using ProxyAdmin.Infrastructure.Json;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// A parameter's default as the wire spells it: NSwag writes an enum default by its C# name (<c>Desc</c>), which is
/// not among the enum's own values (<c>asc</c>, <c>desc</c>); this writes it as the service's JSON would.
/// </summary>
public sealed class ParameterDefaultsProcessor : IOperationProcessor
{
    private static readonly JsonSerializerOptions Wire = WireJsonOptions.CreateDefault().Serializer;

    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext { ApiDescription: { } description })
        {
            return true;
        }

        foreach (var parameter in description.ParameterDescriptions)
        {
            if (parameter.ParameterDescriptor is not ControllerParameterDescriptor { ParameterInfo: { HasDefaultValue: true, DefaultValue: Enum value } }
                || context.OperationDescription.Operation.Parameters.FirstOrDefault(p => p.Name == parameter.Name) is not { } documented)
            {
                continue;
            }

            var schema = documented.Schema ?? documented;
            schema.Default = JsonSerializer.SerializeToElement(value, value.GetType(), Wire).GetString();
        }

        return true;
    }
}
