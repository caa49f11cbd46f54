using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Set-GwDocumentationPart's rules: AWS's location fields per type, wildcards, content as a JSON object, converging plans.</summary>
public sealed class DocumentationPlanTests
{
    private static readonly DocumentationPart ListPets = new()
    {
        RestApiId = "a1", DocumentationPartId = "p1", Type = "METHOD", Path = "/pets", HttpMethod = "GET", Properties = """{"summary":"List pets","tags":["pets"]}""",
    };

    [Fact]
    public void LeftOutFieldsAreTheWildcardsAwsStores()
    {
        Assert.Equal(new DocumentationLocation("RESPONSE", "/", "*", "*", null), DocumentationLocation.Create("response", null, null, null, null));
        Assert.Equal(new DocumentationLocation("METHOD", "/pets", "GET", null, null), DocumentationLocation.Create("METHOD", "/pets", "get", null, null));
        Assert.Equal(new DocumentationLocation("API", null, null, null, null), DocumentationLocation.Create("API", null, null, null, null));
    }

    [Theory]
    [InlineData("STAGE", null, null, null, null, DocumentationLocation.InvalidTypeErrorId, "Location")]
    [InlineData("API", "/pets", null, null, null, DocumentationLocation.FieldNotTakenErrorId, "Path")]
    [InlineData("RESOURCE", "/pets", "GET", null, null, DocumentationLocation.FieldNotTakenErrorId, "HttpMethod")]
    [InlineData("METHOD", "/pets", "GET", "200", null, DocumentationLocation.FieldNotTakenErrorId, "StatusCode")]
    [InlineData("RESPONSE", "/pets", "GET", "200", "x", DocumentationLocation.FieldNotTakenErrorId, "Name")]
    [InlineData("PATH_PARAMETER", "/pets/{id}", "GET", null, null, DocumentationLocation.NameRequiredErrorId, "Name")]
    [InlineData("MODEL", null, null, null, " ", DocumentationLocation.NameRequiredErrorId, "Name")]
    [InlineData("RESPONSE", "/pets", "GET", "99", null, DocumentationLocation.InvalidStatusCodeErrorId, "StatusCode")]
    [InlineData("RESPONSE", "/pets", "GET", "2xx", null, DocumentationLocation.InvalidStatusCodeErrorId, "StatusCode")]
    [InlineData("METHOD", "/pets", "FETCH", null, null, HttpVerb.InvalidErrorId, "HttpMethod")]
    public void ALocationTakesOnlyTheFieldsOfItsType(string type, string? path, string? method, string? statusCode, string? name, string errorId, string parameter)
    {
        var e = Assert.Throws<GwValidationException>(() => DocumentationLocation.Create(type, path, method, statusCode, name));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(parameter, e.ParameterName);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{nope")]
    [InlineData("")]
    public void ContentMustBeAJsonObject(string json)
    {
        var e = Assert.Throws<GwValidationException>(() => DocumentationWorkflow.ValidateProperties(json));
        Assert.Equal(DocumentationWorkflow.InvalidPropertiesErrorId, e.ErrorId);
    }

    [Fact]
    public void AHashtableTreeBecomesItsJson() =>
        Assert.Equal("""{"info":{"description":"Pets"}}""",
            DocumentationWorkflow.ContentOf(new Dictionary<string, object?> { ["info"] = new Dictionary<string, object?> { ["description"] = "Pets" } }));

    [Fact]
    public void ALocationWithoutAPartIsCreated()
    {
        var location = DocumentationLocation.Create("METHOD", "/pets", "POST", null, null);
        var plan = DocumentationWorkflow.PlanPart("a1", location, """{"summary":"Add a pet"}""", [ListPets]);

        Assert.Equal("""CreateDocumentationPart POST /restapis/a1/documentation/parts {"location":{"type":"METHOD","path":"/pets","method":"POST"},"properties":"{\"summary\":\"Add a pet\"}"}""",
            plan.ToString());
    }

    [Fact]
    public void OtherContentReplacesTheProperties()
    {
        var plan = DocumentationWorkflow.PlanPart("a1", DocumentationLocation.Create("METHOD", "/pets", "GET", null, null), """{"summary":"All pets"}""", [ListPets]);

        Assert.StartsWith("UpdateDocumentationPart PATCH /restapis/a1/documentation/parts/p1 ", plan.ToString());
        Assert.Contains("/properties", plan.ToString());
    }

    [Fact]
    public async Task TheSameContentInAnotherKeyOrderSendsNothing()
    {
        var plan = DocumentationWorkflow.PlanPart("a1", DocumentationLocation.Create("METHOD", "/pets", "GET", null, null),
            """{ "tags": ["pets"], "summary": "List pets" }""", [ListPets]);

        Assert.True(plan.IsEmpty);
        using var server = new ScriptedServer();
        Assert.Same(ListPets, await plan.ApplyAsync(new ApiGatewayClient(server.Connection()), CancellationToken.None));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void AnExistingVersionIsKeptAndTheStagePointedAtIt()
    {
        var existing = new DocumentationVersion { RestApiId = "a1", Version = "1.0", Description = "first" };
        var stage = new Stage { RestApiId = "a1", StageName = "prod", DocumentationVersion = "0.9" };

        var plan = DocumentationWorkflow.PlanVersion("a1", "1.0", "first", "prod", existing, stage);

        Assert.Equal("""UpdateStage PATCH /restapis/a1/stages/prod {"patchOperations":[{"op":"replace","path":"/documentationVersion","value":"1.0"}]}""", plan.ToString());
        Assert.True(DocumentationWorkflow.PlanVersion("a1", "1.0", null, "prod", existing, stage with { DocumentationVersion = "1.0" }).IsEmpty);
    }
}
