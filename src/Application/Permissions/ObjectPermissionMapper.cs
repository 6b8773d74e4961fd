using ProxyAdmin.Domain.Permissions;
using Riok.Mapperly.Abstractions;

namespace ProxyAdmin.Application.Permissions;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ObjectPermissionMapper
{
    public static partial ObjectPermissionDto ToDto(this ObjectPermission source);

    public static partial ObjectPermissionSettings ToSettings(this ObjectPermissionRequest source);
}
