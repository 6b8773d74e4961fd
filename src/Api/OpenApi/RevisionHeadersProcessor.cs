using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// Documents the read-your-writes headers (<see cref="RevisionHeaders"/>): <c>x-proxyadmin-min-revision</c> as an
/// optional header parameter of every operation that takes a key (the anonymous probes ignore it), and <c>x-proxyadmin-revision</c> on the success responses of every
/// write (every POST, PUT, PATCH and DELETE route sends a command). The 400 and 503 the header can lead to are
/// documented with the other error statuses (<see cref="ErrorResponsesProcessor"/>).
/// </summary>
public sealed class RevisionHeadersProcessor : IOperationProcessor
{
    private static readonly HashSet<string> Writes = new(StringComparer.OrdinalIgnoreCase)
    {
        OpenApiOperationMethod.Post, OpenApiOperationMethod.Put, OpenApiOperationMethod.Patch, OpenApiOperationMethod.Delete,
    };

    public bool Process(OperationProcessorContext context)
    {
        var operation = context.OperationDescription.Operation;
        if (context is AspNetCoreOperationProcessorContext { ApiDescription.ActionDescriptor.EndpointMetadata: var metadata }
            && metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
        {
            return true;
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = RevisionHeaders.MinRevision,
            Kind = OpenApiParameterKind.Header,
            IsRequired = false,
            Schema = new JsonSchema { Type = JsonObjectType.Integer, Format = JsonFormatStrings.Long, Minimum = 0 },
            Description = "Answer only once this replica has applied at least this database revision (the "
                + $"{RevisionHeaders.Revision} of an earlier write): a read through any replica then sees that write and every "
                + "one before it. Waits a bounded time, then 503 with Retry-After. Not a whole number: 400.",
        });

        if (Writes.Contains(context.OperationDescription.Method))
        {
            foreach (var (status, response) in operation.Responses)
            {
                if (status.StartsWith('2'))
                {
                    // NSwag's header is a bare JSON schema (OpenAPI 2's shape); OpenAPI 3 wants the type under "schema".
                    response.Headers[RevisionHeaders.Revision] = new OpenApiHeader
                    {
                        Description = "The database revision this write committed. Send it as "
                            + $"{RevisionHeaders.MinRevision} to read your write through any replica.",
                        ExtensionData = new Dictionary<string, object?>
                        {
                            ["schema"] = new Dictionary<string, object?> { ["type"] = "integer", ["format"] = "int64" },
                        },
                    };
                }
            }
        }

        return true;
    }
}
