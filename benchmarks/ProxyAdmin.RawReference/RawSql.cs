namespace ProxyAdmin.RawReference;

/// <summary>
/// The statements, the same text on SQLite and PostgreSQL (EF Core created both schemas with quoted PascalCase names).
/// Column order is the JSON's order; <see cref="RawJson"/> reads by these ordinals.
/// </summary>
internal static class RawSql
{
    /// <summary>What authentication needs: the key's own state, its user's role, its team's and its project's block.</summary>
    public const string KeyLookup = """
        SELECT k."UserId", u."UserRole", k."TeamId", k."Blocked", t."Blocked", k."Expires", p."Blocked", k."ProjectId", k."AllowedRoutes"
        FROM "VirtualKeys" k
        LEFT JOIN "Users" u ON u."UserId" = k."UserId"
        LEFT JOIN "Teams" t ON t."TeamId" = k."TeamId"
        LEFT JOIN "Projects" p ON p."ProjectId" = k."ProjectId"
        WHERE k."Token" = @token
        """;

    /// <summary>The 13 budget columns, in <c>litellm_budget_table</c>'s order.</summary>
    private const string BudgetColumns = """
        b."BudgetId", b."MaxBudget", b."SoftBudget", b."MaxParallelRequests", b."TpmLimit", b."RpmLimit", b."ModelMaxBudget",
        b."BudgetDuration", b."BudgetResetAt", b."CreatedAt", b."CreatedBy", b."UpdatedAt", b."UpdatedBy"
        """;

    /// <summary>The 10 object permission columns, in <c>object_permission</c>'s order.</summary>
    private const string PermissionColumns = """
        o."ObjectPermissionId", o."VectorStores", o."McpServers", o."McpAccessGroups", o."McpToolPermissions", o."Agents",
        o."AgentAccessGroups", o."Models", o."BlockedTools", o."McpToolsets"
        """;

    public const int KeyBudget = 41;
    public const int KeyPermission = KeyBudget + 13;

    /// <summary>A key row with its budget row and object permission (41 key columns, then 13, then 10).</summary>
    public const string KeyInfo = """
        SELECT k."Token", k."KeyName", k."KeyAlias", k."UserId", k."TeamId", k."ProjectId", k."AgentId", k."OrganizationId", k."Models",
        k."MaxBudget", k."Spend", k."TpmLimit", k."RpmLimit", k."MaxParallelRequests", k."BudgetDuration", k."BudgetResetAt", k."Expires",
        k."Metadata", k."Blocked", k."Aliases", k."Config", k."Permissions", k."ModelMaxBudget", k."ModelSpend", k."RouterSettings",
        k."AllowedCacheControls", k."AllowedRoutes", k."AccessGroupIds", k."SoftBudgetCooldown", k."AutoRotate", k."RotationInterval",
        k."KeyRotationAt", k."LastActive", k."BudgetId", k."ObjectPermissionId", k."RotationCount", k."LastRotationAt", k."CreatedAt",
        k."CreatedBy", k."UpdatedAt", k."UpdatedBy",
        """ + BudgetColumns + ",\n" + PermissionColumns + """

        FROM "VirtualKeys" k
        LEFT JOIN "Budgets" b ON b."BudgetId" = k."BudgetId"
        LEFT JOIN "ObjectPermissions" o ON o."ObjectPermissionId" = k."ObjectPermissionId"
        WHERE k."Token" = @token
        """;

    public const int ProjectBudget = 15;
    public const int ProjectPermission = ProjectBudget + 13;

    /// <summary>15 project columns, 13 budget columns, 10 object permission columns.</summary>
    private const string ProjectColumns = """
        SELECT p."ProjectId", p."ProjectAlias", p."Description", p."TeamId", p."BudgetId", p."Metadata", p."Models", p."Spend",
        p."ModelSpend", p."Blocked", p."ObjectPermissionId", p."CreatedAt", p."CreatedBy", p."UpdatedAt", p."UpdatedBy",
        """ + BudgetColumns + ",\n" + PermissionColumns;

    private const string ProjectFrom = """

        FROM "Projects" p
        LEFT JOIN "Budgets" b ON b."BudgetId" = p."BudgetId"
        LEFT JOIN "ObjectPermissions" o ON o."ObjectPermissionId" = p."ObjectPermissionId"
        """;

    /// <summary>The project, and (last column) whether @user is a member of its team: the access check as one sub-select.</summary>
    public const string ProjectInfo = ProjectColumns + """
        ,
        (SELECT COUNT(*) FROM "TeamMembers" m WHERE m."TeamId" = p."TeamId" AND m."UserId" = @user)
        """ + ProjectFrom + """

        WHERE p."ProjectId" = @project
        """;

    /// <summary>Column index of <c>CallerIsMember</c> in <see cref="ProjectInfo"/>.</summary>
    public const int ProjectCallerIsMember = ProjectPermission + 10;

    public const string ProjectCountAll = """SELECT COUNT(*) FROM "Projects" """;

    /// <summary>
    /// The page is cut from the projects alone and only its rows are joined: the database sorts and skips narrow rows,
    /// not rows already widened by their budget and permission.
    /// </summary>
    public const string ProjectPageAll = ProjectColumns + """

        FROM (SELECT * FROM "Projects" ORDER BY "CreatedAt", "ProjectId" LIMIT @take OFFSET @skip) p
        LEFT JOIN "Budgets" b ON b."BudgetId" = p."BudgetId"
        LEFT JOIN "ObjectPermissions" o ON o."ObjectPermissionId" = p."ObjectPermissionId"
        ORDER BY p."CreatedAt", p."ProjectId"
        """;

    public const string ProjectCountOfMember = """
        SELECT COUNT(*) FROM "Projects" p WHERE p."TeamId" IN (SELECT m."TeamId" FROM "TeamMembers" m WHERE m."UserId" = @user)
        """;

    public const string ProjectPageOfMember = ProjectColumns + """

        FROM (SELECT * FROM "Projects" WHERE "TeamId" IN (SELECT m."TeamId" FROM "TeamMembers" m WHERE m."UserId" = @user)
              ORDER BY "CreatedAt", "ProjectId" LIMIT @take OFFSET @skip) p
        LEFT JOIN "Budgets" b ON b."BudgetId" = p."BudgetId"
        LEFT JOIN "ObjectPermissions" o ON o."ObjectPermissionId" = p."ObjectPermissionId"
        ORDER BY p."CreatedAt", p."ProjectId"
        """;

    /// <summary>The first statement of every write: it orders commits, and on PostgreSQL its row lock queues writers.</summary>
    public const string BumpRevision = """UPDATE "Revision" SET "Value" = "Value" + 1 WHERE "Id" = 1 RETURNING "Value" """;

    public const string NotifyRevision = "SELECT pg_notify('proxyadmin_revision', @revision)";

    /// <summary>What creating a project under a team needs to know: the team's limits and the caller's role in it.</summary>
    public const string TeamForWrite = """
        SELECT t."Models", t."MaxBudget", (SELECT m."Role" FROM "TeamMembers" m WHERE m."TeamId" = t."TeamId" AND m."UserId" = @user)
        FROM "Teams" t WHERE t."TeamId" = @team
        """;

    public const string ProjectExists = """SELECT COUNT(*) FROM "Projects" WHERE "ProjectId" = @project""";

    public const string InsertBudget = """
        INSERT INTO "Budgets" ("BudgetId", "MaxBudget", "SoftBudget", "MaxParallelRequests", "TpmLimit", "RpmLimit", "ModelMaxBudget",
            "BudgetDuration", "BudgetResetAt", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy", "Version")
        VALUES (@budget, @max_budget, NULL, NULL, NULL, NULL, NULL, NULL, NULL, @at, @by, @at, @by, 0)
        """;

    public const string InsertProject = """
        INSERT INTO "Projects" ("ProjectId", "ProjectAlias", "Description", "TeamId", "BudgetId", "Metadata", "Models", "Spend", "Blocked",
            "ObjectPermissionId", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy", "Version", "ModelSpend")
        VALUES (@project, @alias, @description, @team, @budget, @metadata, @models, 0, @blocked, NULL, @at, @by, @at, @by, 0, '{}')
        """;

    public const string InsertAudit = """
        INSERT INTO "AuditLogs" ("Id", "UpdatedAt", "ChangedBy", "ChangedByApiKey", "Action", "TableName", "ObjectId", "BeforeValue", "UpdatedValues")
        VALUES (@id, @at, @by, @key, 'Created', 'LiteLLM_ProjectTable', @object, NULL, @after)
        """;
}
