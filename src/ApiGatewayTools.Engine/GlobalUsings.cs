// The engine's own namespaces, which nearly every file needs, stated once.
global using ApiGatewayTools.Engine.Client;
global using ApiGatewayTools.Engine.Domain;
global using ApiGatewayTools.Engine.Errors;
global using ApiGatewayTools.Engine.Internal;
global using ApiGatewayTools.Engine.Models;
