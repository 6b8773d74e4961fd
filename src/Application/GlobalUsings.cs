global using Ardalis.Specification;
global using FluentValidation;
global using Mediator;
global using ProxyAdmin.Application.Common.Concurrency;
global using ProxyAdmin.Application.Common.Exceptions;
global using ProxyAdmin.Application.Common.Interfaces;
global using ProxyAdmin.Application.Common.Security;
global using ProxyAdmin.Application.Common.Specifications;
global using ValidationException = ProxyAdmin.Application.Common.Exceptions.ValidationException;
