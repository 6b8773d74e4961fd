using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// The methods and constructors a method's body calls, constructs or takes as a delegate, read from its IL; an
/// async method, iterator or async iterator includes the body of its compiler-made state machine. This is how
/// the document learns what an action sends and what a handler can throw, without a list kept by hand.
/// </summary>
internal static class MethodReferences
{
    private static readonly Dictionary<ushort, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => unchecked((ushort)code.Value));

    public static IReadOnlyList<MethodBase> Of(MethodBase method)
    {
        var found = new List<MethodBase>();
        Read(method, found);
        if (method.GetCustomAttribute<StateMachineAttribute>() is { } stateMachine
            && stateMachine.StateMachineType.GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public) is { } moveNext)
        {
            Read(moveNext, found);
        }

        return found;
    }

    private static void Read(MethodBase method, List<MethodBase> found)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;
        for (var position = 0; position < il.Length;)
        {
            var value = il[position] == 0xFE ? (ushort)(0xFE00 | il[position + 1]) : il[position];
            position += value > 0xFF ? 2 : 1;
            var code = OpCodesByValue[value];
            if (code.OperandType == OperandType.InlineMethod && Resolve(method.Module, BitConverter.ToInt32(il, position), typeArguments, methodArguments) is { } target)
            {
                found.Add(target);
            }

            position += OperandSize(code.OperandType, il, position);
        }
    }

    private static MethodBase? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMethod(token, typeArguments, methodArguments);
        }
        catch (Exception exception) when (exception is ArgumentException or TypeLoadException or MissingMethodException or BadImageFormatException)
        {
            // A reference the runtime cannot bind outside its generic context says nothing about our messages.
            return null;
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int position) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
        _ => 4,
    };
}
