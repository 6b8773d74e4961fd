using Microsoft.AspNetCore.Mvc.ModelBinding;
using NJsonSchema.Generation;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// Puts the validators' bounds (<see cref="ValidatorConstraints"/>) into the document: into each request body's
/// schema, and into the query and path parameters an action copies into the message it sends (<c>page_size</c> of
/// <c>/audit</c> is <c>ListAuditLogsQuery.PageSize</c>), matched by wire name.
/// </summary>
public sealed class ValidatorConstraintsProcessor : ISchemaProcessor, IOperationProcessor
{
    public void Process(SchemaProcessorContext context) =>
        ValidatorConstraints.ApplyToProperties(context.ContextualType.Type, context.Schema);

    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext { ApiDescription: { } description })
        {
            return true;
        }

        var messages = ActionMessages.Of(context.MethodInfo);
        var bound = description.ParameterDescriptions
            .Where(p => p.Source == BindingSource.Query || p.Source == BindingSource.Path)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var parameter in context.OperationDescription.Operation.Parameters.Where(p => bound.Contains(p.Name)))
        {
            foreach (var message in messages)
            {
                ValidatorConstraints.ApplyToField(message, parameter.Name, parameter.Schema ?? parameter);
            }
        }

        return true;
    }
}
