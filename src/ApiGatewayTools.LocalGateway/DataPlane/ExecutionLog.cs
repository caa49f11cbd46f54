using System.Globalization;
using System.Text;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>
/// The step-by-step execution log that TestInvokeMethod returns, one timestamped line per step.
/// The data plane runs without one (a null log), so invoke URLs pay nothing for it.
/// </summary>
internal sealed class ExecutionLog
{
    private readonly StringBuilder _text = new();

    public void Add(string line)
    {
        _text.Append(DateTimeOffset.UtcNow.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture))
            .Append(" : ")
            .Append(line)
            .Append('\n');
    }

    public override string ToString() => _text.ToString();
}
