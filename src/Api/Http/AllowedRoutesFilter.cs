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
public sealed class AllowedRoutesFilter(IKeyRouteRestrictions restrictions, ICurrentCaller caller) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        // The master key is configuration, not a row: it has no allowed_routes to look up.
        if (!caller.IsAuthenticated || caller.Principal.Kind == PrincipalKind.MasterKey || context.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
        {
            return;
        }

        var path = context.HttpContext.Request.Path.Value ?? "/";
        var allowed = await restrictions.AllowedRoutesAsync(caller.Principal.KeyToken, context.HttpContext.RequestAborted);
        if (!KeyRoutes.Allows(allowed, path))
        {
            context.Result = new ObjectResult(ErrorResponse.Create(StatusCodes.Status403Forbidden, KeyRoutes.Refusal(allowed, path))) { StatusCode = StatusCodes.Status403Forbidden };
        }
    }
}
