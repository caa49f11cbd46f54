namespace ApiGatewayTools.LocalGateway.DataPlane.Validation;

/// <summary>
/// One rule of a model's schema that a request body broke: the message in the words API Gateway's validator
/// uses (<c>numeric instance is lower than the required minimum (minimum: 0, found: -1)</c>), which is what
/// <c>$context.error.validationErrorString</c> lists, and the JSON pointer of the value that broke it, which the
/// local request log adds.
/// </summary>
internal readonly record struct SchemaViolation(string Message, string Pointer)
{
    /// <summary>The violation with where it happened, as the request log shows it.</summary>
    public override string ToString() => $"{Message} at {(Pointer.Length == 0 ? "/" : Pointer)}";
}
