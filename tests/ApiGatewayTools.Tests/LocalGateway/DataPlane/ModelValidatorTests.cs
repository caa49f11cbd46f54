using System.Text.Json;
using ApiGatewayTools.LocalGateway.DataPlane.Validation;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane;

/// <summary>The compiled draft 4 validator that request validation runs on each body, keyword by keyword.</summary>
public sealed class ModelValidatorTests
{
    private const string Api = "a1b2c3";

    private static IReadOnlyList<string> Violations(string schema, string body, params (string Name, string Schema)[] others)
    {
        var models = new Dictionary<string, ModelRecord>(StringComparer.Ordinal)
        {
            ["Subject"] = new() { Id = "m0", Name = "Subject", Schema = schema, ContentType = "application/json" },
        };
        foreach (var (name, text) in others)
        {
            models[name] = new() { Id = name, Name = name, Schema = text, ContentType = "application/json" };
        }
        using var document = JsonDocument.Parse(body);
        return [.. ModelValidator.Compile(Api, models, "Subject").Validate(document.RootElement).Select(violation => violation.ToString())];
    }

    [Theory]
    [InlineData("""{"type":"integer"}""", "3")]
    [InlineData("""{"type":"integer"}""", "12345678901234567890123")]
    [InlineData("""{"type":"number"}""", "3")]
    [InlineData("""{"type":"number"}""", "3.5")]
    [InlineData("""{"type":["string","null"]}""", "null")]
    [InlineData("""{"enum":[1,"a",{"b":[true]}]}""", "1.0")]
    [InlineData("""{"enum":[1,"a",{"b":[true]}]}""", """{ "b" : [ true ] }""")]
    [InlineData("""{"minimum":0,"maximum":10,"exclusiveMaximum":true}""", "9.99")]
    [InlineData("""{"multipleOf":0.01}""", "19.99")]
    [InlineData("""{"minLength":2,"maxLength":2}""", "\"😀😀\"")]
    [InlineData("""{"pattern":"^[0-9]{3}$"}""", "\"123\"")]
    [InlineData("""{"pattern":"b"}""", "\"abc\"")]
    [InlineData("""{"format":"date-time"}""", "\"2024-02-29T10:00:00.123+01:00\"")]
    [InlineData("""{"format":"date"}""", "\"not a date, and not checked\"")]
    [InlineData("""{"format":"email"}""", "\"ann@example.com\"")]
    [InlineData("""{"format":"ipv4"}""", "\"10.0.0.1\"")]
    [InlineData("""{"format":"ipv6"}""", "\"::1\"")]
    [InlineData("""{"format":"uri"}""", "\"https://example.com/a?b=c\"")]
    [InlineData("""{"items":{"type":"string"},"minItems":1,"uniqueItems":true}""", """["a","b"]""")]
    [InlineData("""{"items":[{"type":"string"},{"type":"integer"}],"additionalItems":false}""", """["a",1]""")]
    [InlineData("""{"required":["a"],"properties":{"a":{"type":"string"}},"additionalProperties":false}""", """{"a":"x"}""")]
    [InlineData("""{"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}""", """{"x-a":"1"}""")]
    [InlineData("""{"dependencies":{"card":["billing"]}}""", """{"card":1,"billing":2}""")]
    [InlineData("""{"oneOf":[{"type":"string"},{"type":"integer"}]}""", "4")]
    [InlineData("""{"not":{"type":"string"}}""", "4")]
    [InlineData("""{"definitions":{"n":{"type":"object","properties":{"next":{"$ref":"#/definitions/n"}}}},"$ref":"#/definitions/n"}""", """{"next":{"next":{}}}""")]
    public void A_value_that_keeps_every_rule_passes(string schema, string body)
    {
        Assert.Empty(Violations(schema, body));
    }

    [Theory]
    [InlineData("""{"type":"integer"}""", "3.0", "instance type (number) does not match any allowed primitive type (allowed: [\"integer\"]) at /")]
    [InlineData("""{"type":["string","null"]}""", "1", "instance type (integer) does not match any allowed primitive type (allowed: [\"null\",\"string\"]) at /")]
    [InlineData("""{"enum":["dog","cat"]}""", "\"cow\"", "instance value (\"cow\") not found in enum (possible values: [\"dog\",\"cat\"]) at /")]
    [InlineData("""{"minimum":0}""", "-1", "numeric instance is lower than the required minimum (minimum: 0, found: -1) at /")]
    [InlineData("""{"minimum":0,"exclusiveMinimum":true}""", "0", "numeric instance is not strictly greater than the required minimum 0 at /")]
    [InlineData("""{"maximum":10}""", "10.5", "numeric instance is greater than the required maximum (maximum: 10, found: 10.5) at /")]
    [InlineData("""{"multipleOf":0.01}""", "19.999", "remainder of division is not zero (19.999 / 0.01) at /")]
    [InlineData("""{"minLength":3}""", "\"😀😀\"", "string \"😀😀\" is too short (length: 2, required minimum: 3) at /")]
    [InlineData("""{"maxLength":1}""", "\"ab\"", "string \"ab\" is too long (length: 2, maximum allowed: 1) at /")]
    [InlineData("""{"pattern":"^[0-9]{3}$"}""", "\"12a\"", "ECMA 262 regex \"^[0-9]{3}$\" does not match input string \"12a\" at /")]
    [InlineData("""{"format":"date-time"}""", "\"2023-02-30T00:00:00Z\"", "string \"2023-02-30T00:00:00Z\" is invalid against requested date format(s) [yyyy-MM-dd'T'HH:mm:ssZ, yyyy-MM-dd'T'HH:mm:ss.SSSZ] at /")]
    [InlineData("""{"format":"ipv4"}""", "\"10.0.0\"", "string \"10.0.0\" is not a valid IPv4 address at /")]
    [InlineData("""{"maxItems":1}""", "[1,2]", "array is too long: must have at most 1 elements but instance has 2 elements at /")]
    [InlineData("""{"uniqueItems":true}""", """[{"a":1,"b":2},{"b":2,"a":1.0}]""", "array must not contain duplicate elements at /")]
    [InlineData("""{"items":[{"type":"string"}],"additionalItems":false}""", """["a",1]""", "array only allows 1 elements but instance has 2 elements at /")]
    [InlineData("""{"required":["name","age"]}""", """{}""", "object has missing required properties ([\"age\",\"name\"]) at /")]
    [InlineData("""{"properties":{"a":{}},"additionalProperties":false}""", """{"a":1,"z":2,"b":3}""", "object instance has properties which are not allowed by the schema: [\"b\",\"z\"] at /")]
    [InlineData("""{"maxProperties":1}""", """{"a":1,"b":2}""", "object has too many properties (found 2 but schema requires at most 1) at /")]
    [InlineData("""{"dependencies":{"card":["billing"]}}""", """{"card":1}""", "property \"card\" of object has missing property dependencies (schema requires [\"billing\"]; missing: [\"billing\"]) at /")]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "true", "instance failed to match at least one required schema among 2 at /")]
    [InlineData("""{"oneOf":[{"type":"number"},{"type":"integer"}]}""", "4", "instance failed to match exactly one schema (matched 2 out of 2) at /")]
    [InlineData("""{"allOf":[{"type":"number"},{"minimum":5}]}""", "4", "instance failed to match all required schemas (matched only 1 out of 2) at /")]
    [InlineData("""{"not":{"type":"string"}}""", "\"a\"", "instance matched a schema which it should not have at /")]
    public void A_broken_rule_is_named_in_the_validator_words_with_where(string schema, string body, string expected)
    {
        Assert.Equal([expected], Violations(schema, body));
    }

    [Fact]
    public void Members_and_items_are_checked_where_they_are_and_only_when_their_parent_passed()
    {
        const string Schema = """
            {"type":"object","required":["name"],"properties":{
              "name":{"type":"string"},
              "owner":{"type":"object","properties":{"e/mail":{"format":"email"}}},
              "tags":{"type":"array","items":{"type":"string","minLength":1}}}}
            """;

        Assert.Equal(
            ["string \"x\" is not a valid email address at /owner/e~1mail", "string \"\" is too short (length: 0, required minimum: 1) at /tags/1"],
            Violations(Schema, """{"name":"Rex","owner":{"e/mail":"x"},"tags":["a",""]}"""));
        // The object itself lacks "name": its members are not looked at, so the one mistake is said once.
        Assert.Equal(
            ["object has missing required properties ([\"name\"]) at /"],
            Violations(Schema, """{"owner":{"e/mail":"x"}}"""));
    }

    [Fact]
    public void Pattern_properties_apply_to_declared_members_too_and_additional_schemas_to_the_rest()
    {
        const string Schema = """
            {"properties":{"x-id":{"type":"string"}},"patternProperties":{"^x-":{"minLength":3}},"additionalProperties":{"type":"integer"}}
            """;

        Assert.Empty(Violations(Schema, """{"x-id":"abc","count":2}"""));
        Assert.Equal(
            ["string \"ab\" is too short (length: 2, required minimum: 3) at /x-id", "instance type (string) does not match any allowed primitive type (allowed: [\"integer\"]) at /count"],
            Violations(Schema, """{"x-id":"ab","count":"2"}"""));
    }

    [Fact]
    public void A_reference_to_another_model_of_the_api_is_followed()
    {
        var owner = ("Owner", """{"type":"object","required":["email"],"properties":{"email":{"format":"email"}}}""");
        var schema = """{"type":"object","properties":{"owner":{"$ref":"https://apigateway.amazonaws.com/restapis/""" + Api + """/models/Owner"}}}""";

        Assert.Empty(Violations(schema, """{"owner":{"email":"ann@example.com"}}""", owner));
        Assert.Equal(["object has missing required properties ([\"email\"]) at /owner"], Violations(schema, """{"owner":{}}""", owner));
    }

    [Fact]
    public void A_schema_that_refers_to_itself_without_going_deeper_stops_with_a_violation_rather_than_running_forever()
    {
        var violations = Violations("""{"allOf":[{"$ref":"#"}]}""", "1");

        Assert.Single(violations);
    }

    [Fact]
    public void A_pattern_that_backtracks_cannot_be_made_to_run_away_by_a_body()
    {
        // A backreference needs the backtracking engine, which runs under a time limit; the body is built to
        // make it backtrack exponentially, and the check ends with the pattern not matching.
        var body = JsonSerializer.Serialize(new string('a', 40) + "!");

        var violations = Violations("""{"pattern":"^(a|aa)+\\1$"}""", body);

        Assert.Single(violations);
        Assert.StartsWith("ECMA 262 regex", violations[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Uniqueness_of_a_long_array_is_checked_in_linear_time()
    {
        var body = JsonSerializer.Serialize(Enumerable.Range(0, 200_000).Append(0));

        Assert.Equal(["array must not contain duplicate elements at /"], Violations("""{"uniqueItems":true}""", body));
    }
}
