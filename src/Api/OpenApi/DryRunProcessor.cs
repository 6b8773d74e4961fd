using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// Documents dry runs (README, "Dry runs") by one rule, read from the messages the action sends: every operation that
/// sends a command takes an optional <c>dry_run</c> query parameter, and its success responses may carry
/// <c>x-proxyadmin-dry-run: true</c>. Added after every other parameter, so the generated clients' earlier positional
/// arguments keep their places. The 400 for a malformed value is <see cref="ErrorResponsesProcessor"/>'s.
/// </summary>
public sealed class DryRunProcessor : IOperationProcessor
{
    private const int LastPosition = 100;

    /// <summary>True for a message the transaction behaviour can run as a dry run: every command.</summary>
    public static bool Honours(Type message) => message.IsAssignableTo(typeof(IBaseCommand));

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
            Name = HttpDryRunRequest.Parameter,
            Kind = OpenApiParameterKind.Query,
            IsRequired = false,

            // After the body too (x-position), where an operation's body is optional and so comes after the headers.
            Position = LastPosition,
            Schema = new NJsonSchema.JsonSchema { Type = NJsonSchema.JsonObjectType.Boolean },
            Description = "true: judge, validate and check the write against every limit, and answer what it would answer, "
                + $"marked {HttpDryRunRequest.Header}: true, without writing anything: no audit row, no revision, no ETag, and "
                + "no Idempotency-Key kept or replayed. A refusal is the one the write would get. A key or secret in the answer "
                + "was never stored and authenticates nothing. true or false in any case; anything else is a 400.",
        });

        ResponseHeaders.OnSuccess(
            operation,
            HttpDryRunRequest.Header,
            "true when the answer is a dry run's (dry_run=true): computed, then rolled back, so nothing in it was stored; absent otherwise.",
            only: "true");

        return true;
    }
}
