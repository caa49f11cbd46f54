using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.State;
using Microsoft.OpenApi;

namespace ApiGatewayTools.LocalGateway.OpenApi;

/// <summary>GetExport: a stage's deployment as an OpenAPI 3.0 (oas30) or Swagger 2.0 (swagger) document, in JSON or YAML.</summary>
internal sealed class ExportRoutes(GatewayState state) : IRouteArea
{
    private static readonly string[] ExportTypes = ["oas30", "swagger"];
    private static readonly string[] MediaTypes = ["application/json", "application/yaml"];

    public void Register(Router router) =>
        router.Map("GET", "/restapis/{restapi_id}/stages/{stage_name}/exports/{export_type}", "GetExport", Export);

    private GatewayResponse Export(GatewayRequest request)
    {
        var exportType = request.Route("export_type");
        if (!ExportTypes.Contains(exportType))
        {
            throw GatewayError.BadRequest($"Invalid export type specified: {exportType}. Valid options are {string.Join(", ", ExportTypes)}");
        }
        var mediaType = AcceptedMediaType(request.Headers["Accept"]);
        var extensions = ReadExtensions(request.QueryValue("extensions"));
        ExportedApi exported;
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var stage = api.Stages.Get(request.Route("stage_name"));
            var deployment = api.Deployments.Get(stage.DeploymentId);
            var documentation = stage.DocumentationVersion is { } version && api.DocumentationVersions.TryGetValue(version, out var found) ? found : null;
            exported = new ExportedApi(api.Name, api.Description, api.Version, stage.StageName, deployment.CreatedDate, deployment.Snapshot, documentation);
        }
        var document = new OpenApiExport(exported, exportType == "swagger", extensions).Build();
        var extension = mediaType == "application/yaml" ? "yaml" : "json";
        return GatewayResponse.Raw(200, Serialize(document, mediaType), mediaType)
            .WithHeader("Content-Disposition", $"attachment; filename=\"{exportType}_{exported.DeployedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}.{extension}\"");
    }

    /// <summary>The document as JSON (indented, as AWS sends it) or as YAML written by the OpenAPI library.</summary>
    public static byte[] Serialize(JsonObject document, string mediaType)
    {
        if (mediaType == "application/yaml")
        {
            using var text = new StringWriter();
            new OpenApiYamlWriter(text).WriteAny(document);
            return Encoding.UTF8.GetBytes(text.ToString());
        }
        return Encoding.UTF8.GetBytes(document.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
    }

    /// <summary>The first supported media type the caller accepts; JSON when it names none.</summary>
    private static string AcceptedMediaType(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return "application/json";
        }
        var accepted = accept.Split(',').Select(part => part.Split(';')[0].Trim()).ToList();
        if (accepted.Any(type => type is "*/*" or "application/*"))
        {
            return "application/json";
        }
        return accepted.FirstOrDefault(MediaTypes.Contains)
            ?? throw GatewayError.BadRequest($"Unsupported Accept value: {accept}. Valid options are {string.Join(", ", MediaTypes)}");
    }

    /// <summary>
    /// The extensions parameter: a comma-separated list of integrations, authorizers, apigateway (both and the API's
    /// own settings) and postman (accepted; the local gateway adds no Postman extensions).
    /// </summary>
    private static ExportExtensions ReadExtensions(string? value)
    {
        var extensions = ExportExtensions.None;
        foreach (var name in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            extensions |= name.ToLowerInvariant() switch
            {
                "integrations" => ExportExtensions.Integrations,
                "authorizers" => ExportExtensions.Authorizers,
                "apigateway" => ExportExtensions.ApiGateway,
                "postman" => ExportExtensions.None,
                _ => throw GatewayError.BadRequest($"Invalid extensions specified: {name}. Valid options are integrations, authorizers, apigateway, postman"),
            };
        }
        return extensions;
    }
}
