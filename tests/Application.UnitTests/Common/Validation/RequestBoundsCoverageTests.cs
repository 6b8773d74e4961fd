using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Organizations.Commands.AddOrganizationMembers;
using ProxyAdmin.Application.Teams.Commands.AddTeamMembers;
using ProxyAdmin.Application.Teams.Commands.CreateTeam;

namespace ProxyAdmin.Application.UnitTests.Common.Validation;

/// <summary>
/// Every free-form JSON field a message carries (<see cref="JsonNode"/> and its kinds), on the message itself or on the
/// body part it takes (<c>PatchModelCommand.Changes</c>), is bounded by a <see cref="JsonSizeValidator{T, TNode}"/>
/// rule among the message's validators, their included validators counted: fields are added in parallel, and a
/// list of them kept by hand forgets one.
/// </summary>
public sealed class RequestBoundsCoverageTests
{
    private static readonly Type[] MessageTypes = typeof(CreateTeamCommand).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Mediator.IMessage).IsAssignableFrom(t))
        .ToArray();

    private static readonly Type[] MessagesWithFreeFormJson = MessageTypes.Where(t => FreeFormFields(t).Any()).ToArray();

    [Test]
    public void SomeMessagesCarryFreeFormJson() =>
        Assert.That(MessagesWithFreeFormJson.Select(t => t.Name).ToList(), Has.Count.GreaterThan(15).And.Contain("CreateModelCommand").And.Contain("PatchModelCommand"));

    [TestCaseSource(nameof(MessagesWithFreeFormJson))]
    public void EveryFreeFormJsonFieldIsBounded(Type message)
    {
        var bounded = ValidatorsOf(message).SelectMany(v => BoundedPaths(v.CreateDescriptor().Rules)).ToHashSet(StringComparer.Ordinal);

        Assert.That(FreeFormFields(message).Where(field => !bounded.Contains(field)), Is.Empty, $"add RuleFor(...).JsonSize() to a validator of {message.Name}");
    }

    [Test]
    public void MemberListsAreBounded()
    {
        var lists = new[]
        {
            (typeof(CreateTeamCommand), "members_with_roles"),
            (typeof(AddTeamMembersCommand), "member"),
            (typeof(AddOrganizationMembersCommand), "member"),
        };

        foreach (var (message, list) in lists)
        {
            var bounds = ValidatorsOf(message)
                .SelectMany(v => v.CreateDescriptor().GetValidatorsForMember(list))
                .Select(c => c.Validator)
                .OfType<IMaxItemsValidator>();
            Assert.That(bounds.Select(b => b.Max), Is.EqualTo(new[] { RequestBounds.MaxMembers }), $"{message.Name}.{list}");
        }
    }

    /// <summary>"Metadata" for a field of the message, "Changes.ModelInfo" for one of the body part it takes.</summary>
    private static IEnumerable<string> FreeFormFields(Type message)
    {
        foreach (var property in message.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (typeof(JsonNode).IsAssignableFrom(property.PropertyType))
            {
                yield return property.Name;
            }
            else if (property.PropertyType.Name.EndsWith("Request", StringComparison.Ordinal) && property.PropertyType.IsClass)
            {
                foreach (var part in property.PropertyType.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => typeof(JsonNode).IsAssignableFrom(p.PropertyType)))
                {
                    yield return $"{property.Name}.{part.Name}";
                }
            }
        }
    }

    private static IEnumerable<IValidator> ValidatorsOf(Type message)
    {
        var contract = typeof(IValidator<>).MakeGenericType(message);
        return message.Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.GetInterfaces().Contains(contract))
            .Select(t => (IValidator)Activator.CreateInstance(t)!);
    }

    private static IEnumerable<string> BoundedPaths(IEnumerable<IValidationRule> rules)
    {
        foreach (var rule in rules)
        {
            if (rule is IIncludeRule)
            {
                foreach (var child in rule.Components.Select(c => c.Validator).OfType<IChildValidatorAdaptor>())
                {
                    var included = (IValidator)Activator.CreateInstance(child.ValidatorType)!;
                    foreach (var path in BoundedPaths(included.CreateDescriptor().Rules))
                    {
                        yield return path;
                    }
                }

                continue;
            }

            if (rule.Components.Any(c => c.Validator is IJsonSizeValidator { MaxBytes: RequestBounds.MaxJsonBytes } && !c.HasCondition) && PathOf(rule.Expression) is { } bounded)
            {
                yield return bounded;
            }
        }
    }

    private static string? PathOf(LambdaExpression? expression)
    {
        var names = new List<string>();
        var body = expression?.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : expression?.Body;
        while (body is MemberExpression member)
        {
            names.Insert(0, member.Member.Name);
            body = member.Expression;
        }

        return body is ParameterExpression && names.Count > 0 ? string.Join('.', names) : null;
    }
}
