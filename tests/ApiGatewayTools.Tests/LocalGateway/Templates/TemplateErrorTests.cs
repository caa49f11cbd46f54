using ApiGatewayTools.LocalGateway.Templates;
using static ApiGatewayTools.Tests.LocalGateway.Templates.TemplateTestContext;

namespace ApiGatewayTools.Tests.LocalGateway.Templates;

public sealed class TemplateErrorTests
{
    private static MappingTemplateException Failure(string template, string body = "") =>
        Assert.Throws<MappingTemplateException>(() => Render(template, body));

    [Fact]
    public void If_without_end_names_the_if_and_where_it_starts()
    {
        var error = Failure("a\n  #if(true)\nb");

        Assert.Equal("#if", error.Construct);
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Equal("#if has no #end (#if at line 2, column 3)", error.Message);
    }

    [Fact]
    public void Foreach_without_end_is_refused() =>
        Assert.Equal("#foreach", Failure("#foreach($x in [1])$x").Construct);

    [Fact]
    public void End_without_opening_directive_is_refused()
    {
        var error = Failure("text #end");

        Assert.Equal("#end", error.Construct);
        Assert.Equal("#end has no #if or #foreach to close (#end at line 1, column 6)", error.Message);
    }

    [Fact]
    public void Else_after_else_is_refused() =>
        Assert.Equal("#else", Failure("#if(true)a#else b#else c#end").Construct);

    [Fact]
    public void Bad_expression_names_what_was_found()
    {
        var error = Failure("#set($x = * 2)");

        Assert.Equal("expression", error.Construct);
        Assert.Contains("found '*'", error.Message);
    }

    [Fact]
    public void Directive_without_parentheses_is_refused() =>
        Assert.Equal("#if needs its arguments in parentheses; found 't' (#if at line 1, column 5)", Failure("#if true#end").Message);

    [Fact]
    public void Unclosed_method_call_is_refused() =>
        Assert.Equal(".params(", Failure("$input.params('id'").Construct);

    [Fact]
    public void Unknown_method_is_named()
    {
        var error = Failure("$context.stage.frobnicate()");

        Assert.Equal(".frobnicate()", error.Construct);
        Assert.Equal("unknown method 'frobnicate' on a string (.frobnicate() at line 1, column 15)", error.Message);
    }

    [Fact]
    public void Unknown_util_method_is_named() =>
        Assert.Equal("unknown method 'toJson' on $util (.toJson() at line 1, column 6)", Failure("$util.toJson('x')").Message);

    [Theory]
    [InlineData("#macro(x)#end", "#macro")]
    [InlineData("#parse('other.vm')", "#parse")]
    [InlineData("#include('other.vm')", "#include")]
    [InlineData("#define($x)#end", "#define")]
    [InlineData("#evaluate('$x')", "#evaluate")]
    [InlineData("#stop", "#stop")]
    public void Unsupported_directive_is_named(string template, string directive)
    {
        var error = Failure(template);

        Assert.Equal(directive, error.Construct);
        Assert.StartsWith($"{directive} is not supported", error.Message);
    }

    [Fact]
    public void Unclosed_block_comment_is_refused() =>
        Assert.Equal("#*", Failure("a #* b").Construct);

    [Fact]
    public void Unclosed_string_is_refused() =>
        Assert.Equal("'", Failure("#set($x = 'abc)").Construct);

    [Fact]
    public void Wrong_argument_count_is_refused() =>
        Assert.Equal("substring takes 1 or 2 argument(s), not 0 (.substring() at line 1, column 15)", Failure("$context.stage.substring()").Message);

    [Fact]
    public void Json_path_on_a_body_that_is_not_json_is_refused() =>
        Assert.Equal("$input.json", Failure("$input.json('$.a')", "a=1&b=2").Construct);

    [Fact]
    public void Unsupported_json_path_syntax_is_refused() =>
        Assert.Contains("'..' (deep scan)", Failure("$input.json('$..a')", "{}").Message);

    [Fact]
    public void Division_by_zero_is_refused() =>
        Assert.Equal("/", Failure("#set($x = 1 / 0)").Construct);

    [Fact]
    public void ParseJson_of_invalid_text_is_refused() =>
        Assert.Equal("$util.parseJson", Failure("$util.parseJson('{oops')").Construct);

    [Fact]
    public void Validate_refuses_a_malformed_template_without_rendering() =>
        Assert.Throws<MappingTemplateException>(() => MappingTemplate.Validate("#if(true)"));
}
