using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Infrastructure.Data.Direct;

/// <summary>
/// <c>/project/info</c>'s read by hand (<see cref="Repositories.ProjectRepository.ReadAsync"/>): the project with its
/// budget row and object permission, and whether the caller's user is a member of the project's team, in one statement
/// as the compiled EF query reads them: the membership a scalar subquery, NULL when the team row is gone, false when
/// there is no user. Built once per model.
/// </summary>
internal sealed class DirectProjectRead
{
    private static readonly ConditionalWeakTable<IModel, DirectProjectRead> ByModel = new();

    private readonly JoinedRowReader<Project> _row;
    private readonly int _membership;

    private DirectProjectRead(DbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        _row = new JoinedRowReader<Project>(
            db, JoinedRowReader<Project>.Include<Budget>(nameof(Project.Budget)), JoinedRowReader<Project>.Include<ObjectPermission>(nameof(Project.ObjectPermission)));
        _membership = _row.ColumnCount;

        var team = db.Model.FindEntityType(typeof(Team))!;
        var teamTable = StoreObjectIdentifier.Table(team.GetTableName()!, team.GetSchema());
        var teamKey = team.FindPrimaryKey()!.Properties.Single();
        var members = team.FindNavigation(nameof(Team.Members))!;
        var member = members.TargetEntityType;
        var memberTable = StoreObjectIdentifier.Table(member.GetTableName()!, member.GetSchema());
        var memberTeam = members.ForeignKey.Properties.Single();
        var memberUser = member.FindProperty(nameof(TeamMember.UserId))!;
        var project = db.Model.FindEntityType(typeof(Project))!;
        var projectId = project.FindProperty(nameof(Project.ProjectId))!;

        string Column(string alias, IProperty property, StoreObjectIdentifier table) =>
            $"{sql.DelimitIdentifier(alias)}.{sql.DelimitIdentifier(property.GetColumnName(table)!)}";

        var user = DirectSelect.Placeholder(db, 1);
        var membership =
            $"(SELECT {user} IS NOT NULL AND EXISTS (SELECT 1 FROM {sql.DelimitIdentifier(memberTable.Name, memberTable.Schema)} AS {sql.DelimitIdentifier("m")} " +
            $"WHERE {Column("m", memberTeam, memberTable)} = {Column("t", teamKey, teamTable)} AND {Column("m", memberUser, memberTable)} = {user}) " +
            $"FROM {sql.DelimitIdentifier(teamTable.Name, teamTable.Schema)} AS {sql.DelimitIdentifier("t")} " +
            $"WHERE {Column("t", teamKey, teamTable)} = {JoinedRowReader<Project>.RootColumn(db, nameof(Project.TeamId))})";
        Select = new DirectSelect(
            $"SELECT {_row.SelectList}, {membership} {_row.FromClause} WHERE {JoinedRowReader<Project>.RootColumn(db, nameof(Project.ProjectId))} = {DirectSelect.Placeholder(db, 0)}",
            [projectId.GetRelationalTypeMapping(), memberUser.GetRelationalTypeMapping()]);
    }

    public DirectSelect Select { get; }

    public static DirectProjectRead For(DbContext db) =>
        ByModel.TryGetValue(db.Model, out var read) ? read : ByModel.GetValue(db.Model, _ => new DirectProjectRead(db));

    public ValueTask<ProjectRead?> ReadAsync(DirectReads reads, ProxyAdminDbContext db, string projectId, string? userId, CancellationToken cancellationToken) =>
        reads.ReadRowAsync(db, Select, projectId, userId, this, static (reader, self) => self.Map(reader), cancellationToken);

    private ProjectRead Map(DbDataReader reader) =>
        new(_row.Read(reader)!, reader.IsDBNull(_membership) ? null : reader.GetBoolean(_membership));
}
