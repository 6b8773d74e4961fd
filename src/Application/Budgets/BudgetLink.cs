namespace ProxyAdmin.Application.Budgets;

/// <summary>One object that links a budget row: what it is and its id, as a refusal to delete the row names it.</summary>
/// <param name="Kind"><c>project</c>, <c>key</c> (its hash), <c>team</c> (the team's member budget), <c>team member</c>, <c>organization</c> or <c>organization member</c>.</param>
/// <param name="Id">The object's id; a member's is <c>team_id/user_id</c> or <c>organization_id/user_id</c>.</param>
public sealed record BudgetLink(string Kind, string Id)
{
    public override string ToString() => $"{Kind} {Id}";
}
