using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Definitions read from documents, live APIs and stages compare by value; bad documents are named where they are wrong.</summary>
public sealed class ApiDefinitionTests
{
    private static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Engine", "OpenApiDocuments", name));

    private static ApiDefinition Read(string name) => ApiDefinitionFromDocument.Read(ApiDocument.Parse(Text(name), name));

    [Fact]
    public void OpenApi3JsonAndSwagger2YamlOfOneApiAreEqual() =>
        Assert.Equal([], ApiDifference.Between(Read("petstore-oas30.json"), Read("petstore-swagger2.yaml")).Select(d => $"{d} {d.Reference} -> {d.Difference}"));

    [Fact]
    public void ExtensionsBecomeRoutesIntegrationsAndSettings()
    {
        var definition = Read("petstore-oas30.json");

        Assert.Equal(["GET /pets", "POST /pets", "GET /pets/{petId}"], definition.Routes.Keys.Order().Select(k => k.ToString()));
        var list = definition.Routes[new("/pets", "GET")];
        Assert.True(list.ApiKeyRequired);
        Assert.Equal("params-only", list.RequestValidator);
        Assert.Equal(new Dictionary<string, bool> { ["method.request.querystring.type"] = false, ["method.request.querystring.page"] = true }, list.RequestParameters);
        Assert.Equal("Pets", list.MethodResponses["200"].Models["application/json"]);
        Assert.Equal(["method.response.header.Access-Control-Allow-Origin"], list.MethodResponses["200"].Parameters);
        Assert.Equal("HTTP", list.Integration!.Type);
        Assert.Equal("WHEN_NO_MATCH", list.Integration.PassthroughBehavior);
        var get = definition.Routes[new("/pets/{petId}", "GET")];
        Assert.Empty(get.RequestParameters);
        Assert.Equal("404", get.Integration!.Responses["Not found.*"].StatusCode);
        Assert.Null(get.Integration.Uri);
        Assert.Equal("NewPet", definition.Routes[new("/pets", "POST")].RequestModels["application/json"]);
        Assert.Equal(["image/png"], definition.Settings.BinaryMediaTypes);
        Assert.Equal("body=false,parameters=true", definition.Settings.RequestValidators!["params-only"]);
        // Empty is the model AWS gives every API: implied, so not listed.
        Assert.Equal(["NewPet", "Pet", "Pets"], definition.Settings.Models!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DocumentWithoutExtensionsHasRoutesWithoutIntegrations()
    {
        var definition = Read("tools-oas31.yaml");

        Assert.Equal(["GET /items", "DELETE /items/{itemId}"], definition.Routes.Keys.Order().Select(k => k.ToString()));
        Assert.All(definition.Routes.Values, r => Assert.Null(r.Integration));
        Assert.False(definition.Routes[new("/items", "GET")].RequestParameters["method.request.querystring.limit"]);
        Assert.Contains("/items/{itemId}", definition.Paths);
    }

    [Fact]
    public void OneChangedUriIsOneChangedIntegrationDifference()
    {
        var changed = Text("petstore-oas30.json").Replace("petstore/pets\",\n          \"passthroughBehavior\": \"when_no_match\",\n          \"requestParameters\"",
            "petstore/v2/pets\",\n          \"passthroughBehavior\": \"when_no_match\",\n          \"requestParameters\"", StringComparison.Ordinal);

        var difference = Assert.Single(ApiDifference.Between(Read("petstore-oas30.json"), ApiDefinitionFromDocument.Read(ApiDocument.Parse(changed, "changed"))));

        Assert.Equal((ApiDifferenceKind.Integration, ApiChange.Changed, "/pets", "GET", "Integration.Uri"),
            (difference.Kind, difference.Change, difference.Path, difference.Method, difference.Property));
        Assert.EndsWith("petstore/v2/pets", difference.Difference);
    }

    [Fact]
    public void RouteOnOneSideIsOneDifference()
    {
        var differences = ApiDifference.Between(Read("tools-oas31.yaml"), Read("petstore-oas30.json"));

        Assert.Contains(differences, d => d is { Kind: ApiDifferenceKind.Route, Change: ApiChange.Removed, Path: "/items", Method: "GET" });
        Assert.Contains(differences, d => d is { Kind: ApiDifferenceKind.Route, Change: ApiChange.Added, Path: "/pets/{petId}", Method: "GET", Difference: "MOCK" });
        Assert.Contains(differences, d => d is { Kind: ApiDifferenceKind.Setting, Change: ApiChange.Added, Property: "BinaryMediaTypes" });
    }

    [Fact]
    public void LiveApiBuiltLikeTheDocumentEqualsIt()
    {
        var live = ApiDefinitionFromService.Live(new RestApi { RestApiId = "a1", Name = "Items" },
        [
            new RestApiResource { ResourceId = "r0", Path = "/" },
            new RestApiResource { ResourceId = "r1", Path = "/items", ResourceMethods = new Dictionary<string, Method>
            {
                ["GET"] = new() { HttpMethod = "GET", OperationName = "listItems", RequestParameters = new Dictionary<string, bool> { ["method.request.querystring.limit"] = false },
                    MethodResponses = new Dictionary<string, MethodResponse> { ["200"] = new() { StatusCode = "200" } } },
            } },
            new RestApiResource { ResourceId = "r2", Path = "/items/{itemId}", ResourceMethods = new Dictionary<string, Method>
            {
                ["DELETE"] = new() { HttpMethod = "DELETE", OperationName = "deleteItem", RequestParameters = new Dictionary<string, bool> { ["method.request.path.itemId"] = true },
                    MethodResponses = new Dictionary<string, MethodResponse> { ["204"] = new() { StatusCode = "204" } } },
            } },
        ], [], []);

        // Models and gateway responses not read: unknown, not compared.
        Assert.Empty(ApiDifference.Between(live, Read("tools-oas31.yaml")));
    }

    [Fact]
    public void LiveModelsAndCustomisedGatewayResponsesCompareWithTheDocuments()
    {
        const string Document = """
            openapi: 3.0.1
            info: {title: Tags, version: '1'}
            paths: {}
            components:
              schemas:
                Tag: {type: string}
                Item:
                  type: object
                  properties:
                    tags: {type: array, items: {$ref: '#/components/schemas/Tag'}}
            x-amazon-apigateway-gateway-responses:
              DEFAULT_4XX:
                statusCode: 400
                responseParameters: {gatewayresponse.header.Access-Control-Allow-Origin: "'*'"}
            """;
        const string Draft4 = "\"$schema\":\"http://json-schema.org/draft-04/schema#\"";
        var models = new List<RestApiModel>
        {
            new() { Name = "Empty", Schema = "{" + Draft4 + ",\"title\":\"Empty Schema\",\"type\":\"object\"}" },
            new() { Name = "Error", Schema = "{" + Draft4 + ",\"title\":\"Error Schema\",\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}" },
            new() { Name = "Tag", Schema = "{\"type\":\"string\"}" },
            new() { Name = "Item", Schema = "{" + Draft4 + ",\"type\":\"object\",\"properties\":{\"tags\":{\"type\":\"array\",\"items\":{\"$ref\":\"https://apigateway.amazonaws.com/restapis/a1/models/Tag\"}}}}" },
        };
        var responses = new List<GatewayResponse>
        {
            new() { ResponseType = "DEFAULT_4XX", StatusCode = "400", ResponseParameters = new Dictionary<string, string> { ["gatewayresponse.header.Access-Control-Allow-Origin"] = "'*'" } },
            new() { ResponseType = "DEFAULT_5XX", DefaultResponse = true },
            new() { ResponseType = "ACCESS_DENIED", StatusCode = "403", DefaultResponse = true },
        };
        ApiDefinition Live(IEnumerable<RestApiModel> m, IEnumerable<GatewayResponse> g) =>
            ApiDefinitionFromService.Live(new RestApi { RestApiId = "a1", Name = "Tags" }, [new RestApiResource { ResourceId = "r0", Path = "/" }], [], [], m, g);
        var document = ApiDefinitionFromDocument.Read(ApiDocument.Parse(Document, "tags.yaml"));

        Assert.Empty(ApiDifference.Between(Live(models, responses), document));

        var drifted = ApiDifference.Between(Live(models.Where(m => m.Name != "Tag"),
            [.. responses, new() { ResponseType = "THROTTLED", StatusCode = "429" }]), document);

        Assert.Equal(["GatewayResponse[THROTTLED] Removed", "Model[Tag] Added"], drifted.Select(d => $"{d.Property} {d.Change}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"openapi\": \"3.0.1\",\n  \"info\": {\"title\": \"x\" \"version\": \"1\"}}", "line 2")]
    [InlineData("openapi: 3.0.1\ninfo:\n  title: x\n   version: [1\n", "line ")]
    [InlineData("{\"info\": {\"title\": \"x\", \"version\": \"1\"}, \"paths\": {}}", "at /:")]
    public void MalformedDocumentsAreNamedByLine(string text, string location)
    {
        var e = Assert.Throws<ApiDocumentException>(() => ApiDocument.Parse(text, "api.doc"));

        Assert.Equal(ApiDocumentException.InvalidDocumentErrorId, e.ErrorId);
        Assert.Contains(location, e.Message);
    }

    [Fact]
    public void UnknownIntegrationTypeIsNamedByPointer()
    {
        var text = Text("petstore-oas30.json").Replace("\"type\": \"mock\"", "\"type\": \"lambda\"", StringComparison.Ordinal);

        var e = Assert.Throws<ApiDocumentException>(() => ApiDocument.Parse(text, "api.json"));

        Assert.Equal("/paths/~1pets~1{petId}/get/x-amazon-apigateway-integration/type", e.Location);
        Assert.Contains("http, http_proxy, aws, aws_proxy or mock", e.Message);
    }

    [Fact]
    public void ReferenceToNothingIsNamedByPointer()
    {
        var text = Text("petstore-oas30.json").Replace("#/components/schemas/NewPet", "#/components/schemas/NoSuchPet", StringComparison.Ordinal);

        var e = Assert.Throws<ApiDocumentException>(() => ApiDocument.Parse(text, "api.json"));

        Assert.Equal("/paths/~1pets/post/requestBody/content/application~1json/schema/$ref", e.Location);
        Assert.Contains("#/components/schemas/NoSuchPet", e.Message);
    }

    [Fact]
    public void SmallChangeIsTargetedAndSettingChangeIsOneOverwrite()
    {
        var document = ApiDocument.Parse(Text("tools-oas31.yaml"), "tools");
        var target = ApiDefinitionFromDocument.Read(document);
        var resources = new List<RestApiResource>
        {
            new() { ResourceId = "r0", Path = "/" },
            new() { ResourceId = "r1", Path = "/items" },
            new() { ResourceId = "r2", Path = "/items/{itemId}" },
        };
        var onlyDelete = new ApiDefinition([target.Routes[new("/items/{itemId}", "DELETE")]], new ApiSettings { RequestValidators = new Dictionary<string, string>(), Authorizers = new Dictionary<string, string>() });
        var live = new LiveApi(new RestApi { RestApiId = "a1", Name = "Inventory" }, resources, [], [], onlyDelete);

        var targeted = ApiSyncWorkflow.Plan(document, target, live);

        Assert.Equal(ApiSyncStrategy.Targeted, targeted.Strategy);
        Assert.Equal(["PutMethod", "PutMethodResponse"], targeted.Plan.Steps.Select(s => s.Operation.Name));

        var overwrite = ApiSyncWorkflow.Plan(document, target with { }, live with { Definition = new ApiDefinition(onlyDelete.Routes.Values, onlyDelete.Settings with { BinaryMediaTypes = ["image/png"] }) });

        Assert.Equal(ApiSyncStrategy.Overwrite, overwrite.Strategy);
        Assert.Equal("PutRestApi PUT /restapis/a1?mode=overwrite <document tools, " + document.Text.Length + " characters>", Assert.Single(overwrite.Plan.Steps).Operation.ToString());
        Assert.Equal(ApiSyncStrategy.None, ApiSyncWorkflow.Plan(document, target, live with { Definition = target }).Strategy);
    }

    [Fact]
    public void AnApiKeptUnderAnotherNameThanTheTitleIsNamedInTheSamePlan()
    {
        var document = ApiDocument.Parse(Text("tools-oas31.yaml"), "tools");
        var target = ApiDefinitionFromDocument.Read(document);
        var live = new LiveApi(new RestApi { RestApiId = "a1", Name = "inventory-prod" }, [new() { ResourceId = "r0", Path = "/" }], [], [],
            new ApiDefinition([], new ApiSettings { BinaryMediaTypes = ["image/png"] }));

        var created = ApiSyncWorkflow.PlanImport(document, target, "REGIONAL", "inventory-prod");
        var replaced = ApiSyncWorkflow.Plan(document, target, live, "inventory-prod");

        Assert.Equal(["ImportRestApi", "UpdateRestApi"], created.Plan.Steps.Select(s => s.Operation.Name));
        Assert.Equal("UpdateRestApi PATCH /restapis/{id of the new API} {\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"inventory-prod\"}]}",
            created.Plan.Steps[1].Operation.ToString());
        Assert.Same(created.Plan.Steps[1], created.NewApiStep);
        Assert.Equal(["PutRestApi", "UpdateRestApi"], replaced.Plan.Steps.Select(s => s.Operation.Name));
        Assert.Single(ApiSyncWorkflow.PlanImport(document, target, "REGIONAL", document.Title).Plan.Steps);
        Assert.Single(ApiSyncWorkflow.Plan(document, target, live).Plan.Steps);
    }

    [Fact]
    public void ExportAndImportOperationsCarryAwsParameters()
    {
        var export = ApiGatewayOperations.GetExport("a1", "prod", ApiDocumentFormat.OpenApi3, ApiExportExtension.Integrations | ApiExportExtension.Authorizers, yaml: true);
        var import = ApiGatewayOperations.ImportRestApi(new ApiDocumentImport("openapi: 3.0.1", true, "api.yaml") { FailOnWarnings = true, BasePath = ImportBasePath.Split, EndpointType = "REGIONAL" });

        Assert.Equal("GetExport GET /restapis/a1/stages/prod/exports/oas30?extensions=integrations,authorizers", export.ToString());
        Assert.Equal("application/yaml", export.Accept);
        Assert.Equal(new Dictionary<string, string> { ["failonwarnings"] = "true", ["basepath"] = "split", ["mode"] = "import", ["endpointConfigurationTypes"] = "REGIONAL" }, import.Query);
        Assert.Equal("application/yaml", import.ContentType);
        Assert.Equal("openapi: 3.0.1", import.Body);
    }
}
