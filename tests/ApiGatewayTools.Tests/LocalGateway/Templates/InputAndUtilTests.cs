using ApiGatewayTools.LocalGateway.Templates;
using static ApiGatewayTools.Tests.LocalGateway.Templates.TemplateTestContext;

namespace ApiGatewayTools.Tests.LocalGateway.Templates;

public sealed class InputAndUtilTests
{
    private const string PetBody = """{"name":"Rex","tags":["a","b"],"owner":{"city":"Oslo","ids":[1,2]},"items":[{"n":"x","q":1},{"n":"y","q":2}],"price":9.5}""";

    [Fact]
    public void Input_body_is_the_raw_body() =>
        Assert.Equal("raw: a=1&b=2", Render("raw: $input.body", "a=1&b=2"));

    [Fact]
    public void Input_json_of_root_is_the_body_as_compact_json() =>
        Assert.Equal("""{"a":[1,2],"b":"x y"}""", Render("$input.json('$')", "{ \"a\": [1, 2],\n \"b\": \"x y\" }"));

    [Fact]
    public void Input_json_of_empty_body_is_an_empty_object() =>
        Assert.Equal("{}", Render("$input.json('$')"));

    [Fact]
    public void Input_json_of_a_string_is_quoted() =>
        Assert.Equal("\"Rex\"", Render("$input.json('$.name')", PetBody));

    [Fact]
    public void Input_json_selects_nested_members_and_array_elements() =>
        Assert.Equal("Oslo|2|{\"n\":\"y\",\"q\":2}|\"b\"", Render("$input.path('$.owner.city')|$input.json('$.owner.ids[1]')|$input.json(\"$['items'][-1]\")|$input.json('$.tags[1]')", PetBody));

    [Fact]
    public void Input_json_wildcard_selects_a_json_array() =>
        Assert.Equal("""["x","y"]""", Render("$input.json('$.items[*].n')", PetBody));

    [Fact]
    public void Input_json_of_a_missing_member_is_empty() =>
        Assert.Equal("[]", Render("[$input.json('$.nope.deeper')]", PetBody));

    [Fact]
    public void Input_path_gives_a_list_to_size_and_iterate() =>
        Assert.Equal("2: x=1 y=2 ", Render("$input.path('$.items').size(): #foreach($i in $input.path('$.items'))$i.n=$i.q #end", PetBody));

    [Fact]
    public void Input_path_of_an_object_prints_as_a_java_map() =>
        Assert.Equal("{city=Oslo, ids=[1, 2]}", Render("$input.path('$.owner')", PetBody));

    [Fact]
    public void Input_path_numbers_keep_their_kind() =>
        Assert.Equal("9.5 3", Render("$input.path('$.price') #set($t = $input.path('$.owner.ids[0]') + 2)$t", PetBody));

    [Fact]
    public void Input_params_by_name_searches_path_then_query_then_header() =>
        Assert.Equal("42 asc t-1 []", Render("$input.params('id') $input.params('sort') $input.params('x-trace') [$input.params('none')]"));

    [Fact]
    public void Input_params_map_holds_path_querystring_and_header_maps() =>
        Assert.Equal("[path, querystring, header] application/json from-query", Render("$input.params().keySet() $input.params().header.get('accept') $input.params().querystring.id"));

    [Fact]
    public void Context_variables_resolve_including_nested_names() =>
        Assert.Equal("req-1 prod 192.0.2.1 a@example.com", Render("$context.requestId $context.stage $context.identity.sourceIp $context.authorizer.claims.email"));

    [Fact]
    public void Stage_variables_resolve_by_property_and_by_key() =>
        Assert.Equal("pets.internal v2", Render("$stageVariables.backend $stageVariables['version']"));

    [Fact]
    public void EscapeJavaScript_escapes_quotes_slashes_controls_and_non_ascii() =>
        Assert.Equal("it\\'s \\\"x\\\" a\\/b \\\\ \\n\\t \\u00E9\\u0001", Render("$util.escapeJavaScript($input.body)", "it's \"x\" a/b \\ \n\t é\u0001"));

    [Fact]
    public void ParseJson_gives_a_navigable_value() =>
        Assert.Equal("b 2", Render("#set($o = $util.parseJson($input.json('$.tags')))$o[1] $o.size()", PetBody));

    [Fact]
    public void UrlEncode_and_urlDecode_follow_java_form_encoding() =>
        Assert.Equal("a+b%26c%3D%C3%A9*%7E a b&c", Render("$util.urlEncode('a b&c=é*~') $util.urlDecode('a+b%26c')"));

    [Fact]
    public void Base64_round_trips_utf8_text() =>
        Assert.Equal("aMOpbGxv héllo", Render("$util.base64Encode('héllo') $util.base64Decode('aMOpbGxv')"));

    [Fact]
    public void Util_of_null_is_null() =>
        Assert.Equal("[]", Render("[$util.escapeJavaScript($missing)]"));

    [Fact]
    public void String_methods_behave_as_java()
    {
        var template = "#set($s = ' Hello ')#set($t = $s.trim())"
            + "$t.length() $t.contains('ell') $t.toUpperCase() $t.toLowerCase() $t.replaceAll('e(l+)o', 'a$1') "
            + "$t.startsWith('He') $t.endsWith('lo') $t.substring(1, 4) $t.indexOf('l') $t.isEmpty() $t.equals('Hello')";

        Assert.Equal("5 true HELLO hello Hall true true ell 2 false true", Render(template));
    }

    [Fact]
    public void Split_drops_trailing_empty_strings_as_java_does() =>
        Assert.Equal("[a, b, , c] 4", Render("#set($csv = 'a,b,,c,,')#set($parts = $csv.split(','))$parts $parts.size()"));

    [Fact]
    public void Map_methods_behave_as_java() =>
        Assert.Equal("true false 2 [a, b] 1", Render("#set($m = {'a': 1, 'b': 2})$m.containsKey('a') $m.isEmpty() $m.size() $m.keySet() $m.get('a')"));

    [Fact]
    public void Header_map_lookups_ignore_case() =>
        Assert.Equal("t-1 true", Render("$input.params().header.get('X-TRACE') $input.params().header.containsKey('x-trace')"));

    [Fact]
    public void Rendering_twice_uses_the_cached_parse_with_fresh_variables()
    {
        var template = "#set($n = $input.path('$.n'))$n";

        Assert.Equal("1", MappingTemplate.Render(template, Request("{\"n\":1}")));
        Assert.Equal("2", MappingTemplate.Render(template, Request("{\"n\":2}")));
    }
}
