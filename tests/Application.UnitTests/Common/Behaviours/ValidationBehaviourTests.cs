using FluentValidation;
using ProxyAdmin.Application.Common.Behaviours;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Users.Commands.CreateUser;
using ValidationException = ProxyAdmin.Application.Common.Exceptions.ValidationException;

namespace ProxyAdmin.Application.UnitTests.Common.Behaviours;

public sealed class ValidationBehaviourTests
{
    private int _nextCalls;

    [SetUp]
    public void ResetCalls() => _nextCalls = 0;

    [Test]
    public void ShouldRefuseWithEveryErrorOfEveryValidatorAndNotCallNext()
    {
        var first = new InlineValidator<CreateUserCommand>();
        first.RuleFor(c => c.MaxBudget).Must(_ => false).WithMessage("budget is wrong");
        first.RuleFor(c => c.UserEmail).Must(_ => false).WithMessage("email is wrong");
        var second = new InlineValidator<CreateUserCommand>();
        second.RuleFor(c => c.TpmLimit).Must(_ => false).WithMessage("tpm is wrong");
        var behaviour = new ValidationBehaviour<CreateUserCommand, string>([first, second]);

        var refusal = Assert.ThrowsAsync<ValidationException>(async () => await behaviour.Handle(new CreateUserCommand(), Next, CancellationToken.None));

        Assert.That(refusal!.Errors, Is.EqualTo(new[]
        {
            new FieldError("max_budget", "budget is wrong"),
            new FieldError("user_email", "email is wrong"),
            new FieldError("tpm_limit", "tpm is wrong"),
        }));
        Assert.That(refusal.Param, Is.EqualTo("max_budget"));
        Assert.That(_nextCalls, Is.Zero);
    }

    [Test]
    public void ShouldReportTheRealValidatorsErrorsUnderWireNames()
    {
        var behaviour = new ValidationBehaviour<CreateUserCommand, string>([new CreateUserCommandValidator()]);
        var command = new CreateUserCommand { MaxBudget = -1, RpmLimit = -5, UserEmail = "not-an-email" };

        var refusal = Assert.ThrowsAsync<ValidationException>(async () => await behaviour.Handle(command, Next, CancellationToken.None));

        Assert.That(refusal!.Errors.Select(e => e.Param), Is.EquivalentTo(new[] { "user_email", "max_budget", "rpm_limit" }));
        Assert.That(refusal.Message, Does.Contain("'max_budget' must be a finite number greater than or equal to 0."));
    }

    [Test]
    public async Task ShouldCallNextWhenEveryValidatorPasses()
    {
        var behaviour = new ValidationBehaviour<CreateUserCommand, string>([new CreateUserCommandValidator(), new InlineValidator<CreateUserCommand>()]);

        var response = await behaviour.Handle(new CreateUserCommand { UserId = "alice", MaxBudget = 10 }, Next, CancellationToken.None);

        Assert.That(response, Is.EqualTo("handled"));
        Assert.That(_nextCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldCallNextWhenTheMessageHasNoValidator()
    {
        var behaviour = new ValidationBehaviour<CreateUserCommand, string>([]);

        Assert.That(await behaviour.Handle(new CreateUserCommand(), Next, CancellationToken.None), Is.EqualTo("handled"));
    }

    [Test]
    public async Task ShouldRunValidatorsOneAfterAnotherNeverConcurrently()
    {
        // Validators may share the scoped DbContext, which refuses a second concurrent operation.
        var trace = new List<string>();
        var behaviour = new ValidationBehaviour<CreateUserCommand, string>([SlowValidator("first", trace), SlowValidator("second", trace)]);

        await behaviour.Handle(new CreateUserCommand(), Next, CancellationToken.None);

        Assert.That(trace, Is.EqualTo(new[] { "first started", "first ended", "second started", "second ended" }));
    }

    private static InlineValidator<CreateUserCommand> SlowValidator(string name, List<string> trace)
    {
        var validator = new InlineValidator<CreateUserCommand>();
        validator.RuleFor(c => c.UserId).MustAsync(async (_, cancellationToken) =>
        {
            lock (trace)
            {
                trace.Add($"{name} started");
            }

            await Task.Delay(20, cancellationToken);
            lock (trace)
            {
                trace.Add($"{name} ended");
            }

            return true;
        });
        return validator;
    }

    private ValueTask<string> Next(CreateUserCommand message, CancellationToken cancellationToken)
    {
        _nextCalls++;
        return ValueTask.FromResult("handled");
    }
}
