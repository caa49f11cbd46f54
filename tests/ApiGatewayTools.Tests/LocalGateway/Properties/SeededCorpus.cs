using CsCheck;

namespace ApiGatewayTools.Tests.LocalGateway.Properties;

/// <summary>
/// Runs a property over a fixed corpus: case i is generated from seed (corpus, i), so every run sends the same
/// requests and a failure names a seed that replays it (CsCheck prints it; pass it as seed to Sample). CsCheck's
/// own seed parameter fixes only the first iteration and draws the rest at random, which would make the suite
/// differ from run to run.
/// </summary>
internal static class SeededCorpus
{
    public static async Task CheckAsync<T>(this Gen<T> gen, uint corpus, int cases, Func<T, Task> assert, Func<T, string> print)
    {
        for (var i = 0; i < cases; i++)
        {
            var seed = new PCG(corpus, (ulong)i).ToString();
            await gen.SampleAsync(assert, seed: seed, iter: 1, threads: 1, print: print);
        }
    }
}
