global using Microsoft.EntityFrameworkCore;
global using ProxyAdmin.Application.Common.Exceptions;
global using ProxyAdmin.Application.Common.Interfaces;
global using ProxyAdmin.Application.Common.Security;
