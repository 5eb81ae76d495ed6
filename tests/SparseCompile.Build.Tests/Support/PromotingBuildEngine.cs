using System.Collections;
using Microsoft.Build.Framework;

namespace SparseCompile.Build.Tests.Support;

/// <summary>A recording engine for a build that treats the given warning codes as errors (-warnaserror), as MSBuild's IBuildEngine8 reports it.</summary>
internal sealed class PromotingBuildEngine(params string[] promoted) : FakeBuildEngine, IBuildEngine8
{
    public bool IsRunningMultipleNodes => false;

    public bool AllowFailureWithoutError { get; set; }

    public bool ShouldTreatWarningAsError(string warningCode) => promoted.Contains(warningCode, StringComparer.Ordinal);

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) =>
        throw new NotSupportedException();

    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) =>
        throw new NotSupportedException();

    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) =>
        throw new NotSupportedException();

    public void Yield()
    {
    }

    public void Reacquire()
    {
    }

    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection) =>
        throw new NotSupportedException();

    public object GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => throw new NotSupportedException();

    public object UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => throw new NotSupportedException();

    public void LogTelemetry(string eventName, IDictionary<string, string> properties)
    {
    }

    public IReadOnlyDictionary<string, string> GetGlobalProperties() => new Dictionary<string, string>();
}
