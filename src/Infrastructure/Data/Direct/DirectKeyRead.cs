using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Permissions;

namespace ProxyAdmin.Infrastructure.Data.Direct;

/// <summary>
/// <c>/key/info</c>'s read by hand (<see cref="Repositories.VirtualKeyRepository.ReadByTokenAsync"/>): the key by its
/// hash with its budget row and object permission, one statement, as the compiled EF query with its two includes reads
/// it. Built once per model.
/// </summary>
internal sealed class DirectKeyRead
{
    private static readonly ConditionalWeakTable<IModel, DirectKeyRead> ByModel = new();

    private readonly JoinedRowReader<VirtualKey> _row;

    private DirectKeyRead(DbContext db)
    {
        _row = new JoinedRowReader<VirtualKey>(
            db, JoinedRowReader<VirtualKey>.Include<Budget>(nameof(VirtualKey.Budget)), JoinedRowReader<VirtualKey>.Include<ObjectPermission>(nameof(VirtualKey.ObjectPermission)));
        var token = db.Model.FindEntityType(typeof(VirtualKey))!.FindProperty(nameof(VirtualKey.Token))!;
        Select = new DirectSelect(
            $"SELECT {_row.SelectList} {_row.FromClause} WHERE {JoinedRowReader<VirtualKey>.RootColumn(db, nameof(VirtualKey.Token))} = {DirectSelect.Placeholder(db, 0)}",
            [token.GetRelationalTypeMapping()]);
    }

    public DirectSelect Select { get; }

    public static DirectKeyRead For(DbContext db) =>
        ByModel.TryGetValue(db.Model, out var read) ? read : ByModel.GetValue(db.Model, _ => new DirectKeyRead(db));

    public ValueTask<VirtualKey?> ReadAsync(DirectReads reads, ProxyAdminDbContext db, string token, CancellationToken cancellationToken) =>
        reads.ReadRowAsync(db, Select, token, null, _row, static (reader, row) => row.Read(reader)!, cancellationToken);
}
