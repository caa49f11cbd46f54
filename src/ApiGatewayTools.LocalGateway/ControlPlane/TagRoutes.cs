using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>TagResource, UntagResource, GetTags for REST APIs and stages, addressed by ARN.</summary>
internal sealed partial class TagRoutes(GatewayState state) : IRouteArea
{
    public void Register(Router router)
    {
        // The ARN contains "/"; clients percent-encode it into one segment, but a greedy template accepts either form.
        router.Map("GET", "/tags/{resource_arn+}", "GetTags", Get);
        router.Map("PUT", "/tags/{resource_arn+}", "TagResource", Tag);
        router.Map("DELETE", "/tags/{resource_arn+}", "UntagResource", Untag);
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var tags = TagsOf(request.Route("resource_arn"));
            return GatewayResponse.Json(200, w => w.Object("tags", () =>
            {
                foreach (var (key, value) in tags.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    w.WriteString(key, value);
                }
            }));
        }
    }

    private GatewayResponse Tag(GatewayRequest request)
    {
        var newTags = JsonRead.StringMap(request.Json, "tags") ?? throw GatewayError.BadRequest("Invalid request input: tags is required.");
        lock (state.Sync)
        {
            var tags = TagsOf(request.Route("resource_arn"));
            var merged = new Dictionary<string, string>(tags, StringComparer.Ordinal);
            foreach (var (key, value) in newTags)
            {
                merged[key] = value;
            }
            // All or nothing: a set that would pass the limit leaves the resource's tags as they were.
            Limits.CheckTags(merged.Select(pair => (pair.Key, pair.Value)).ToList());
            foreach (var (key, value) in newTags)
            {
                tags[key] = value;
            }
            return GatewayResponse.Empty(204);
        }
    }

    private GatewayResponse Untag(GatewayRequest request)
    {
        var keys = request.QueryValues("tagKeys").SelectMany(value => value.Split(',')).ToList();
        lock (state.Sync)
        {
            var tags = TagsOf(request.Route("resource_arn"));
            foreach (var key in keys)
            {
                tags.Remove(key);
            }
            return GatewayResponse.Empty(204);
        }
    }

    private Dictionary<string, string> TagsOf(string arn)
    {
        var match = TaggableArn().Match(arn);
        if (!match.Success || match.Groups["region"].Value != LocalGatewayServer.Region)
        {
            throw GatewayError.BadRequest($"Invalid ARN specified in the request: {arn}");
        }
        var api = state.RestApis.Get(match.Groups["api"].Value);
        return match.Groups["stage"].Success ? api.Stages.Get(match.Groups["stage"].Value).Tags : api.Tags;
    }

    [GeneratedRegex(@"^arn:aws:apigateway:(?<region>[a-z0-9-]+)::/restapis/(?<api>[^/]+)(/stages/(?<stage>[^/]+))?$")]
    private static partial Regex TaggableArn();
}
