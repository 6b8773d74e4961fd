using Microsoft.AspNetCore.Http.Metadata;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// The summary and description of an endpoint without a controller (<see cref="HealthProbes"/>), from its
/// <c>WithSummary</c> and <c>WithDescription</c>: NSwag reads them from XML comments of actions only.
/// </summary>
public sealed class EndpointSummaryProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context is AspNetCoreOperationProcessorContext { ApiDescription.ActionDescriptor.EndpointMetadata: { } metadata })
        {
            var operation = context.OperationDescription.Operation;
            if (string.IsNullOrEmpty(operation.Summary) && metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault() is { } summary)
            {
                operation.Summary = summary.Summary;
            }

            if (string.IsNullOrEmpty(operation.Description) && metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault() is { } description)
            {
                operation.Description = description.Description;
            }
        }

        return true;
    }
}
