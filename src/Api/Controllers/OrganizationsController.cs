using ProxyAdmin.Api.OpenApi;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Organizations.Commands.AddOrganizationMembers;
using ProxyAdmin.Application.Organizations.Commands.CreateOrganization;
using ProxyAdmin.Application.Organizations.Commands.DeleteOrganizationMember;
using ProxyAdmin.Application.Organizations.Commands.DeleteOrganizations;
using ProxyAdmin.Application.Organizations.Commands.UpdateOrganization;
using ProxyAdmin.Application.Organizations.Commands.UpdateOrganizationMember;
using ProxyAdmin.Application.Organizations.Queries.GetOrganizationInfo;
using ProxyAdmin.Application.Organizations.Queries.ListOrganizations;

namespace ProxyAdmin.Api.Controllers;

/// <summary>Organizations, the top of organization → team → project → key (LiteLLM's organization routes).</summary>
[Tags("organizations")]
public sealed class OrganizationsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Creates an organization with its budget row (described, or linked by <c>budget_id</c>). Proxy admins.</summary>
    [RequestExample(
        "litellm/proxy/management_endpoints/organization_endpoints.py, new_organization",
        """
        {
          "organization_alias": "my-secret-org",
          "models": ["model1", "model2"],
          "max_budget": 100
        }
        """)]
    [HttpPost("/organization/new")]
    [ProducesResponseType<OrganizationDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OrganizationDto>> Create(CreateOrganizationCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Changes the fields sent; the teams in the organization must still fit within it. Proxy admins.</summary>
    [HttpPatch("/organization/update")]
    [ProducesResponseType<OrganizationDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OrganizationDto>> Update(UpdateOrganizationCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Deletes organizations without teams (<c>{"organization_ids": [...]}</c>), all or none. Proxy admins.</summary>
    [HttpDelete("/organization/delete")]
    [ProducesResponseType<List<OrganizationDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<List<OrganizationDto>>> Delete(DeleteOrganizationsCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>The organization with its budget row, members and the teams the caller may see. Admins, viewers and its members.</summary>
    [HttpGet("/organization/info")]
    [ProducesResponseType<OrganizationDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OrganizationDto>> Info([FromQuery(Name = "organization_id")] string? organizationId, CancellationToken cancellationToken) =>
        await Sender.Send(new GetOrganizationInfoQuery(organizationId ?? string.Empty), cancellationToken);

    /// <summary>Every organization for admins and viewers; the caller's organizations for everyone else.</summary>
    [HttpGet("/organization/list")]
    [ProducesResponseType<List<OrganizationDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<List<OrganizationDto>>> List(CancellationToken cancellationToken) =>
        await Sender.Send(new ListOrganizationsQuery(), cancellationToken);

    /// <summary>Adds one member or several, each with an organization role; unknown users are created. Proxy admins and org admins.</summary>
    [RequestExample(
        "litellm/proxy/management_endpoints/organization_endpoints.py, organization_member_add",
        """
        {
          "organization_id": "45e3e396-ee08-4a61-a88e-16b3ce7e0849",
          "member": {"role": "internal_user", "user_id": "krrish247652@berri.ai"},
          "max_budget_in_organization": 100.0
        }
        """)]
    [HttpPost("/organization/member_add")]
    [ProducesResponseType<OrganizationMembersAddedDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OrganizationMembersAddedDto>> AddMembers(AddOrganizationMembersCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Changes a member's organization role or budget in the organization. Proxy admins and org admins.</summary>
    [HttpPatch("/organization/member_update")]
    [ProducesResponseType<OrganizationMembershipDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OrganizationMembershipDto>> UpdateMember(UpdateOrganizationMemberCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Removes a member that is in none of the organization's teams. Proxy admins and org admins.</summary>
    [HttpDelete("/organization/member_delete")]
    [ProducesResponseType<OrganizationMembershipDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OrganizationMembershipDto>> DeleteMember(DeleteOrganizationMemberCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);
}
