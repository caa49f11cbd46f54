namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>A built-in variable such as <c>$input</c> or <c>$util</c>, with its own properties and methods.</summary>
internal interface ITemplateObject
{
    /// <summary>How error messages name it, such as "$util".</summary>
    string Name { get; }

    bool TryGetProperty(string name, out object? value);

    /// <summary>False when there is no such method; a wrong number of arguments throws instead.</summary>
    bool TryInvoke(string method, IReadOnlyList<object?> arguments, SourcePosition position, out object? result);
}
