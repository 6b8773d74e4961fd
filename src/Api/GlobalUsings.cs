global using Mediator;
global using Microsoft.AspNetCore.Mvc;
global using ProxyAdmin.Api.Infrastructure;
global using ProxyAdmin.Application.Common.Exceptions;
