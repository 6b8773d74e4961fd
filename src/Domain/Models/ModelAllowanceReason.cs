namespace ProxyAdmin.Domain.Models;

/// <summary>Why one level's model list allows a model, or that it does not (<see cref="ModelAllowList"/>).</summary>
public enum ModelAllowanceReason
{
    /// <summary>The list is empty: nothing is restricted at this level.</summary>
    Unrestricted,

    /// <summary>The list holds <c>all-proxy-models</c> or <c>*</c>.</summary>
    AllProxyModels,

    /// <summary>The list holds one of the model's access groups (a name in a deployment's <c>model_info.access_groups</c>).</summary>
    AccessGroup,

    /// <summary>The model is a team alias (a team model's public name).</summary>
    TeamAlias,

    /// <summary>A wildcard entry of the list (<c>openai/*</c>) matches the model's name.</summary>
    Wildcard,

    /// <summary>The list names the model.</summary>
    Listed,

    /// <summary>The list holds <c>no-default-models</c>: no model outside a team's.</summary>
    NoDefaultModels,

    /// <summary>The list restricts, and nothing in it allows the model.</summary>
    NotListed,
}
