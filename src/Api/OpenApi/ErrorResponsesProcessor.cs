using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Namotion.Reflection;
using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// Documents on each operation exactly the error statuses it can answer with, in the error envelope, derived by
/// one rule instead of a list per action (routes are added in parallel, and a list forgets):
/// <list type="bullet">
/// <item>401 and 403 unless the endpoint is anonymous (<c>[AllowAnonymous]</c>): no key, or one that is unknown, expired
/// or blocked; a key whose <c>allowed_routes</c> do not hold the route (<see cref="AllowedRoutesFilter"/>); and 429, an
/// address that failed to authenticate too often (<see cref="FailedAuthenticationLimiter"/>);</item>
/// <item>400, 414 and 431 on every operation, answered before routing (<see cref="RequestLimitChecks"/>): a header with a
/// character HTTP does not allow, a URL over 8 KiB, headers over 32 KiB or 100; and 413 and 415 on every operation
/// whose method carries a body (all but GET, HEAD and OPTIONS), whether or not it reads one: a body over the size
/// limit, a <c>Content-Type</c> that does not parse;</item>
/// <item>400 when it reads a JSON body (malformed JSON, a wrong type or an unknown field, not JSON at all: 415); 400
/// when a query parameter is not a string (a value that does not parse);</item>
/// <item>whatever the messages it sends can end in (<see cref="MessageFailures"/>: policy, validator, command, handler),
/// and whatever the action itself refuses; 500 for an action that takes a key and sends no message (the scrape);</item>
/// <item>400 and 503 on every route that takes a key: a malformed <c>x-proxyadmin-min-revision</c>, or a revision this
/// replica has not applied within the wait (<see cref="RevisionHeaders"/>);</item>
/// <item>400 and 409 on every create that honours <c>Idempotency-Key</c>: a malformed key, or one already used for
/// another request (<see cref="IdempotencyHeadersProcessor"/>);</item>
/// <item>400 on every operation that sends a command: a malformed <c>dry_run</c> (<see cref="DryRunProcessor"/>).</item>
/// </list>
/// A status the action declares itself (<c>ProducesResponseType</c>) keeps its declaration, such as readiness's 503
/// (its own body, not the envelope); actions declare no error envelope of their own, so nothing here can be promised
/// that the rule does not derive (<c>OpenApiTests</c> holds them to it).
/// </summary>
public sealed class ErrorResponsesProcessor : IOperationProcessor
{
    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [StatusCodes.Status400BadRequest] = "Bad input: a field breaks its rule (`param` names it, `errors` lists every one), the body is not the documented JSON, x-proxyadmin-min-revision is not a whole number, Idempotency-Key is not 1 to 255 visible ASCII characters, dry_run is not true or false, or a header holds a character HTTP does not allow (`param` names it).",
        [StatusCodes.Status401Unauthorized] = "No key, or a key that is unknown, expired or blocked.",
        [StatusCodes.Status403Forbidden] = "The key's role or team may not do this, or its `allowed_routes` do not hold this route.",
        [StatusCodes.Status404NotFound] = "Not found, or not visible to the caller.",
        [StatusCodes.Status409Conflict] = "A duplicate, a change made by another request since this one read, or an Idempotency-Key already used for another request; nothing was changed.",
        [StatusCodes.Status412PreconditionFailed] = "If-Match names a version of the resource that is no longer the stored one (or a weak tag, which never matches); nothing was changed. The answer's ETag, also in the message, is the current one.",
        [StatusCodes.Status413PayloadTooLarge] = "The body is larger than the server accepts.",
        [StatusCodes.Status414UriTooLong] = "The URL is longer than the 8,192 bytes the server accepts.",
        [StatusCodes.Status415UnsupportedMediaType] = "The body is not sent as JSON (Content-Type: application/json), or its Content-Type does not parse.",
        [StatusCodes.Status428PreconditionRequired] = "The service requires If-Match on every update and delete (ProxyAdmin__RequireIfMatch) and this request sent none; nothing was changed.",
        [StatusCodes.Status431RequestHeaderFieldsTooLarge] = "The headers are larger than the 32,768 bytes, or more than the 100, the server accepts.",
        [StatusCodes.Status429TooManyRequests] = "This address failed to authenticate too often this minute; every request of it is refused until Retry-After has passed.",
        [StatusCodes.Status500InternalServerError] = "An unexpected failure; it is logged, and no detail of it is returned.",
        [StatusCodes.Status503ServiceUnavailable] = "The database is busy, or this replica has not applied the x-proxyadmin-min-revision in time; nothing was changed. Send the request again (Retry-After).",
    };

    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext { ApiDescription: { } description })
        {
            return true;
        }

        // An endpoint without an action (the liveness probes) answers only what is refused before routing.
        var statuses = description.ActionDescriptor is ControllerActionDescriptor action
            ? StatusesOf(description, action.MethodInfo)
            : RefusedBeforeRouting(description);
        var responses = context.OperationDescription.Operation.Responses;
        var errorSchema = context.SchemaGenerator.GenerateWithReferenceAndNullability<JsonSchema>(typeof(ErrorResponse).ToContextualType(), false, context.SchemaResolver);
        foreach (var status in statuses)
        {
            var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // A status the action declares with a body of its own (readiness's 503) is that body, described by the action.
            if (!responses.ContainsKey(code))
            {
                responses[code] = new OpenApiResponse
                {
                    Description = Descriptions.GetValueOrDefault(status, string.Empty),
                    Content = { ["application/json"] = new OpenApiMediaType { Schema = errorSchema } },
                };
            }
        }

        var ordered = responses.OrderBy(r => int.TryParse(r.Key, out var n) ? n : int.MaxValue).ToList();
        responses.Clear();
        foreach (var (code, response) in ordered)
        {
            responses[code] = response;
        }

        return true;
    }

    /// <summary>What <see cref="RequestLimitChecks"/> refuses whatever the operation: the URL, the headers, and a body's size and type.</summary>
    private static SortedSet<int> RefusedBeforeRouting(ApiDescription description)
    {
        var statuses = new SortedSet<int> { StatusCodes.Status400BadRequest, StatusCodes.Status414UriTooLong, StatusCodes.Status431RequestHeaderFieldsTooLarge };
        if (!RequestLimitChecks.IgnoresItsBody(description.HttpMethod ?? HttpMethods.Get))
        {
            statuses.Add(StatusCodes.Status413PayloadTooLarge);
            statuses.Add(StatusCodes.Status415UnsupportedMediaType);
        }

        return statuses;
    }

    public static SortedSet<int> StatusesOf(ApiDescription description, MethodInfo action)
    {
        var statuses = RefusedBeforeRouting(description);
        var messages = ActionMessages.Of(action);
        var anonymous = description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous || messages.Any(m => !MessageFailures.IsAnonymous(m)))
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
            statuses.Add(StatusCodes.Status403Forbidden);
            statuses.Add(StatusCodes.Status429TooManyRequests);

            // x-proxyadmin-min-revision, honoured on every route that takes a key (RevisionHeaders): 400 when malformed.
            statuses.Add(StatusCodes.Status503ServiceUnavailable);
        }

        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body))
        {
            statuses.Add(StatusCodes.Status413PayloadTooLarge);
            statuses.Add(StatusCodes.Status415UnsupportedMediaType);
        }

        foreach (var message in messages)
        {
            statuses.UnionWith(MessageFailures.Of(message));
        }

        statuses.UnionWith(MessageFailures.StatusesThrownBy([action]));

        // Idempotency-Key, on the creates that honour it (IdempotencyHeadersProcessor): malformed, or used for another request.
        if (messages.Any(IdempotencyHeadersProcessor.Honours))
        {
            statuses.Add(StatusCodes.Status400BadRequest);
            statuses.Add(StatusCodes.Status409Conflict);
        }

        // dry_run, on every command (DryRunProcessor): malformed.
        if (messages.Any(DryRunProcessor.Honours))
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        // An action that takes a key but sends no message (the Prometheus scrape) can still fail unexpectedly, as a message can.
        if (!anonymous && !messages.Any())
        {
            statuses.Add(StatusCodes.Status500InternalServerError);
        }

        return statuses;
    }
}
