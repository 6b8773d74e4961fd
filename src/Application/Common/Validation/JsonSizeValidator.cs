using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation.Validators;

namespace ProxyAdmin.Application.Common.Validation;

/// <summary>
/// A free-form JSON value that is absent or at most <see cref="MaxBytes"/> long written as compact JSON in UTF-8 (text
/// unescaped, as it is stored), counted without keeping the text (<see cref="RuleExtensions.JsonSize"/>). The bound is
/// readable from the validator's descriptor (<see cref="IJsonSizeValidator"/>).
/// </summary>
public sealed class JsonSizeValidator<T, TNode>(int maxBytes) : PropertyValidator<T, TNode?>, IJsonSizeValidator
    where TNode : JsonNode
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public override string Name => "JsonSizeValidator";

    public int MaxBytes { get; } = maxBytes;

    public override bool IsValid(ValidationContext<T> context, TNode? value)
    {
        if (value is null)
        {
            return true;
        }

        var counter = new ByteCounter();
        using (var writer = new Utf8JsonWriter(counter, Compact))
        {
            value.WriteTo(writer);
        }

        if (counter.Count <= MaxBytes)
        {
            return true;
        }

        context.MessageFormatter.AppendArgument("Size", counter.Count.ToString("N0", CultureInfo.InvariantCulture));
        return false;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        string.Create(CultureInfo.InvariantCulture, $"'{{PropertyName}}' must be at most {MaxBytes:N0} bytes as JSON; it is {{Size}}.");

    /// <summary>Counts what the writer writes into one reused buffer, so that the size is known without the text.</summary>
    private sealed class ByteCounter : IBufferWriter<byte>
    {
        private byte[] _buffer = new byte[4096];

        public long Count { get; private set; }

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Buffer(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Buffer(sizeHint);

        private byte[] Buffer(int sizeHint)
        {
            if (sizeHint > _buffer.Length)
            {
                _buffer = new byte[sizeHint];
            }

            return _buffer;
        }
    }
}
