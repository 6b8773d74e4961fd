using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;
using AllowAnonymous = ProxyAdmin.Application.Common.Security.AllowAnonymousAttribute;
using AuthorizeMessage = ProxyAdmin.Application.Common.Security.AuthorizeAttribute;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// The error statuses a message can end in, derived from what decides them, so that a route's document cannot
/// forget one nor promise one it cannot give:
/// <list type="bullet">
/// <item>403 when its <c>[Authorize]</c> policy refuses some role (the authorization behaviour);</item>
/// <item>400 when it has a validator (the validation behaviour);</item>
/// <item>409 for every command: the unit of work refuses a duplicate or a concurrent change (the transaction behaviour);</item>
/// <item>every status of an expected failure its handler constructs, read from the handler's IL and from the
/// Application and Domain code it calls, transitively (<see cref="FailureStatuses"/>);</item>
/// <item>500 and 503 for every message: an unexpected failure, and a database too busy to answer.</item>
/// </list>
/// </summary>
public static class MessageFailures
{
    private static readonly ConcurrentDictionary<Type, IReadOnlySet<int>> Cache = new();

    private static readonly ConcurrentDictionary<Type, IReadOnlySet<MethodBase>> Reached = new();

    /// <summary>The code a walk follows: Application, Domain, and this assembly's controllers and HTTP helpers.</summary>
    private static readonly Assembly[] OwnCode = [typeof(AuthorizeMessage).Assembly, typeof(DomainRuleException).Assembly, typeof(MessageFailures).Assembly];

    public static IReadOnlySet<int> Of(Type message) => Cache.GetOrAdd(message, Derive);

    public static bool IsAnonymous(Type message) => message.GetCustomAttribute<AllowAnonymous>() is not null;

    /// <summary>The message's validators, as registered (FluentValidation's assembly scan finds the same types).</summary>
    public static IEnumerable<Type> Validators(Type message) =>
        message.Assembly.GetTypes().Where(type => type is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator<>).MakeGenericType(message).IsAssignableFrom(type));

    private static HashSet<int> Derive(Type message)
    {
        var statuses = new HashSet<int> { StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable };
        if (message.GetCustomAttribute<AuthorizeMessage>() is { } authorize && Enum.GetValues<UserRole>().Any(role => !authorize.Policy.Allows(role)))
        {
            statuses.Add(StatusCodes.Status403Forbidden);
        }

        if (Validators(message).Any())
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        if (typeof(IBaseCommand).IsAssignableFrom(message))
        {
            statuses.Add(StatusCodes.Status409Conflict);
        }

        statuses.UnionWith(StatusesThrownBy(HandleMethodsOf(message)));
        return statuses;
    }

    /// <summary>
    /// The statuses of the expected failures <paramref name="roots"/>, or anything of ours they call, construct; a
    /// controller action's own refusals (a body that names another key than the route) are found this way too.
    /// </summary>
    public static IEnumerable<int> StatusesThrownBy(IEnumerable<MethodBase> roots) =>
        ThrownBy(roots).Select(FailureStatuses.Of).OfType<int>();

    /// <summary>Whether the handler of <paramref name="message"/>, or anything of ours it calls, calls <paramref name="method"/>.</summary>
    public static bool HandlerCalls(Type message, MethodBase method) =>
        Reached.GetOrAdd(message, m => Walk(HandleMethodsOf(m)).Reached).Contains(method);

    /// <summary>The exception types <paramref name="roots"/>, or anything of ours they call, construct.</summary>
    private static HashSet<Type> ThrownBy(IEnumerable<MethodBase> roots) => Walk(roots).Thrown;

    /// <summary>The methods of ours <paramref name="roots"/> reach, and the exception types they construct.</summary>
    private static (HashSet<MethodBase> Reached, HashSet<Type> Thrown) Walk(IEnumerable<MethodBase> roots)
    {
        var pending = new Stack<MethodBase>(roots);
        var seen = new HashSet<MethodBase>();
        var thrown = new HashSet<Type>();
        while (pending.TryPop(out var method))
        {
            if (!seen.Add(method))
            {
                continue;
            }

            foreach (var target in MethodReferences.Of(method))
            {
                var declaring = target.DeclaringType;
                if (declaring is null || !OwnCode.Contains(declaring.Assembly))
                {
                    continue;
                }

                if (target is ConstructorInfo && typeof(Exception).IsAssignableFrom(declaring))
                {
                    thrown.Add(declaring);
                }
                else
                {
                    pending.Push(target);
                }
            }
        }

        return (seen, thrown);
    }

    private static IEnumerable<MethodBase> HandleMethodsOf(Type message) =>
        message.Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false })
            .SelectMany(type => type.GetInterfaces()
                .Where(i => i.IsGenericType && i.Namespace == typeof(IBaseCommand).Namespace && i.Name.Contains("Handler", StringComparison.Ordinal) && i.GetGenericArguments()[0] == message)
                .SelectMany(i => type.GetInterfaceMap(i).TargetMethods));
}
