using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace ApiGatewayTools.Loader;

/// <summary>
/// Runs when PowerShell imports the module: routes the requests for our own assemblies from the default
/// context into <see cref="DependencyLoadContext"/>. Must not touch any engine type itself.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string DependencyDirectory =
        Path.Join(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies");

    private static readonly Lazy<DependencyLoadContext> Context = new(() => new DependencyLoadContext(DependencyDirectory));

    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveOwnAssembly;

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        StopLocalGateway();
        AssemblyLoadContext.Default.Resolving -= ResolveOwnAssembly;
    }

    // A separate method so that the local gateway's types are only touched when the module is removed.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void StopLocalGateway() => Common.LocalGatewaySession.StopCurrent();

    private static Assembly? ResolveOwnAssembly(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        // Only the assemblies the cmdlets reference directly; their own dependencies then resolve inside the private context.
        if (name.Name is not ("ApiGatewayTools.Engine" or "ApiGatewayTools.LocalGateway"))
            return null;
        return Context.Value.LoadFromAssemblyName(name);
    }
}
