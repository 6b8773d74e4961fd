using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ProxyAdmin.Infrastructure.Data.Direct;

/// <summary>
/// Reads one entity of <typeparamref name="T"/> from a run of columns of a <see cref="DbDataReader"/>, as EF's own shaper
/// does for an untracked query, built once from the model: the columns are every mapped property's, primary key first;
/// each value is read with the method its type mapping names, customised and converted as the mapping says (the UTC
/// kind of instants, the JSON columns, enums as text) and stored in the member EF would set. So a property added to the
/// model is read here without a change, and what is read is what EF would read (<c>DirectReadTests</c> compares them).
/// Only the pipeline EF wraps around it (its query context, command, diagnostics and include fixup) is left out.
/// </summary>
/// <typeparam name="T">An entity type with a parameterless constructor (private is fine), as EF materialises it.</typeparam>
internal sealed class EntityRowReader<T>
    where T : class
{
    private static readonly MethodInfo IsDBNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;

    private readonly Func<DbDataReader, int, T?> _read;

    public EntityRowReader(IEntityType entityType, ISqlGenerationHelper sql)
    {
        if (entityType.ClrType != typeof(T))
        {
            throw new ArgumentException($"{entityType.DisplayName()} is not {typeof(T).Name}.", nameof(entityType));
        }

        var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no table.");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()?.Properties ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no key.");
        if (key.Count != 1)
        {
            throw new InvalidOperationException($"{entityType.DisplayName()}: a composite key is not read here.");
        }

        // Shadow properties have no member to set (and an untracked entity keeps none of their values).
        var properties = key.Concat(entityType.GetProperties().Where(p => !p.IsShadowProperty() && !key.Contains(p))).ToList();
        Table = sql.DelimitIdentifier(tableName, entityType.GetSchema());
        ColumnNames = properties
            .Select(p => p.GetColumnName(table) ?? throw new InvalidOperationException($"{p.DeclaringType.DisplayName()}.{p.Name} has no column."))
            .ToList();
        _read = Compile(entityType, properties);
    }

    /// <summary>The table, delimited for the provider.</summary>
    public string Table { get; }

    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    public int ColumnCount => ColumnNames.Count;

    /// <summary>The select list of these columns under <paramref name="alias"/>, delimited for the provider.</summary>
    public string SelectList(string alias, ISqlGenerationHelper sql) =>
        string.Join(", ", ColumnNames.Select(c => $"{sql.DelimitIdentifier(alias)}.{sql.DelimitIdentifier(c)}"));

    /// <summary>The entity whose columns start at <paramref name="first"/>; null when its key column is NULL (an outer join found none).</summary>
    public T? Read(DbDataReader reader, int first) => _read(reader, first);

    /// <summary>A setter of <paramref name="navigation"/> on its declaring entity, through the member EF sets.</summary>
    public static Action<T, TTarget?> NavigationSetter<TTarget>(INavigation navigation)
        where TTarget : class
    {
        var entity = Expression.Parameter(typeof(T), "entity");
        var value = Expression.Parameter(typeof(TTarget), "value");
        var member = navigation.GetMemberInfo(forMaterialization: true, forSet: true);
        return Expression.Lambda<Action<T, TTarget?>>(Assign(entity, member, value), entity, value).Compile();
    }

    private static Func<DbDataReader, int, T?> Compile(IEntityType entityType, List<IProperty> properties)
    {
        var constructor = typeof(T).GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes)
            ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no parameterless constructor.");
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var first = Expression.Parameter(typeof(int), "first");
        var entity = Expression.Variable(typeof(T), "entity");
        var done = Expression.Label(typeof(T), "done");

        var body = new List<Expression>
        {
            Expression.IfThen(Expression.Call(reader, IsDBNull, first), Expression.Return(done, Expression.Constant(null, typeof(T)))),
            Expression.Assign(entity, Expression.New(constructor)),
        };
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var ordinal = i == 0 ? (Expression)first : Expression.Add(first, Expression.Constant(i));
            body.Add(Assign(entity, property.GetMemberInfo(forMaterialization: true, forSet: true), Value(reader, ordinal, property)));
        }

        body.Add(Expression.Label(done, entity));
        return Expression.Lambda<Func<DbDataReader, int, T?>>(Expression.Block([entity], body), reader, first).Compile();
    }

    /// <summary>The column's value as EF's shaper reads it (RelationalShapedQueryCompilingExpressionVisitor).</summary>
    private static Expression Value(ParameterExpression reader, Expression ordinal, IProperty property)
    {
        var mapping = property.GetRelationalTypeMapping();
        var get = mapping.GetDataReaderMethod();
        Expression value = Expression.Call(
            get.DeclaringType == typeof(DbDataReader) ? reader : Expression.Convert(reader, get.DeclaringType!), get, ordinal);
        value = mapping.CustomizeDataReaderExpression(value);
        if (mapping.Converter is { } converter)
        {
            if (value.Type != converter.ProviderClrType)
            {
                value = Expression.Convert(value, converter.ProviderClrType);
            }

            value = Expression.Invoke(converter.ConvertFromProviderExpression, value);
        }

        if (value.Type != property.ClrType)
        {
            value = Expression.Convert(value, property.ClrType);
        }

        return property.IsNullable
            ? Expression.Condition(Expression.Call(reader, IsDBNull, ordinal), Expression.Default(property.ClrType), value)
            : value;
    }

    private static Expression Assign(Expression entity, MemberInfo member, Expression value)
    {
        var type = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
        if (value.Type != type)
        {
            value = Expression.Convert(value, type);
        }

        return member switch
        {
            // An init-only backing field cannot be assigned by an expression; reflection can, as EF does.
            FieldInfo { IsInitOnly: true } readOnly => Expression.Call(
                Expression.Constant(readOnly), typeof(FieldInfo).GetMethod(nameof(FieldInfo.SetValue), [typeof(object), typeof(object)])!,
                Expression.Convert(entity, typeof(object)), Expression.Convert(value, typeof(object))),
            FieldInfo writable => Expression.Assign(Expression.Field(Expression.Convert(entity, writable.DeclaringType!), writable), value),
            PropertyInfo property => Expression.Assign(Expression.Property(Expression.Convert(entity, property.DeclaringType!), property), value),
            _ => throw new InvalidOperationException($"{member.Name}: neither a field nor a property."),
        };
    }
}
