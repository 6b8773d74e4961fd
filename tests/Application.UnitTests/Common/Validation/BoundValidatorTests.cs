using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Validators;
using ProxyAdmin.Application.Common.Validation;

namespace ProxyAdmin.Application.UnitTests.Common.Validation;

/// <summary>
/// The field rules that state their bound to the OpenAPI document (minimum, length, pattern, enum) must refuse
/// exactly what they state, and keep the messages clients already read.
/// </summary>
public sealed class BoundValidatorTests
{
    [TestCase(null, true)]
    [TestCase(0d, true)]
    [TestCase(12.5d, true)]
    [TestCase(-0.01d, false)]
    [TestCase(double.PositiveInfinity, false)]
    [TestCase(double.NaN, false)]
    public void FiniteNonNegativeRefusesNegativeAndNonFiniteNumbers(double? amount, bool valid)
    {
        var result = new Rules().Validate(new Fields { Amount = amount });

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Errors.Single().ErrorMessage, Is.EqualTo("'amount' must be a finite number greater than or equal to 0."));
        }
    }

    [TestCase(null, true)]
    [TestCase(0L, true)]
    [TestCase(-1L, false)]
    public void NonNegativeRefusesNegativeCounts(long? count, bool valid)
    {
        var result = new Rules().Validate(new Fields { Count = count });

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Errors.Single().ErrorMessage, Is.EqualTo("'count' must be greater than or equal to 0."));
        }
    }

    [Test]
    public void NonNegativeOfADoubleLetsInfinityThroughForTheFiniteRuleBeforeIt()
    {
        Assert.That(new Rules().Validate(new Fields { Limit = double.PositiveInfinity }).IsValid, Is.True);
        Assert.That(new Rules().Validate(new Fields { Limit = -1 }).IsValid, Is.False);
    }

    [TestCase(null, true)]
    [TestCase("team-a", true)]
    [TestCase("12345678", true)]
    [TestCase("123456789", false)]
    [TestCase("", false)]
    [TestCase("team a", false)]
    [TestCase("team\u0001", false)]
    [TestCase("team\u00A0a", false)]
    [TestCase("team\n", false)]
    public void IdentifierRefusesEmptyLongSpacedAndControlText(string? id, bool valid)
    {
        var result = new Rules().Validate(new Fields { Id = id });

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Errors.Single().ErrorMessage, Is.EqualTo("'id' must be 1 to 8 characters without spaces or control characters."));
        }
    }

    [TestCase(null, true)]
    [TestCase("a", true)]
    [TestCase("", false)]
    [TestCase("   ", false)]
    public void NotBlankLetsAnAbsentTextThroughButNotAnEmptyOne(string? alias, bool valid)
    {
        var result = new Rules().Validate(new Fields { Alias = alias });

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Errors.Single().ErrorMessage, Is.EqualTo("'alias' must not be empty."));
        }
    }

    [TestCase(null, true)]
    [TestCase("dynamic", true)]
    [TestCase("Dynamic", false)]
    [TestCase("other", false)]
    public void OneOfAcceptsOnlyTheListedTextsExactly(string? mode, bool valid)
    {
        var result = new Rules().Validate(new Fields { Mode = mode });

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Errors.Single().ErrorMessage, Is.EqualTo("'mode' must be one of: guaranteed_throughput, dynamic."));
        }
    }

    /// <summary><c>{"b":"…"}</c> is 8 bytes around the text: the bound is the whole value as compact UTF-8 JSON.</summary>
    [TestCase(RequestBounds.MaxJsonBytes - 8, true)]
    [TestCase(RequestBounds.MaxJsonBytes - 7, false)]
    public void JsonSizeCountsTheValueAsCompactJson(int textLength, bool valid)
    {
        var result = new Rules().Validate(new Fields { Blob = new JsonObject { ["b"] = new string('x', textLength) } });

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Errors.Single().ErrorMessage, Is.EqualTo("'blob' must be at most 65,536 bytes as JSON; it is 65,537."));
        }
    }

    /// <summary>Text is counted as stored, in UTF-8 and unescaped: "é" is two bytes, not the six of <c>\u00E9</c>.</summary>
    [Test]
    public void JsonSizeCountsTextInUtf8()
    {
        var half = (RequestBounds.MaxJsonBytes - 8) / 2;

        Assert.That(new Rules().Validate(new Fields { Blob = new JsonObject { ["b"] = new string('é', half) } }).IsValid, Is.True);
        Assert.That(new Rules().Validate(new Fields { Blob = new JsonObject { ["b"] = new string('é', half + 1) } }).IsValid, Is.False);
        Assert.That(new Rules().Validate(new Fields { Blob = null }).IsValid, Is.True);
    }

    [TestCase(0, true)]
    [TestCase(RequestBounds.MaxMembers, true)]
    [TestCase(RequestBounds.MaxMembers + 1, false)]
    public void MaxMembersBoundsTheList(int count, bool valid)
    {
        var result = new Rules().Validate(new Fields { Members = [.. Enumerable.Range(0, count).Select(i => $"u{i}")] });

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Errors.Single().ErrorMessage, Is.EqualTo("'members' may hold at most 1,000 entries: send more in further requests."));
        }
    }

    [Test]
    public void TheBoundsCanBeReadFromTheDescriptor()
    {
        var descriptor = new Rules().CreateDescriptor();
        IPropertyValidator Only(string member) => descriptor.GetValidatorsForMember(member).Single().Validator;

        Assert.That(Only("amount"), Is.InstanceOf<IComparisonValidator>().With.Property(nameof(IComparisonValidator.ValueToCompare)).EqualTo(0)
            .And.Property(nameof(IComparisonValidator.Comparison)).EqualTo(Comparison.GreaterThanOrEqual));
        Assert.That(Only("id"), Is.InstanceOf<ILengthValidator>().With.Property(nameof(ILengthValidator.Min)).EqualTo(1).And.Property(nameof(ILengthValidator.Max)).EqualTo(8));
        Assert.That(((IRegularExpressionValidator)Only("id")).Expression, Is.EqualTo(IdentifierValidator<Fields>.Pattern));
        Assert.That(Only("alias"), Is.InstanceOf<ILengthValidator>().With.Property(nameof(ILengthValidator.Min)).EqualTo(1).And.Property(nameof(ILengthValidator.Max)).EqualTo(-1));
        Assert.That(((IAllowedValuesValidator)Only("mode")).Values, Is.EqualTo(new[] { "guaranteed_throughput", "dynamic" }));
        Assert.That(((IJsonSizeValidator)Only("blob")).MaxBytes, Is.EqualTo(RequestBounds.MaxJsonBytes));
        Assert.That(((IMaxItemsValidator)Only("members")).Max, Is.EqualTo(RequestBounds.MaxMembers));
    }

    /// <summary>
    /// The identifier pattern the document shows must refuse exactly the characters the rule refuses, read as JSON
    /// Schema reads a pattern (ECMAScript), for every UTF-16 code unit.
    /// </summary>
    [Test]
    public void TheIdentifierPatternRefusesExactlyWhatTheRuleRefuses()
    {
        var ecmaScript = new Regex(IdentifierValidator<Fields>.Pattern, RegexOptions.ECMAScript);
        var dotNet = new Regex(IdentifierValidator<Fields>.Pattern);
        var disagreements = Enumerable.Range(0, char.MaxValue + 1)
            .Select(code => (char)code)
            .Where(c => !char.IsSurrogate(c))
            .Where(c => ecmaScript.IsMatch(c.ToString()) == (char.IsWhiteSpace(c) || char.IsControl(c)) || dotNet.IsMatch(c.ToString()) != ecmaScript.IsMatch(c.ToString()))
            .Select(c => $"U+{(int)c:X4}")
            .ToList();

        Assert.That(disagreements, Is.Empty);
    }

    public sealed class Fields
    {
        public double? Amount { get; init; }

        public long? Count { get; init; }

        public double? Limit { get; init; }

        public string? Id { get; init; }

        public string? Alias { get; init; }

        public string? Mode { get; init; }

        public JsonObject? Blob { get; init; }

        public List<string>? Members { get; init; }
    }

    private sealed class Rules : AbstractValidator<Fields>
    {
        public Rules()
        {
            RuleFor(f => f.Amount).FiniteNonNegative();
            RuleFor(f => f.Count).NonNegative();
            RuleFor(f => f.Limit).NonNegative();
            RuleFor(f => f.Id).Identifier(8);
            RuleFor(f => f.Alias).NotBlank();
            RuleFor(f => f.Mode).OneOf(["guaranteed_throughput", "dynamic"]);
            RuleFor(f => f.Blob).JsonSize();
            RuleFor(f => f.Members).MaxMembers();
        }
    }
}
