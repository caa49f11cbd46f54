using System.Text;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// A resource path such as /pets/{petId}/toys, checked against API Gateway's rules before any request:
/// segments of letters, digits and -._~:@!$&amp;'()*+,;=, or a whole-segment variable {name} / greedy {name+}
/// that must be last.
/// </summary>
public sealed class ResourcePath : IEquatable<ResourcePath>
{
    public const string InvalidPathErrorId = "InvalidResourcePath";
    private const string LiteralPunctuation = "-._~:@!$&'()*+,;=";

    public static readonly ResourcePath Root = new([]);

    private ResourcePath(IReadOnlyList<string> segments) => Segments = segments;

    /// <summary>Path parts from the root down; empty for "/".</summary>
    public IReadOnlyList<string> Segments { get; }

    public bool IsRoot => Segments.Count == 0;
    public string LastSegment => IsRoot ? "" : Segments[^1];
    public ResourcePath Parent => IsRoot ? this : new ResourcePath(Segments.Take(Segments.Count - 1).ToArray());

    /// <summary>Every ancestor from the first segment down to this path itself (not the root).</summary>
    public IEnumerable<ResourcePath> SelfAndAncestorsFromTop()
    {
        for (var i = 1; i <= Segments.Count; i++)
        {
            yield return new ResourcePath(Segments.Take(i).ToArray());
        }
    }

    public override string ToString() => "/" + string.Join("/", Segments);

    /// <summary>Parses and checks a path. A single trailing slash is forgiven; anything else wrong is an error naming the fix.</summary>
    public static ResourcePath Parse(string? path, string parameterName = "Path")
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw Invalid(parameterName, "A resource path is required, for example /pets/{petId}.");
        }

        if (!path.StartsWith('/'))
        {
            throw Invalid(parameterName, $"Resource path '{path}' must start with '/', for example /{path}.");
        }

        var trimmed = path.Length > 1 && path.EndsWith('/') ? path[..^1] : path;
        if (trimmed == "/")
        {
            return Root;
        }

        var segments = trimmed[1..].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length == 0)
            {
                throw Invalid(parameterName, $"Resource path '{path}' has an empty segment ('//'): remove the extra '/'.");
            }

            ValidatePathPart(segments[i], parameterName, path);
            if (IsGreedy(segments[i]) && i != segments.Length - 1)
            {
                throw Invalid(parameterName, $"Resource path '{path}': the greedy variable '{segments[i]}' must be the last segment; API Gateway allows nothing below it.");
            }
        }
        return new ResourcePath(segments);
    }

    /// <summary>Checks one path part as CreateResource takes it.</summary>
    public static void ValidatePathPart(string pathPart, string parameterName = "PathPart", string? inPath = null)
    {
        var where = inPath is null ? $"Path part '{pathPart}'" : $"Resource path '{inPath}': segment '{pathPart}'";
        if (pathPart.Length == 0)
        {
            throw Invalid(parameterName, "A path part cannot be empty.");
        }

        if (pathPart.Contains('{') || pathPart.Contains('}'))
        {
            if (!(pathPart.StartsWith('{') && pathPart.EndsWith('}')) || pathPart.Count(c => c == '{') != 1 || pathPart.Count(c => c == '}') != 1)
            {
                throw Invalid(parameterName, $"{where} has unbalanced or misplaced braces: a variable takes the whole segment, like {{petId}} or {{proxy+}}.");
            }

            var name = pathPart[1..^1].TrimEnd('+');
            if (pathPart[1..^1].Count(c => c == '+') > 1 || name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw Invalid(parameterName, $"{where} is not a valid variable: use letters, digits, '_', '-' or '.' inside the braces, like {{petId}} or {{proxy+}}.");
            }

            return;
        }
        var bad = pathPart.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || LiteralPunctuation.Contains(c)));
        if (bad != default)
        {
            throw Invalid(parameterName, $"{where} contains {Describe(bad)}, which API Gateway does not allow in a path; use letters, digits and {LiteralPunctuation}.");
        }
    }

    public static bool IsVariable(string pathPart) => pathPart.StartsWith('{') && pathPart.EndsWith('}');
    public static bool IsGreedy(string pathPart) => pathPart.StartsWith('{') && pathPart.EndsWith("+}");

    /// <summary>The name a variable segment binds: {petId} and {proxy+} name petId and proxy.</summary>
    public static string VariableName(string pathPart) => pathPart.Trim('{', '}').TrimEnd('+');

    /// <summary>The path with each variable replaced by '*', as execute-api ARNs match invocations.</summary>
    public string ToArnPattern() => "/" + string.Join("/", Segments.Select(s => IsVariable(s) ? "*" : s));

    public ResourcePath Append(string pathPart)
    {
        ValidatePathPart(pathPart);
        if (!IsRoot && IsGreedy(LastSegment))
        {
            throw Invalid("PathPart", $"'{this}' ends in a greedy variable; API Gateway allows no resource below it.");
        }

        return new ResourcePath([.. Segments, pathPart]);
    }

    public bool Equals(ResourcePath? other) => other is not null && Segments.SequenceEqual(other.Segments, StringComparer.Ordinal);
    public override bool Equals(object? obj) => Equals(obj as ResourcePath);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        _ when char.IsControl(c) => $"the control character U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    private static GwValidationException Invalid(string parameterName, string message) => new(InvalidPathErrorId, parameterName, message);
}
