using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.Lambda;

/// <summary>
/// Freezes $LATEST's code for a new version: a handler that reads its files when a worker starts gets its own
/// copy of them; a handler already read at registration (script blocks, script files) is returned as it is.
/// </summary>
internal delegate LocalFunctionDefinition FreezeCode(LocalFunctionDefinition latest, string version);

/// <summary>
/// Lambda's versions and aliases for local functions: PublishVersion, ListVersionsByFunction, and
/// CreateAlias / GetAlias / UpdateAlias / DeleteAlias / ListAliases. A version freezes $LATEST as it is when
/// published; an alias names a version, and invoking or permitting the alias means that version.
/// </summary>
internal sealed partial class LambdaVersionRoutes(GatewayState state, FreezeCode freezeCode) : IRouteArea
{
    private const string Function = "/2015-03-31/functions/{function_name}";

    public void Register(Router router)
    {
        router.Map("POST", Function + "/versions", "PublishVersion", Publish);
        router.Map("GET", Function + "/versions", "ListVersionsByFunction", ListVersions);
        router.Map("POST", Function + "/aliases", "CreateAlias", CreateAlias);
        router.Map("GET", Function + "/aliases", "ListAliases", ListAliases);
        router.Map("GET", Function + "/aliases/{alias}", "GetAlias", GetAlias);
        router.Map("PUT", Function + "/aliases/{alias}", "UpdateAlias", UpdateAlias);
        router.Map("DELETE", Function + "/aliases/{alias}", "DeleteAlias", DeleteAlias);
    }

    private GatewayResponse Publish(GatewayRequest request)
    {
        var body = request.Json;
        var description = JsonRead.String(body, "Description");
        LocalFunctionDefinition latest;
        string number;
        lock (state.Sync)
        {
            var function = Unqualified(request).Resolve(state).Function;
            LambdaRoutes.CheckRevision(JsonRead.String(body, "RevisionId"), function.RevisionId);
            CheckCodeSha256(JsonRead.String(body, "CodeSha256"));
            // Nothing changed since the last version: Lambda answers that version rather than a copy of it.
            if (function.Versions.Count > 0 && ReferenceEquals(function.Versions[^1].PublishedFrom, function.Definition))
            {
                return VersionResponse(function, function.Versions[^1]);
            }
            latest = function.Definition;
            number = (function.Versions.Count + 1).ToString(CultureInfo.InvariantCulture);
        }
        // Copying a handler's files may take a moment: not under the lock every request takes.
        var frozen = freezeCode(latest, number) with { Description = description ?? latest.Description };
        lock (state.Sync)
        {
            var function = Unqualified(request).Resolve(state).Function;
            if (function.Versions.Count + 1 != int.Parse(number, CultureInfo.InvariantCulture))
            {
                throw GatewayError.LambdaConflict($"The operation cannot be performed at this time. An update is in progress for resource: {function.Arn}");
            }
            var version = new LocalFunctionVersion(number, frozen, DateTimeOffset.UtcNow, Guid.NewGuid().ToString(), latest);
            function.Versions.Add(version);
            function.RevisionId = Guid.NewGuid().ToString();
            state.Changed();
            return VersionResponse(function, version);
        }
    }

    private static GatewayResponse VersionResponse(LocalFunctionRecord function, LocalFunctionVersion version) =>
        GatewayResponse.Json(201, w => LambdaJson.Configuration(w, $"{function.Arn}:{version.Version}",
            FunctionReference.Version(function, version.Version)!));

    private GatewayResponse ListVersions(GatewayRequest request)
    {
        var (maxItems, marker) = Paging(request);
        lock (state.Sync)
        {
            var function = Unqualified(request).Resolve(state).Function;
            var all = new[] { LocalFunctionRecord.Latest }.Concat(function.Versions.Select(v => v.Version)).ToList();
            var page = Page(all, marker, maxItems, out var nextMarker);
            return GatewayResponse.Json(200, w =>
            {
                w.OptionalString("NextMarker", nextMarker);
                w.WritePropertyName("Versions");
                w.WriteStartArray();
                foreach (var version in page)
                {
                    w.WriteStartObject();
                    var arn = $"{function.Arn}:{version}";
                    LambdaJson.Configuration(w, arn, FunctionReference.Version(function, version)!);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
        }
    }

    private GatewayResponse CreateAlias(GatewayRequest request)
    {
        var body = request.Json;
        var name = JsonRead.String(body, "Name") ?? throw LambdaRoutes.MissingParameter("Name");
        var version = JsonRead.String(body, "FunctionVersion") ?? throw LambdaRoutes.MissingParameter("FunctionVersion");
        CheckAliasName(name);
        CheckVersionText(version);
        RefuseWeightedRouting(body);
        lock (state.Sync)
        {
            var function = Unqualified(request).Resolve(state).Function;
            var aliasArn = $"{function.Arn}:{name}";
            if (function.Aliases.ContainsKey(name))
            {
                throw GatewayError.LambdaConflict($"Alias already exists: {aliasArn}");
            }
            RequireVersion(function, version);
            var alias = new LocalFunctionAlias(name, version, JsonRead.String(body, "Description") ?? "", Guid.NewGuid().ToString());
            function.Aliases[name] = alias;
            state.Changed();
            return GatewayResponse.Json(201, w => AliasJson(w, function, alias));
        }
    }

    private GatewayResponse ListAliases(GatewayRequest request)
    {
        var (maxItems, marker) = Paging(request);
        var version = request.QueryValue("FunctionVersion");
        if (version is not null)
        {
            CheckVersionText(version);
        }
        lock (state.Sync)
        {
            var function = Unqualified(request).Resolve(state).Function;
            var names = function.Aliases.Values.Where(a => version is null || a.FunctionVersion == version)
                .Select(a => a.Name).Order(StringComparer.Ordinal).ToList();
            var page = Page(names, marker, maxItems, out var nextMarker);
            return GatewayResponse.Json(200, w =>
            {
                w.OptionalString("NextMarker", nextMarker);
                w.WritePropertyName("Aliases");
                w.WriteStartArray();
                foreach (var name in page)
                {
                    w.WriteStartObject();
                    AliasJson(w, function, function.Aliases[name]);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
        }
    }

    private GatewayResponse GetAlias(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var (function, alias) = FindAlias(request);
            return GatewayResponse.Json(200, w => AliasJson(w, function, alias));
        }
    }

    private GatewayResponse UpdateAlias(GatewayRequest request)
    {
        var body = request.Json;
        var version = JsonRead.String(body, "FunctionVersion");
        if (version is not null)
        {
            CheckVersionText(version);
        }
        RefuseWeightedRouting(body);
        lock (state.Sync)
        {
            var (function, alias) = FindAlias(request);
            LambdaRoutes.CheckRevision(JsonRead.String(body, "RevisionId"), alias.RevisionId);
            if (version is not null)
            {
                RequireVersion(function, version);
            }
            var updated = alias with
            {
                FunctionVersion = version ?? alias.FunctionVersion,
                Description = JsonRead.String(body, "Description") ?? alias.Description,
                RevisionId = Guid.NewGuid().ToString(),
            };
            function.Aliases[alias.Name] = updated;
            state.Changed();
            return GatewayResponse.Json(200, w => AliasJson(w, function, updated));
        }
    }

    private GatewayResponse DeleteAlias(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var (function, alias) = FindAlias(request);
            function.Aliases.Remove(alias.Name);
            // The alias's permissions go with it; an alias created again under the name starts with none.
            function.PolicyStatements.Remove(alias.Name);
            state.Changed();
            return GatewayResponse.Empty(204);
        }
    }

    private (LocalFunctionRecord Function, LocalFunctionAlias Alias) FindAlias(GatewayRequest request)
    {
        var function = Unqualified(request).Resolve(state).Function;
        var name = request.Route("alias");
        return function.Aliases.TryGetValue(name, out var alias)
            ? (function, alias)
            : throw GatewayError.LambdaNotFound($"Cannot find alias arn: {function.Arn}:{name}");
    }

    private static void AliasJson(Utf8JsonWriter w, LocalFunctionRecord function, LocalFunctionAlias alias)
    {
        w.WriteString("AliasArn", $"{function.Arn}:{alias.Name}");
        w.WriteString("Name", alias.Name);
        w.WriteString("FunctionVersion", alias.FunctionVersion);
        w.WriteString("Description", alias.Description);
        w.WriteString("RevisionId", alias.RevisionId);
    }

    /// <summary>These operations name the function alone; a qualifier in the name is Lambda's validation error.</summary>
    private static FunctionReference Unqualified(GatewayRequest request)
    {
        var reference = FunctionReference.Parse(request.Route("function_name"), null);
        return reference.Qualifier is null
            ? reference
            : throw GatewayError.LambdaInvalidParameter("Unsupported function name format: the function name must not carry a version or alias here.");
    }

    private static void RequireVersion(LocalFunctionRecord function, string version)
    {
        if (FunctionReference.Version(function, version) is null)
        {
            throw GatewayError.LambdaNotFound($"Function not found: {function.Arn}:{version}");
        }
    }

    /// <summary>The local gateway keeps no code hash (CodeSha256 is reported empty): only an empty hash matches.</summary>
    private static void CheckCodeSha256(string? codeSha256)
    {
        if (!string.IsNullOrEmpty(codeSha256))
        {
            throw GatewayError.LambdaInvalidParameter(
                $"CodeSHA256 ({codeSha256}) is different from current CodeSHA256 in $LATEST (). Please try again with the CodeSHA256 in $LATEST.");
        }
    }

    private static void CheckAliasName(string name)
    {
        if (!AliasNamePattern().IsMatch(name))
        {
            throw Validation(name, "name", "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        }
    }

    private static void CheckVersionText(string version)
    {
        if (!VersionPattern().IsMatch(version))
        {
            throw Validation(version, "functionVersion", "Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)");
        }
    }

    /// <summary>Weighted aliases (RoutingConfig) are not emulated: refused plainly rather than routed wrongly.</summary>
    private static void RefuseWeightedRouting(JsonElement body)
    {
        if (JsonRead.Object(body, "RoutingConfig") is { } routing
            && routing.TryGetProperty("AdditionalVersionWeights", out var weights)
            && weights.ValueKind == JsonValueKind.Object && weights.EnumerateObject().Any())
        {
            throw GatewayError.LambdaInvalidParameter("The local gateway does not split an alias's traffic between versions: remove RoutingConfig.AdditionalVersionWeights.");
        }
    }

    private static GatewayError Validation(string value, string member, string constraint) =>
        new(400, "ValidationException", $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}", ErrorBodyStyle.Lambda);

    private static (int MaxItems, string? Marker) Paging(GatewayRequest request)
    {
        var maxItems = 50;
        if (request.QueryValue("MaxItems") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out maxItems) || maxItems is < 1 or > 10000))
        {
            throw Validation(text, "maxItems", "Member must have value between 1 and 10000");
        }
        return (maxItems, request.QueryValue("Marker"));
    }

    /// <summary>The items after <paramref name="marker"/> (the last item of the previous page), in order.</summary>
    private static List<string> Page(List<string> all, string? marker, int maxItems, out string? nextMarker)
    {
        var start = marker is null ? 0 : all.IndexOf(marker) + 1;
        var page = all.Skip(start).Take(maxItems).ToList();
        nextMarker = start + page.Count < all.Count ? page[^1] : null;
        return page;
    }

    [GeneratedRegex(@"^(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}$")]
    private static partial Regex AliasNamePattern();

    [GeneratedRegex(@"^(\$LATEST|[0-9]{1,1024})$")]
    private static partial Regex VersionPattern();
}
