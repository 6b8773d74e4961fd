using System.Reflection;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// The messages a controller action sends: those it binds from the request, and those it constructs, in its
/// own body or in the controller's helpers it calls (<c>/model/info</c> sends one of two).
/// </summary>
public static class ActionMessages
{
    public static IReadOnlyList<Type> Of(MethodInfo action)
    {
        var messages = action.GetParameters().Select(p => p.ParameterType).Where(IsMessage).ToHashSet();
        var controller = action.DeclaringType!;
        var pending = new Stack<MethodBase>([action]);
        var seen = new HashSet<MethodBase>();
        while (pending.TryPop(out var method))
        {
            if (!seen.Add(method))
            {
                continue;
            }

            foreach (var target in MethodReferences.Of(method))
            {
                if (target is ConstructorInfo { DeclaringType: { } constructed } && IsMessage(constructed))
                {
                    messages.Add(constructed);
                }
                else if (target.DeclaringType == controller || target.DeclaringType?.DeclaringType == controller)
                {
                    pending.Push(target);
                }
            }
        }

        return [.. messages];
    }

    private static bool IsMessage(Type type) => type.IsClass && typeof(IMessage).IsAssignableFrom(type);
}
