namespace ProxyAdmin.Application.Budgets;

/// <summary>One object that links a budget row: what it is and its id, as a refusal to delete the row names it.</summary>
/// <param name="Kind"><c>project</c>, <c>key</c> (its hash), <c>team</c> (the team's member budget) or <c>team member</c>.</param>
/// <param name="Id">The object's id; a team member's is <c>team_id/user_id</c>.</param>
public sealed record BudgetLink(string Kind, string Id)
{
    public override string ToString() => $"{Kind} {Id}";
}
