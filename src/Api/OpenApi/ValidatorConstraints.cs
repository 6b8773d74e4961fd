using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using NJsonSchema;
using ProxyAdmin.Application.Common.Validation;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// The bounds a request type's FluentValidation validators put on its fields, read from the validators' own
/// descriptors (<see cref="IValidator.CreateDescriptor"/>) and written into the field's schema, by one rule for every
/// field, so that the document cannot drift from the validators:
/// <list type="bullet">
/// <item>a length (<c>MaximumLength</c>, <c>Length</c>, <see cref="IdentifierValidator{T}"/>, <see cref="NotBlankValidator{T}"/>) is
/// <c>minLength</c>/<c>maxLength</c>; <c>NotEmpty</c> is <c>minLength: 1</c> on a text, <c>minItems: 1</c> on a list;</item>
/// <item>a comparison with a constant (<c>GreaterThanOrEqualTo</c>, <see cref="NonNegativeValidator{T, TProperty}"/> …) and
/// <c>InclusiveBetween</c> are <c>minimum</c>/<c>maximum</c>;</item>
/// <item>a pattern (<c>Matches</c>, <see cref="IdentifierValidator{T}"/>) is <c>pattern</c>; a fixed list
/// (<see cref="IAllowedValuesValidator"/>) is <c>enum</c>;</item>
/// <item>a bound on a list's length (<see cref="IMaxItemsValidator"/>) is <c>maxItems</c>, and one on the size of a
/// free-form JSON value (<see cref="IJsonSizeValidator"/>) the extension <c>x-max-json-bytes</c>.</item>
/// </list>
/// Only what holds whenever the field is sent is written: a rule under a condition (<c>When</c>) or in a rule set is
/// left out, and so is any predicate (<c>Must</c>), which no reader can see through. Rules of <c>RuleForEach</c> bound
/// the list's items; included validators and dependent rules count as the validator's own.
/// </summary>
public static class ValidatorConstraints
{
    /// <summary>The largest size, in bytes of compact UTF-8 JSON, of a free-form value (<see cref="IJsonSizeValidator"/>).</summary>
    public const string MaxJsonBytesExtension = "x-max-json-bytes";

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, FieldRules>> Cache = new();

    /// <summary>Writes the bounds of every field of <paramref name="type"/> into its object schema's properties.</summary>
    public static void ApplyToProperties(Type type, JsonSchema objectSchema)
    {
        foreach (var (name, rules) in Of(type))
        {
            if (objectSchema.Properties.TryGetValue(name, out var property))
            {
                Apply(rules, property);
            }
        }
    }

    /// <summary>Writes the bounds of the field of <paramref name="type"/> named <paramref name="wireName"/> into <paramref name="schema"/>.</summary>
    public static void ApplyToField(Type type, string wireName, JsonSchema schema)
    {
        if (Of(type).TryGetValue(wireName, out var rules))
        {
            Apply(rules, schema);
        }
    }

    private static IReadOnlyDictionary<string, FieldRules> Of(Type type) => Cache.GetOrAdd(type, Read);

    private static Dictionary<string, FieldRules> Read(Type type)
    {
        var fields = new Dictionary<string, FieldRules>(StringComparer.Ordinal);
        foreach (var validator in ValidatorsOf(type))
        {
            ReadRules(validator.CreateDescriptor().Rules, type, null, fields);
        }

        // A body the action wraps into its message (PATCH's changes: PatchModelCommand.Changes) is validated as the
        // message's property: its rules read c => c.Changes.Field.
        foreach (var (message, carrier) in MessagesCarrying(type))
        {
            foreach (var validator in ValidatorsOf(message))
            {
                ReadRules(validator.CreateDescriptor().Rules, type, carrier, fields);
            }
        }

        return fields;
    }

    /// <summary>The validated messages with a property of <paramref name="type"/>, and that property.</summary>
    private static IEnumerable<(Type Message, PropertyInfo Carrier)> MessagesCarrying(Type type) =>
        typeof(IAllowedValuesValidator).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(message => message != type)
            .Distinct()
            .SelectMany(message => message.GetProperties().Where(p => p.PropertyType == type).Select(p => (message, p)));

    /// <summary>The validators registered for exactly <paramref name="type"/>, as FluentValidation's assembly scan finds them.</summary>
    private static IEnumerable<IValidator> ValidatorsOf(Type type)
    {
        var contract = typeof(IValidator<>).MakeGenericType(type);
        return typeof(IAllowedValuesValidator).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.GetInterfaces().Contains(contract))
            .Select(Create)
            .OfType<IValidator>();
    }

    private static IValidator? Create(Type validator) =>
        validator.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is { } constructor
            ? (IValidator)constructor.Invoke(null)
            : null;

    private static void ReadRules(IEnumerable<IValidationRule> rules, Type type, PropertyInfo? carrier, Dictionary<string, FieldRules> fields)
    {
        foreach (var rule in rules)
        {
            if (rule.RuleSets is { Length: > 0 } sets && !sets.Contains(RulesetValidatorSelector.DefaultRuleSetName, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var unconditional = rule.Components.Where(c => !c.HasCondition && !c.HasAsyncCondition).ToList();
            if (rule is IIncludeRule)
            {
                foreach (var child in unconditional.Select(c => c.Validator).OfType<IChildValidatorAdaptor>())
                {
                    if (Create(child.ValidatorType) is { } included)
                    {
                        ReadRules(included.CreateDescriptor().Rules, type, carrier, fields);
                    }
                }

                continue;
            }

            if (WireNameOf(rule, type, carrier) is { } name)
            {
                var field = fields.TryGetValue(name, out var known) ? known : fields[name] = new FieldRules();
                (IsForEach(rule) ? field.Items : field.Value).AddRange(unconditional.Select(c => c.Validator));
            }

            ReadRules(rule.DependentRules ?? [], type, carrier, fields);
        }
    }

    /// <summary>
    /// The wire name of the field a rule is for, when it is a field of <paramref name="type"/> itself (<c>c => c.Field</c>),
    /// or of the message's <paramref name="carrier"/> property of that type (<c>c => c.Changes.Field</c>).
    /// </summary>
    private static string? WireNameOf(IValidationRule rule, Type type, PropertyInfo? carrier)
    {
        var body = rule.Expression?.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : rule.Expression?.Body;
        var reachesTheField = carrier is null
            ? body is MemberExpression { Expression: ParameterExpression }
            : body is MemberExpression { Expression: MemberExpression { Expression: ParameterExpression, Member: var via } } && via.Name == carrier.Name && via.DeclaringType == carrier.DeclaringType;
        if (rule.Member is not PropertyInfo property || !reachesTheField || property.DeclaringType?.IsAssignableFrom(type) != true)
        {
            return null;
        }

        return property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
    }

    private static bool IsForEach(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    private static void Apply(FieldRules rules, JsonSchema schema)
    {
        foreach (var validator in rules.Value)
        {
            Bound(validator, schema);
        }

        if (rules.Items.Count > 0 && schema.Item is { } item)
        {
            foreach (var validator in rules.Items)
            {
                Bound(validator, item);
            }
        }
    }

    /// <summary>Every bound <paramref name="validator"/> states: one validator may state several (a length and a pattern).</summary>
    private static void Bound(IPropertyValidator validator, JsonSchema schema)
    {
        if (schema.Reference is not null)
        {
            return;
        }

        var text = schema.Type.HasFlag(JsonObjectType.String);
        var number = schema.Type.HasFlag(JsonObjectType.Number) || schema.Type.HasFlag(JsonObjectType.Integer);
        if (validator is ILengthValidator length && text)
        {
            if (length.Min > 0)
            {
                schema.MinLength = Math.Max(schema.MinLength ?? 0, length.Min);
            }

            if (length.Max >= 0)
            {
                schema.MaxLength = Math.Min(schema.MaxLength ?? int.MaxValue, length.Max);
            }
        }

        if (validator is INotEmptyValidator && text)
        {
            schema.MinLength = Math.Max(schema.MinLength ?? 0, 1);
        }

        if (validator is INotEmptyValidator && schema.Type.HasFlag(JsonObjectType.Array))
        {
            schema.MinItems = Math.Max(schema.MinItems, 1);
        }

        if (validator is IComparisonValidator { MemberToCompare: null } comparison && number && Constant(comparison.ValueToCompare) is { } value)
        {
            Compare(schema, comparison.Comparison, value);
        }

        if (validator is IBetweenValidator between && number && Constant(between.From) is { } from && Constant(between.To) is { } to)
        {
            var inclusive = validator is IInclusiveBetweenValidator;
            Compare(schema, inclusive ? Comparison.GreaterThanOrEqual : Comparison.GreaterThan, from);
            Compare(schema, inclusive ? Comparison.LessThanOrEqual : Comparison.LessThan, to);
        }

        if (validator is IRegularExpressionValidator { Expression: { Length: > 0 } expression } && text)
        {
            schema.Pattern ??= expression;
        }

        if (validator is IMaxItemsValidator maxItems && schema.Type.HasFlag(JsonObjectType.Array))
        {
            schema.MaxItems = schema.MaxItems > 0 ? Math.Min(schema.MaxItems, maxItems.Max) : maxItems.Max;
        }

        // JSON Schema has no keyword for the size of a value as written; an extension states it.
        if (validator is IJsonSizeValidator size)
        {
            schema.ExtensionData ??= new Dictionary<string, object?>();
            schema.ExtensionData[MaxJsonBytesExtension] = size.MaxBytes;
        }

        if (validator is IAllowedValuesValidator allowed && text)
        {
            schema.Enumeration.Clear();
            foreach (var allowedValue in allowed.Values)
            {
                schema.Enumeration.Add(allowedValue);
            }
        }
    }

    private static void Compare(JsonSchema schema, Comparison comparison, decimal value)
    {
        switch (comparison)
        {
            case Comparison.GreaterThanOrEqual or Comparison.GreaterThan when schema.Minimum is null || value >= schema.Minimum:
                schema.Minimum = value;
                schema.IsExclusiveMinimum = comparison == Comparison.GreaterThan;
                break;
            case Comparison.LessThanOrEqual or Comparison.LessThan when schema.Maximum is null || value <= schema.Maximum:
                schema.Maximum = value;
                schema.IsExclusiveMaximum = comparison == Comparison.LessThan;
                break;
        }
    }

    private static decimal? Constant(object? value) => value switch
    {
        int or long or short or byte or decimal => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => (decimal)d,
        float f when float.IsFinite(f) => (decimal)f,
        _ => null,
    };

    /// <summary>The validators of one field: those of the value, and those of each item (<c>RuleForEach</c>).</summary>
    private sealed class FieldRules
    {
        public List<IPropertyValidator> Value { get; } = [];

        public List<IPropertyValidator> Items { get; } = [];
    }
}
