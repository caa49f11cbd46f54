using static ApiGatewayTools.Tests.LocalGateway.Templates.TemplateTestContext;

namespace ApiGatewayTools.Tests.LocalGateway.Templates;

public sealed class TemplateSyntaxTests
{
    [Fact]
    public void Text_without_references_passes_through_unchanged() =>
        Assert.Equal("{ \"a\": [1, 2] } costs 5$ # not a directive", Render("{ \"a\": [1, 2] } costs 5$ # not a directive"));

    [Fact]
    public void Line_comment_is_dropped_with_its_newline() =>
        Assert.Equal("a\nb", Render("a\n## note\nb"));

    [Fact]
    public void Line_comment_after_text_keeps_the_text() =>
        Assert.Equal("a b", Render("a ## note\nb"));

    [Fact]
    public void Block_comment_is_dropped() =>
        Assert.Equal("ab", Render("a#* one\ntwo *#b"));

    [Fact]
    public void Escaped_reference_prints_literally() =>
        Assert.Equal("$context.stage is prod", Render("\\$context.stage is $context.stage"));

    [Fact]
    public void Double_backslash_before_reference_prints_one_backslash_and_the_value() =>
        Assert.Equal("\\prod", Render("\\\\$context.stage"));

    [Fact]
    public void Escaped_directive_prints_literally() =>
        Assert.Equal("#if(true)yes", Render("\\#if(true)yes"));

    [Fact]
    public void Backslash_before_other_text_is_kept() =>
        Assert.Equal("{\"q\":\"a\\\"b\"}", Render("{\"q\":\"a\\\"b\"}"));

    [Fact]
    public void Braced_reference_separates_from_following_text() =>
        Assert.Equal("prodX", Render("${context.stage}X"));

    [Fact]
    public void Unknown_reference_renders_as_nothing_as_api_gateway_does() =>
        Assert.Equal("[]", Render("[$nothing.here]"));

    [Fact]
    public void Quiet_reference_renders_as_nothing() =>
        Assert.Equal("[]", Render("[$!nothing]"));

    [Fact]
    public void Trailing_dot_after_reference_is_text() =>
        Assert.Equal("stage prod.", Render("stage $context.stage."));

    [Fact]
    public void Set_assigns_and_its_line_disappears() =>
        Assert.Equal("{\n  \"v\": \"x\"\n}", Render("{\n  #set($v = 'x')\n  \"v\": \"$v\"\n}"));

    [Fact]
    public void Set_with_null_value_keeps_the_old_value() =>
        Assert.Equal("kept", Render("#set($a = 'kept')\n#set($a = $missing)\n$a"));

    [Fact]
    public void Set_into_a_map_property() =>
        Assert.Equal("{a=1, b=2}", Render("#set($m = {\"a\": 1})\n#set($m.b = 2)\n$m"));

    [Fact]
    public void If_true_branch_renders() =>
        Assert.Equal("yes\n", Render("#if($context.stage == 'prod')\nyes\n#else\nno\n#end\n"));

    [Fact]
    public void Else_branch_renders_when_condition_is_false() =>
        Assert.Equal("no\n", Render("#if($context.stage == 'dev')\nyes\n#else\nno\n#end\n"));

    [Fact]
    public void Elseif_picks_the_first_true_branch() =>
        Assert.Equal("two", Render("#if(1 > 2)one#elseif(2 > 1)two#elseif(true)three#{else}four#end"));

    [Fact]
    public void Undefined_reference_is_false_and_empty_string_is_true() =>
        Assert.Equal("BC", Render("#if($missing)A#end#if(!$missing)B#end#if('')C#end"));

    [Fact]
    public void Word_operators_match_symbols() =>
        Assert.Equal("ok", Render("#if(1 lt 2 and not false or 1 eq 0)ok#end"));

    [Fact]
    public void Foreach_over_list_literal_with_hasNext_commas() =>
        Assert.Equal("[\"a\",\"b\",\"c\"]", Render("[#foreach($x in [\"a\", \"b\", \"c\"])\"$x\"#if($foreach.hasNext),#end#end]"));

    [Fact]
    public void Foreach_index_and_count() =>
        Assert.Equal("0/1 1/2 ", Render("#foreach($x in ['a', 'b'])$foreach.index/$foreach.count #end"));

    [Fact]
    public void Foreach_over_a_range_counts_inclusively() =>
        Assert.Equal("123", Render("#foreach($i in [1..3])$i#end"));

    [Fact]
    public void Foreach_over_a_descending_range() =>
        Assert.Equal("321", Render("#set($top = 3)#foreach($i in [$top..1])$i#end"));

    [Fact]
    public void Foreach_over_a_map_iterates_values() =>
        Assert.Equal("12", Render("#foreach($v in {\"a\": 1, \"b\": 2})$v#end"));

    [Fact]
    public void Nested_foreach_has_its_own_state_and_parent() =>
        Assert.Equal("a1,a2;b1,b2;", Render("#foreach($o in ['a','b'])#foreach($i in [1..2])$o$i#if($foreach.hasNext),#end#end#if($foreach.parent)!#end;#end"));

    [Fact]
    public void Break_leaves_the_innermost_loop() =>
        Assert.Equal("12|12|", Render("#foreach($o in [1..2])#foreach($i in [1..5])#if($i > 2)#break#end$i#end|#end"));

    [Fact]
    public void Loop_variable_is_restored_after_the_loop() =>
        Assert.Equal("before", Render("#set($x = 'before')#foreach($x in [1..2])#end$x"));

    [Fact]
    public void Lines_holding_only_directives_leave_no_blank_lines()
    {
        var template = "[\n  #foreach($i in [1..2])\n    $i#if($foreach.hasNext),#end\n  #end\n]\n";

        Assert.Equal("[\n    1,\n    2\n]\n", Render(template));
    }

    [Fact]
    public void Arithmetic_on_whole_numbers_stays_whole() =>
        Assert.Equal("7 3 10 2 1 -2", Render("#set($a = 5)#set($b = 2)#set($s = $a + $b)#set($d = $a - $b)#set($m = $a * $b)#set($q = $a / $b)#set($r = $a % $b)#set($n = -$b)$s $d $m $q $r $n"));

    [Fact]
    public void Decimal_arithmetic_prints_as_java_does() =>
        Assert.Equal("2.5 3.0", Render("#set($h = 5 / 2.0)#set($w = 1.5 * 2)$h $w"));

    [Fact]
    public void Plus_joins_strings() =>
        Assert.Equal("v2-prod", Render("#set($s = $stageVariables.version + '-' + $context.stage)$s"));

    [Fact]
    public void Parentheses_change_precedence() =>
        Assert.Equal("9 7", Render("#set($a = (1 + 2) * 3)#set($b = 1 + 2 * 3)$a $b"));

    [Fact]
    public void Double_quoted_strings_interpolate_and_single_quoted_do_not() =>
        Assert.Equal("stage prod|stage $context.stage", Render("#set($a = \"stage $context.stage\")#set($b = 'stage $context.stage')$a|$b"));

    [Fact]
    public void List_index_and_map_key_access() =>
        Assert.Equal("b 2 2", Render("#set($l = ['a', 'b'])#set($m = {'k': 2})$l[1] $m['k'] $m.k"));

    [Fact]
    public void Map_and_list_print_as_java_prints_them() =>
        Assert.Equal("{a=1, b=[x, true]}", Render("#set($m = {'a': 1, 'b': ['x', true]})$m"));

    [Fact]
    public void Equality_compares_numbers_by_value_and_other_kinds_by_text() =>
        Assert.Equal("true true false", Render("#set($a = 1 == 1.0)#set($b = 42 == '42')#set($c = 'a' != 'a')$a $b $c"));

    [Fact]
    public void Unparsed_block_is_copied_as_written() =>
        Assert.Equal("$x #if", Render("#[[$x #if]]#"));
}
