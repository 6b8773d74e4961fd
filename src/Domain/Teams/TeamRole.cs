namespace ProxyAdmin.Domain.Teams;

/// <summary>A member's role inside one team; on the wire <c>admin</c> or <c>user</c>, as LiteLLM.</summary>
public enum TeamRole
{
    /// <summary>Updates the team (never its own limits upward), manages members and team models.</summary>
    Admin,

    /// <summary>Reads the team and issues keys for it.</summary>
    User,
}
