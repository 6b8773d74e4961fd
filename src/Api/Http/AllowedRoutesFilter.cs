using Microsoft.AspNetCore.Mvc.Filters;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Enforces a virtual key's <c>allowed_routes</c> (or the <c>key_type</c> that set them) on every authenticated call, for
/// every role, as LiteLLM's route check does: a <c>read_only</c> or <c>llm_api</c> key must not manage anything here.
/// Anonymous routes (health) are not checked.
/// </summary>
/// <remarks>
/// One instance for the whole application (<c>options.Filters.Add(new AllowedRoutesFilter())</c>), its request's services
/// taken from the request: a filter MVC must build per request (a type filter) keeps MVC from caching the action's
/// filter pipeline, which it then rebuilt, with an instance of this filter, on every request.
/// </remarks>
public sealed class AllowedRoutesFilter : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var caller = http.RequestServices.GetRequiredService<ICurrentCaller>();

        // The master key is configuration, not a row: it has no allowed_routes to look up.
        if (!caller.IsAuthenticated || caller.Principal.Kind == PrincipalKind.MasterKey || IsAnonymous(context))
        {
            return;
        }

        var path = http.Request.Path.Value ?? "/";
        var restrictions = http.RequestServices.GetRequiredService<IKeyRouteRestrictions>();
        var allowed = await restrictions.AllowedRoutesAsync(caller.Principal.KeyToken, http.RequestAborted);
        if (!KeyRoutes.Allows(allowed, path))
        {
            context.Result = new ObjectResult(ErrorResponse.Create(StatusCodes.Status403Forbidden, KeyRoutes.Refusal(allowed, path))) { StatusCode = StatusCodes.Status403Forbidden };
        }
    }

    /// <summary>The action allows anonymous callers: the endpoint's metadata, which caches the look-up per type.</summary>
    private static bool IsAnonymous(AuthorizationFilterContext context) =>
        context.HttpContext.GetEndpoint() is { } endpoint
            ? endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null
            : context.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
}
