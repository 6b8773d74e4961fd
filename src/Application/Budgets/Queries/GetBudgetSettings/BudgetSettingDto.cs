using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Budgets.Queries.GetBudgetSettings;

/// <summary>One settable field of a budget row with its current value, as LiteLLM's admin UI reads it (<c>ConfigList</c>).</summary>
public sealed record BudgetSettingDto
{
    public required string FieldName { get; init; }

    /// <summary><c>Integer</c>, <c>Float</c>, <c>String</c> or <c>Object</c>.</summary>
    public required string FieldType { get; init; }

    public required string FieldDescription { get; init; }

    /// <summary>The stored value, or null when the row has none.</summary>
    public required JsonNode? FieldValue { get; init; }

    /// <summary>Always true: every budget field is stored in the database.</summary>
    public required bool StoredInDb { get; init; }

    /// <summary>Always null: a budget field that is not set limits nothing.</summary>
    public required JsonNode? FieldDefaultValue { get; init; }
}
