using ApiGatewayTools.LocalGateway.Templates;
using static ApiGatewayTools.Tests.LocalGateway.Templates.TemplateTestContext;

namespace ApiGatewayTools.Tests.LocalGateway.Templates;

/// <summary>A template cannot run away: #foreach stops at AWS's 1,000 iterations, a render has a time budget and stops when its request is abandoned.</summary>
public sealed class TemplateBoundsTests
{
    [Fact]
    public void Foreach_stops_after_a_thousand_iterations_and_the_rest_of_the_template_renders()
    {
        var rendered = Render("#foreach($i in [1..1500])x#end|after|$foreach");

        Assert.Equal(new string('x', 1000) + "|after|", rendered);
    }

    [Fact]
    public void A_loop_over_a_thousand_items_sees_the_last_iteration_as_item_1000()
    {
        var rendered = Render("#foreach($i in [1..1200])#if(!$foreach.hasNext)never#end#set($last = $i)#end$last");

        Assert.Equal("1000", rendered);
    }

    [Fact]
    public void Nested_loops_each_stop_at_a_thousand()
    {
        var rendered = Render("#set($n = 0)#foreach($a in [1..3])#foreach($b in [1..2000])#set($n = $n + 1)#end#end$n");

        Assert.Equal("3000", rendered);
    }

    [Fact]
    public void A_render_that_runs_past_its_budget_is_stopped_with_a_template_error()
    {
        var error = Assert.Throws<MappingTemplateException>(() =>
            Render("#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#set($x = 1)#end#end#end"));

        Assert.Contains($"rendering took longer than {TemplateRenderer.RenderBudget.TotalSeconds} seconds", error.Message);
    }

    [Fact]
    public void A_render_for_an_abandoned_request_stops()
    {
        using var abandoned = new CancellationTokenSource();
        abandoned.Cancel();
        var context = new MappingTemplateContext { Body = "{}", Cancellation = abandoned.Token };

        Assert.ThrowsAny<OperationCanceledException>(() => MappingTemplate.Render("#foreach($i in [1..10])$i#end", context));
    }
}
