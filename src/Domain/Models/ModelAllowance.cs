namespace ProxyAdmin.Domain.Models;

/// <summary>What one level's model list says of one model (<see cref="ModelAllowList.Decide"/>).</summary>
/// <param name="Entry">The entry of the list that decided (the access group, the wildcard, the alias's target), when one did.</param>
public readonly record struct ModelAllowance(bool Allowed, ModelAllowanceReason Reason, string? Entry = null);
