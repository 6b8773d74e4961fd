using System.Data.Common;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ProxyAdmin.Infrastructure.Data.Direct;

/// <summary>
/// An entity with the rows some of its reference navigations point at, in one row of one statement: the entity's table
/// under the alias <see cref="RootAlias"/>, each navigation's table <c>LEFT JOIN</c>ed on its foreign key, as EF's
/// <c>Include</c> of an optional reference reads them. A navigation whose row is missing is left null.
/// </summary>
internal sealed class JoinedRowReader<T>
    where T : class
{
    public const string RootAlias = "r";

    private readonly EntityRowReader<T> _root;
    private readonly Part[] _parts;

    /// <param name="parts">The navigations to read, from <see cref="Include{TTarget}"/>.</param>
    public JoinedRowReader(DbContext db, params Func<DbContext, int, string, Part>[] parts)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        _root = new EntityRowReader<T>(entityType, sql);
        var offset = _root.ColumnCount;
        var built = new List<Part>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i](db, offset, "j" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            built.Add(part);
            offset += part.ColumnCount;
        }

        _parts = [.. built];
        ColumnCount = offset;
        SelectList = string.Join(", ", [_root.SelectList(RootAlias, sql), .. _parts.Select(p => p.SelectList)]);
        FromClause = $"FROM {_root.Table} AS {sql.DelimitIdentifier(RootAlias)}" + string.Concat(_parts.Select(p => " " + p.Join));
    }

    /// <summary>Every column <see cref="Read"/> reads, in order: the entity's, then each navigation's.</summary>
    public string SelectList { get; }

    /// <summary><c>FROM</c> the entity's table with its joins.</summary>
    public string FromClause { get; }

    /// <summary>How many columns <see cref="Read"/> reads from the start of a row.</summary>
    public int ColumnCount { get; }

    /// <summary>The delimited column of the entity's <paramref name="property"/>, for a <c>WHERE</c>.</summary>
    public static string RootColumn(DbContext db, string property)
    {
        var entityType = db.Model.FindEntityType(typeof(T))!;
        var column = entityType.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema()))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        return $"{sql.DelimitIdentifier(RootAlias)}.{sql.DelimitIdentifier(column)}";
    }

    /// <summary>The reference navigation <paramref name="navigation"/> of <typeparamref name="T"/>, read through an outer join.</summary>
    public static Func<DbContext, int, string, Part> Include<TTarget>(string navigation)
        where TTarget : class =>
        (db, offset, alias) => new Part<TTarget>(db, navigation, offset, alias);

    public T? Read(DbDataReader reader)
    {
        if (_root.Read(reader, 0) is not { } entity)
        {
            return null;
        }

        foreach (var part in _parts)
        {
            part.Apply(entity, reader);
        }

        return entity;
    }

    /// <summary>One joined navigation.</summary>
    internal abstract class Part
    {
        public abstract int ColumnCount { get; }

        public abstract string SelectList { get; }

        public abstract string Join { get; }

        public abstract void Apply(T entity, DbDataReader reader);
    }

    private sealed class Part<TTarget> : Part
        where TTarget : class
    {
        private readonly EntityRowReader<TTarget> _reader;
        private readonly Action<T, TTarget?> _set;
        private readonly int _offset;

        public Part(DbContext db, string navigationName, int offset, string alias)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var owner = db.Model.FindEntityType(typeof(T))!;
            var navigation = owner.FindNavigation(navigationName)
                ?? throw new InvalidOperationException($"{owner.DisplayName()} has no navigation {navigationName}.");
            if (navigation.IsCollection || !navigation.IsOnDependent || navigation.TargetEntityType.ClrType != typeof(TTarget))
            {
                throw new InvalidOperationException($"{owner.DisplayName()}.{navigationName}: only a reference to a principal of type {typeof(TTarget).Name} is read here.");
            }

            _reader = new EntityRowReader<TTarget>(navigation.TargetEntityType, sql);
            _set = EntityRowReader<T>.NavigationSetter<TTarget>(navigation);
            _offset = offset;
            var foreignKey = navigation.ForeignKey;
            var ownerTable = StoreObjectIdentifier.Table(owner.GetTableName()!, owner.GetSchema());
            var targetTable = StoreObjectIdentifier.Table(navigation.TargetEntityType.GetTableName()!, navigation.TargetEntityType.GetSchema());
            var on = foreignKey.Properties.Zip(
                foreignKey.PrincipalKey.Properties,
                (dependent, principal) =>
                    $"{sql.DelimitIdentifier(alias)}.{sql.DelimitIdentifier(principal.GetColumnName(targetTable)!)} = " +
                    $"{sql.DelimitIdentifier(RootAlias)}.{sql.DelimitIdentifier(dependent.GetColumnName(ownerTable)!)}");
            Join = $"LEFT JOIN {_reader.Table} AS {sql.DelimitIdentifier(alias)} ON {string.Join(" AND ", on)}";
            SelectList = _reader.SelectList(alias, sql);
        }

        public override int ColumnCount => _reader.ColumnCount;

        public override string SelectList { get; }

        public override string Join { get; }

        public override void Apply(T entity, DbDataReader reader) => _set(entity, _reader.Read(reader, _offset));
    }
}
