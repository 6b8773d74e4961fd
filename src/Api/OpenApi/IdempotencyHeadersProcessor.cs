using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Domain.Idempotency;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// Documents safe retries (README, "Safe retries: Idempotency-Key") by one rule, read from the messages the action
/// sends: every operation whose command is marked <see cref="IIdempotentCommand"/> takes an optional
/// <c>Idempotency-Key</c> header, and its success responses may carry <c>Idempotent-Replayed: true</c>. The 400 and 409
/// are <see cref="ErrorResponsesProcessor"/>'s.
/// </summary>
public sealed class IdempotencyHeadersProcessor : IOperationProcessor
{
    /// <summary>True for a message the pipeline gives safe retries (<see cref="IdempotentResponses.AttemptOf"/>).</summary>
    public static bool Honours(Type message) => message.IsAssignableTo(typeof(IIdempotentCommand));

    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext { ApiDescription.ActionDescriptor: Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor action }
            || !ActionMessages.Of(action.MethodInfo).Any(Honours))
        {
            return true;
        }

        var operation = context.OperationDescription.Operation;
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = HttpIdempotencyRequest.Header,
            Kind = OpenApiParameterKind.Header,
            IsRequired = false,
            Schema = new NJsonSchema.JsonSchema
            {
                Type = NJsonSchema.JsonObjectType.String,
                MaxLength = IdempotencyRecord.KeyMaxLength,
                Pattern = "^[!-~]*$",
            },
            Description = "Makes a retry safe: the same request sent again with the same key by the same caller within "
                + "the window (24 hours by default) is answered with the first answer, a minted secret included, marked "
                + $"{HttpIdempotencyRequest.ReplayedHeader}: true, and changes nothing. The same key with another body or "
                + "route is a 409; a refused request keeps nothing, so its retry runs again. 1 to 255 visible ASCII "
                + "characters, such as a UUID; empty is the same as absent; anything else is a 400.",
        });

        ResponseHeaders.OnSuccess(
            operation,
            HttpIdempotencyRequest.ReplayedHeader,
            "true when this is the first answer to a request sent before with the same Idempotency-Key, given again; absent otherwise.",
            only: "true");

        return true;
    }
}
