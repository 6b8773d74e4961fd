global using Mediator;
global using Microsoft.AspNetCore.Mvc;
global using ProxyAdmin.Api.Http;
global using ProxyAdmin.Application.Common.Exceptions;
