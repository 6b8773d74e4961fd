using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Formatters;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// A success response an action declares with content types of its own (<c>ProducesResponseType&lt;string&gt;(200,
/// "text/plain", …)</c>, the Prometheus scrape) is documented with exactly those: NSwag otherwise documents every
/// response as <c>application/json</c>.
/// </summary>
public sealed class ResponseContentTypesProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext { ApiDescription.ActionDescriptor.EndpointMetadata: { } metadata })
        {
            return true;
        }

        foreach (var declared in metadata.OfType<ProducesResponseTypeAttribute>())
        {
            var contentTypes = new MediaTypeCollection();
            ((IApiResponseMetadataProvider)declared).SetContentTypes(contentTypes);
            var code = declared.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (contentTypes.Count == 0 || !context.OperationDescription.Operation.Responses.TryGetValue(code, out var response))
            {
                continue;
            }

            var schema = response.Content.Values.FirstOrDefault()?.Schema;
            response.Content.Clear();
            foreach (var contentType in contentTypes)
            {
                response.Content[contentType] = new NSwag.OpenApiMediaType { Schema = schema };
            }
        }

        return true;
    }
}
