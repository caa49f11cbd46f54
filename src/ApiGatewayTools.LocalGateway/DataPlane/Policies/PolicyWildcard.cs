namespace ApiGatewayTools.LocalGateway.DataPlane.Policies;

/// <summary>
/// IAM's wildcard matching: <c>*</c> is any run of characters (none included), <c>?</c> exactly one. Actions
/// compare without case, resources and string conditions with it.
/// </summary>
internal static class PolicyWildcard
{
    public static bool Matches(string pattern, string value, bool ignoreCase)
    {
        // Greedy with one backtrack point: linear enough for policy-sized patterns, no regex to build per request.
        int p = 0, v = 0, starAt = -1, resumeAt = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starAt = p++;
                resumeAt = v;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (starAt >= 0)
            {
                p = starAt + 1;
                v = ++resumeAt;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));
}
