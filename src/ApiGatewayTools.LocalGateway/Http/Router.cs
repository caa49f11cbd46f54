namespace ApiGatewayTools.LocalGateway.Http;

internal delegate Task<GatewayResponse> RouteHandler(GatewayRequest request, CancellationToken ct);

/// <summary>A group of operations that registers its routes, one class per area of the API.</summary>
internal interface IRouteArea
{
    void Register(Router router);
}

/// <summary>
/// Maps (HTTP method, path template) to an operation. Templates use {name} for one segment and
/// {name+} for the rest of the path; when several templates match, the most literal one wins. A template
/// may end in ?name=value, as AWS's service model writes an operation that shares another's path
/// (ImportRestApi is POST /restapis?mode=import): it matches only a request with that query value, and
/// wins over the same path without it.
/// </summary>
internal sealed class Router
{
    private readonly List<Route> _routes = [];

    /// <param name="requiresSignature">
    /// False only for routes that AWS serves to anonymous callers, such as a stage's invoke URL;
    /// every AWS API operation needs a SigV4 signature.
    /// </param>
    public void Map(string method, string template, string operation, RouteHandler handler, bool requiresSignature = true)
    {
        var parts = template.Split('?', 2);
        var query = parts.Length == 2 ? parts[1].Split('=', 2) : null;
        var condition = query is [var name, var value] ? new QueryCondition(name, value) : null;
        _routes.Add(new Route(method, template, Parse(parts[0]), condition, operation, handler, requiresSignature));
    }

    /// <summary>For handlers that only touch in-memory state.</summary>
    public void Map(string method, string template, string operation, Func<GatewayRequest, GatewayResponse> handler) =>
        Map(method, template, operation, (request, _) => Task.FromResult(handler(request)));

    /// <summary>
    /// The five operations AWS gives a kind of object kept in a collection: Create{kind} (POST to the
    /// collection), Get{kind}s (GET the collection), and Get, Update and Delete{kind} (GET, PATCH and DELETE
    /// of {collection}/{<paramref name="idName"/>}).
    /// </summary>
    public void MapCollection(string kind, string collection, string idName,
        Func<GatewayRequest, GatewayResponse> create,
        Func<GatewayRequest, GatewayResponse> list,
        Func<GatewayRequest, GatewayResponse> get,
        Func<GatewayRequest, GatewayResponse> update,
        Func<GatewayRequest, GatewayResponse> delete)
    {
        var item = $"{collection}/{{{idName}}}";
        Map("POST", collection, "Create" + kind, create);
        Map("GET", collection, $"Get{kind}s", list);
        Map("GET", item, "Get" + kind, get);
        Map("PATCH", item, "Update" + kind, update);
        Map("DELETE", item, "Delete" + kind, delete);
    }

    /// <summary>Every operation served, as mapped: what tests walk to cover each one.</summary>
    public IEnumerable<(string Method, string Template, string Operation)> Routes =>
        _routes.Select(route => (route.Method, route.Template, route.Operation));

    public RouteMatch? Match(GatewayRequest request)
    {
        Route? best = null;
        Dictionary<string, string>? bestValues = null;
        foreach (var route in _routes.Where(r => r.Method == request.Method && r.Query?.Holds(request) != false))
        {
            var values = route.TryBind(request.PathSegments);
            if (values is not null && (best is null || route.Specificity > best.Specificity))
            {
                best = route;
                bestValues = values;
            }
        }
        return best is null ? null : new RouteMatch(best.Operation, best.Handler, bestValues!, best.RequiresSignature);
    }

    private static Segment[] Parse(string template) =>
        template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part =>
            part.StartsWith('{') && part.EndsWith("+}") ? new Segment(part[1..^2], SegmentKind.Greedy)
            : part.StartsWith('{') ? new Segment(part[1..^1], SegmentKind.Variable)
            : new Segment(part, SegmentKind.Literal)).ToArray();

    private enum SegmentKind
    {
        Literal,
        Variable,
        Greedy,
    }

    private sealed record Segment(string Text, SegmentKind Kind);

    private sealed record QueryCondition(string Name, string Value)
    {
        public bool Holds(GatewayRequest request) => request.QueryValue(Name) == Value;
    }

    private sealed record Route(string Method, string Template, Segment[] Segments, QueryCondition? Query, string Operation, RouteHandler Handler, bool RequiresSignature)
    {
        /// <summary>Literal segments count first; a query condition breaks a tie.</summary>
        public int Specificity { get; } = Segments.Count(s => s.Kind == SegmentKind.Literal) * 2 + (Query is null ? 0 : 1);

        public Dictionary<string, string>? TryBind(IReadOnlyList<string> path)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < Segments.Length; i++)
            {
                var segment = Segments[i];
                if (segment.Kind == SegmentKind.Greedy)
                {
                    values[segment.Text] = string.Join('/', path.Skip(i));
                    return values;
                }
                if (i >= path.Count)
                {
                    return null;
                }
                if (segment.Kind == SegmentKind.Literal && segment.Text != path[i])
                {
                    return null;
                }
                if (segment.Kind == SegmentKind.Variable)
                {
                    if (path[i].Length == 0)
                    {
                        return null;
                    }
                    values[segment.Text] = path[i];
                }
            }
            return path.Count == Segments.Length ? values : null;
        }
    }
}

internal sealed record RouteMatch(string Operation, RouteHandler Handler, Dictionary<string, string> Values, bool RequiresSignature);
