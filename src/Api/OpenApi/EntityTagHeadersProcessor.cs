using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using ProxyAdmin.Application.Common.Concurrency;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// Documents the entity tags (README, "No lost edits") by one rule, read from the handlers like the error statuses:
/// <c>If-Match</c> as an optional header parameter of every operation whose handler checks it
/// (<see cref="EntityTags.EnsureCurrent(string, IReadOnlyList{ValueTuple{string, long}})"/>), and <c>ETag</c> on the success
/// responses of every operation whose handler names the resource it shows (<see cref="EntityTags.Answer"/>) and on
/// their 412. Runs after <see cref="ErrorResponsesProcessor"/>, which adds the 412.
/// </summary>
public sealed class EntityTagHeadersProcessor : IOperationProcessor
{
    private static readonly System.Reflection.MethodInfo Checks =
        typeof(EntityTags).GetMethod(nameof(EntityTags.EnsureCurrent), [typeof(string), typeof(IReadOnlyList<(string, long)>)])!;

    private static readonly System.Reflection.MethodInfo Answers = typeof(EntityTags).GetMethod(nameof(EntityTags.Answer))!;

    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext { ApiDescription.ActionDescriptor: Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor action })
        {
            return true;
        }

        var messages = ActionMessages.Of(action.MethodInfo);
        var operation = context.OperationDescription.Operation;
        if (messages.Any(m => MessageFailures.HandlerCalls(m, Checks)))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = EntityTags.Param,
                Kind = OpenApiParameterKind.Header,
                IsRequired = false,
                Schema = new NJsonSchema.JsonSchema { Type = NJsonSchema.JsonObjectType.String },
                Description = "Change only this version: the ETag a read or the last write of the resource returned, as it came "
                    + "(quoted), or * (it exists). A stale or weak tag is a 412 and changes nothing. A write naming several ids "
                    + "takes one tag per id, comma-separated in the order of the ids, or a single *; another count is a 400. "
                    + $"Required (428 without it) when the service runs with {ConditionalWriteSettings.SettingName}=true.",
            });
            Document(operation, "412", "The current ETag of the resource that did not match.");
        }

        if (messages.Any(m => MessageFailures.HandlerCalls(m, Answers)))
        {
            foreach (var status in operation.Responses.Keys.Where(s => s.StartsWith('2')).ToList())
            {
                Document(operation, status, "The resource's entity tag (strong, quoted): send it as If-Match to change only this version. "
                    + "Present when the answer shows one stored resource.");
            }
        }

        return true;
    }

    private static void Document(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses.TryGetValue(status, out var response))
        {
            response.Headers["ETag"] = ResponseHeaders.String(description);
        }
    }
}
