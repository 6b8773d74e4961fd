using System.Globalization;

namespace ProxyAdmin.Application.Common.Paging;

/// <summary>The keys of a decoded cursor, read back in the types they were written from.</summary>
public sealed class CursorKeys(string[] keys)
{
    public string Text(int index) => keys[index];

    public DateTime Instant(int index) =>
        long.TryParse(keys[index], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc)
            : throw new BadRequestException(PageCursor.Refusal, PageCursor.Parameter);

    public Guid Id(int index) =>
        Guid.TryParseExact(keys[index], "N", out var id) ? id : throw new BadRequestException(PageCursor.Refusal, PageCursor.Parameter);

    public bool Flag(int index) => keys[index] switch
    {
        "1" => true,
        "0" => false,
        _ => throw new BadRequestException(PageCursor.Refusal, PageCursor.Parameter),
    };

    public int Number(int index) =>
        int.TryParse(keys[index], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new BadRequestException(PageCursor.Refusal, PageCursor.Parameter);
}
