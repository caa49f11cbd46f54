// The namespaces nearly every cmdlet file needs, stated once.
global using System.Collections;
global using System.Management.Automation;
global using ApiGatewayTools.Common;
global using ApiGatewayTools.Engine.Client;
global using ApiGatewayTools.Engine.Domain;
global using ApiGatewayTools.Engine.Errors;
global using ApiGatewayTools.Engine.Models;
