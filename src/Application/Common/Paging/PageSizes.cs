namespace ProxyAdmin.Application.Common.Paging;

/// <summary>Page sizes of the paged list routes that do not follow a LiteLLM default of their own.</summary>
public static class PageSizes
{
    public const int Default = 25;
    public const int Max = 100;
}
