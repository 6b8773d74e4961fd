using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Commands.UpdateTeam;

/// <summary>LiteLLM's <c>/team/update</c> shape.</summary>
public sealed record UpdatedTeamDto
{
    public required string TeamId { get; init; }
    public required TeamDto Data { get; init; }
}
