using System.Globalization;
using System.Text.Json;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>The members of each API Gateway shape, named as the apigateway 2015-07-09 service model names them.</summary>
internal static class ControlPlaneJson
{
    public static void RestApi(Utf8JsonWriter writer, RestApiRecord api)
    {
        writer.WriteString("id", api.Id);
        writer.WriteString("name", api.Name);
        writer.OptionalString("description", api.Description);
        writer.EpochSeconds("createdDate", api.CreatedDate);
        writer.OptionalString("version", api.Version);
        writer.OptionalList("binaryMediaTypes", api.BinaryMediaTypes);
        writer.OptionalNumber("minimumCompressionSize", api.MinimumCompressionSize);
        writer.WriteString("apiKeySource", api.ApiKeySource);
        writer.Object("endpointConfiguration", () => writer.WriteStringArray("types", api.EndpointTypes));
        writer.OptionalString("policy", api.Policy);
        writer.OptionalMap("tags", api.Tags);
        writer.WriteBoolean("disableExecuteApiEndpoint", api.DisableExecuteApiEndpoint);
        writer.WriteString("rootResourceId", api.RootResourceId);
    }

    /// <summary>
    /// A resource. Without embedding, resourceMethods names each method with an empty object, as
    /// AWS does; with <paramref name="embedMethods"/> each method is written in full.
    /// </summary>
    public static void Resource(Utf8JsonWriter writer, RestApiRecord api, ResourceRecord resource, bool embedMethods)
    {
        writer.WriteString("id", resource.Id);
        writer.OptionalString("parentId", resource.ParentId);
        writer.OptionalString("pathPart", resource.PathPart);
        writer.WriteString("path", ResourceTree.PathOf(api.Resources, resource));
        if (resource.Methods.Count == 0)
        {
            return;
        }
        writer.Object("resourceMethods", () =>
        {
            foreach (var method in resource.Methods.Values)
            {
                writer.Object(method.HttpMethod, () =>
                {
                    if (embedMethods)
                    {
                        Method(writer, method);
                    }
                });
            }
        });
    }

    public static void Method(Utf8JsonWriter writer, MethodRecord method)
    {
        writer.WriteString("httpMethod", method.HttpMethod);
        writer.WriteString("authorizationType", method.AuthorizationType);
        writer.OptionalString("authorizerId", method.AuthorizerId);
        writer.WriteBoolean("apiKeyRequired", method.ApiKeyRequired);
        writer.OptionalString("requestValidatorId", method.RequestValidatorId);
        writer.OptionalString("operationName", method.OperationName);
        writer.OptionalMap("requestParameters", method.RequestParameters);
        writer.OptionalMap("requestModels", method.RequestModels);
        writer.OptionalList("authorizationScopes", method.AuthorizationScopes);
        OptionalResponses(writer, "methodResponses", method.MethodResponses, MethodResponse);
        if (method.Integration is { } integration)
        {
            writer.Object("methodIntegration", () => Integration(writer, integration));
        }
    }

    public static void MethodResponse(Utf8JsonWriter writer, MethodResponseRecord response)
    {
        writer.WriteString("statusCode", response.StatusCode);
        writer.OptionalMap("responseParameters", response.ResponseParameters);
        writer.OptionalMap("responseModels", response.ResponseModels);
    }

    public static void Integration(Utf8JsonWriter writer, IntegrationRecord integration)
    {
        writer.WriteString("type", integration.Type);
        writer.OptionalString("httpMethod", integration.HttpMethod);
        writer.OptionalString("uri", integration.Uri);
        writer.WriteString("connectionType", integration.ConnectionType);
        writer.OptionalString("connectionId", integration.ConnectionId);
        writer.OptionalString("credentials", integration.Credentials);
        writer.OptionalMap("requestParameters", integration.RequestParameters);
        writer.OptionalMap("requestTemplates", integration.RequestTemplates);
        writer.WriteString("passthroughBehavior", integration.PassthroughBehavior);
        writer.OptionalString("contentHandling", integration.ContentHandling);
        writer.WriteNumber("timeoutInMillis", integration.TimeoutInMillis);
        writer.WriteString("cacheNamespace", integration.CacheNamespace);
        writer.WriteStringArray("cacheKeyParameters", integration.CacheKeyParameters);
        OptionalResponses(writer, "integrationResponses", integration.IntegrationResponses, IntegrationResponse);
    }

    public static void IntegrationResponse(Utf8JsonWriter writer, IntegrationResponseRecord response)
    {
        writer.WriteString("statusCode", response.StatusCode);
        writer.OptionalString("selectionPattern", response.SelectionPattern);
        writer.OptionalMap("responseParameters", response.ResponseParameters);
        writer.OptionalMap("responseTemplates", response.ResponseTemplates);
        writer.OptionalString("contentHandling", response.ContentHandling);
    }

    /// <summary>Responses keyed by status code, left out when there are none.</summary>
    private static void OptionalResponses<TResponse>(Utf8JsonWriter writer, string name, SortedDictionary<string, TResponse> responses,
        Action<Utf8JsonWriter, TResponse> write)
    {
        if (responses.Count == 0)
        {
            return;
        }
        writer.Object(name, () =>
        {
            foreach (var (statusCode, response) in responses)
            {
                writer.Object(statusCode, () => write(writer, response));
            }
        });
    }

    /// <summary>A deployment; apiSummary (path to method to auth settings) only when asked for with embed=apisummary.</summary>
    public static void Deployment(Utf8JsonWriter writer, DeploymentRecord deployment, bool embedApiSummary)
    {
        writer.WriteString("id", deployment.Id);
        writer.OptionalString("description", deployment.Description);
        writer.EpochSeconds("createdDate", deployment.CreatedDate);
        if (!embedApiSummary)
        {
            return;
        }
        var snapshot = deployment.Snapshot;
        writer.Object("apiSummary", () =>
        {
            foreach (var resource in snapshot.Resources.Values.Where(r => r.Methods.Count > 0).OrderBy(r => snapshot.Paths[r.Id], StringComparer.Ordinal))
            {
                writer.Object(snapshot.Paths[resource.Id], () =>
                {
                    foreach (var method in resource.Methods.Values)
                    {
                        writer.Object(method.HttpMethod, () =>
                        {
                            writer.WriteString("authorizationType", method.AuthorizationType);
                            writer.WriteBoolean("apiKeyRequired", method.ApiKeyRequired);
                        });
                    }
                });
            }
        });
    }

    public static void Stage(Utf8JsonWriter writer, StageRecord stage)
    {
        writer.WriteString("deploymentId", stage.DeploymentId);
        writer.OptionalString("clientCertificateId", stage.ClientCertificateId);
        writer.WriteString("stageName", stage.StageName);
        writer.OptionalString("description", stage.Description);
        writer.WriteBoolean("cacheClusterEnabled", stage.CacheClusterEnabled);
        writer.OptionalString("cacheClusterSize", stage.CacheClusterSize);
        writer.WriteString("cacheClusterStatus", stage.CacheClusterStatus);
        writer.Object("methodSettings", () =>
        {
            foreach (var (key, settings) in stage.MethodSettings)
            {
                writer.Object(key, () => MethodSettings(writer, settings));
            }
        });
        writer.OptionalMap("variables", stage.Variables);
        if (stage.AccessLog is { } accessLog)
        {
            writer.Object("accessLogSettings", () => StageAccessLog.Write(writer, accessLog));
        }
        if (stage.Canary is { } canary)
        {
            writer.Object("canarySettings", () => StageCanary.Write(writer, canary));
        }
        writer.OptionalString("documentationVersion", stage.DocumentationVersion);
        writer.WriteBoolean("tracingEnabled", stage.TracingEnabled);
        writer.OptionalMap("tags", stage.Tags);
        writer.EpochSeconds("createdDate", stage.CreatedDate);
        writer.EpochSeconds("lastUpdatedDate", stage.LastUpdatedDate);
    }

    private static void MethodSettings(Utf8JsonWriter writer, Dictionary<string, string> settings)
    {
        foreach (var (name, value) in settings.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            switch (StageMethodSettings.KindOf(name))
            {
                case StageMethodSettings.ValueKind.Boolean:
                    writer.WriteBoolean(name, bool.Parse(value));
                    break;
                case StageMethodSettings.ValueKind.Number:
                    writer.WriteNumber(name, double.Parse(value, CultureInfo.InvariantCulture));
                    break;
                default:
                    writer.WriteString(name, value);
                    break;
            }
        }
    }
}
