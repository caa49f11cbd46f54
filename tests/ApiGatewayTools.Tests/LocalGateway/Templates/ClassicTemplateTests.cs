using ApiGatewayTools.LocalGateway.Templates;
using static ApiGatewayTools.Tests.LocalGateway.Templates.TemplateTestContext;

namespace ApiGatewayTools.Tests.LocalGateway.Templates;

/// <summary>The templates people actually deploy, rendered end to end.</summary>
public sealed class ClassicTemplateTests
{
    [Fact]
    public void Json_pass_through_template() =>
        Assert.Equal("""{"pet":{"name":"Rex"}}""", Render("$input.json('$')", """{"pet": {"name": "Rex"}}"""));

    [Fact]
    public void Params_to_json_template()
    {
        var template = "{\n  \"id\": \"$input.params('id')\",\n  \"sort\": \"$input.params('sort')\"\n}";

        Assert.Equal("{\n  \"id\": \"42\",\n  \"sort\": \"asc\"\n}", Render(template));
    }

    [Fact]
    public void Request_passthrough_template_loops_every_parameter_map()
    {
        var template = """
            #set($everything = $input.params())
            {
              "body": $input.json('$'),
              "params": {
              #foreach($kind in $everything.keySet())
                #set($values = $everything.get($kind))
                "$kind": {
                #foreach($name in $values.keySet())
                  "$name": "$util.escapeJavaScript($values.get($name))"#if($foreach.hasNext),#end
                #end
                }#if($foreach.hasNext),#end
              #end
              },
              "stage-variables": {
              #foreach($name in $stageVariables.keySet())
                "$name": "$util.escapeJavaScript($stageVariables.get($name))"#if($foreach.hasNext),#end
              #end
              },
              "context": {
                "http-method": "$context.httpMethod",
                "source-ip": "$context.identity.sourceIp",
                "resource-path": "$context.resourcePath"
              }
            }
            """;
        var context = new MappingTemplateContext
        {
            Body = """{"a": 1}""",
            PathParameters = new Dictionary<string, string> { ["id"] = "7" },
            QueryStringParameters = new Dictionary<string, string> { ["q"] = "it's" },
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Host"] = "h", ["Accept"] = "*/*" },
            StageVariables = new Dictionary<string, string> { ["env"] = "test" },
            Context = new Dictionary<string, object?>
            {
                ["httpMethod"] = "POST",
                ["identity.sourceIp"] = "127.0.0.1",
                ["resourcePath"] = "/items/{id}",
            },
        };

        var rendered = MappingTemplate.Render(template, context);

        Assert.Equal("""
            {
              "body": {"a":1},
              "params": {
                "path": {
                  "id": "7"
                },
                "querystring": {
                  "q": "it\'s"
                },
                "header": {
                  "Host": "h",
                  "Accept": "*\/*"
                }
              },
              "stage-variables": {
                "env": "test"
              },
              "context": {
                "http-method": "POST",
                "source-ip": "127.0.0.1",
                "resource-path": "/items/{id}"
              }
            }
            """, rendered);
    }
}
