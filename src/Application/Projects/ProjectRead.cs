using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.Projects;

/// <summary>
/// A project as a query shows it (<see cref="IProjectRepository.ReadAsync"/>), with what its access rule needs:
/// whether the caller's user is a member of the project's team, null when that team does not exist.
/// </summary>
public sealed record ProjectRead(Project Project, bool? UserIsMember);
