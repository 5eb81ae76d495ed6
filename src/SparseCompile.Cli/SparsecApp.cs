using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;
using SparseCompile.Cli.Commands;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Cli;

/// <summary>The sparsec command line, callable in-process (tests, samples) as well as from Program.</summary>
public static class SparsecApp
{
    /// <summary>
    /// Runs sparsec with <paramref name="args"/> on the process's console; returns 0 on success,
    /// 1 for invalid input, 2 for usage errors (see <see cref="ExitCodes"/>).
    /// </summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error, !Console.IsOutputRedirected);

    /// <summary>
    /// Runs sparsec with <paramref name="args"/>, writing results to <paramref name="stdout"/> and
    /// diagnostics to <paramref name="stderr"/> as plain text (no ANSI codes); returns the exit code.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, stdoutIsTerminal: false);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var root = CreateRootCommand(stdoutIsTerminal);
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            string command = parseResult.CommandResult.Command == root ? "sparsec" : $"sparsec {parseResult.CommandResult.Command.Name}";
            stderr.WriteLine($"Run '{command} --help' for usage.");
            stderr.Flush();
            return ExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            return parseResult.Invoke(configuration);
        }
        catch (SparseCompileException e)
        {
            stderr.WriteLine(e.ToDiagnosticLine());
            stderr.Flush();
            return ExitCodes.InvalidInput;
        }
#pragma warning disable CA1031 // a bug in sparsec must still end with a message and a distinct exit code
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"error: internal error in sparsec, please report it: {e}");
            stderr.Flush();
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// The command tree. The root is named sparsec whatever process hosts it (the tool, a test, a sample),
    /// and --version prints this assembly's version rather than the host's.
    /// </summary>
    internal static Command CreateRootCommand(bool stdoutIsTerminal)
    {
        var root = new Command("sparsec",
            "sparsec: compile dense ONNX models into sparse INT8 models, and inspect them.\n\n"
            + "Exit codes: 0 success; 1 invalid input (one 'error SCxxxx: <file>: <message>' line on stderr); "
            + "2 usage error (unknown command or option, missing argument).")
        {
            new HelpOption(),
            new VersionOption { Action = new VersionAction() },
            CompileCommand.Create(stdoutIsTerminal),
            InspectCommand.Create(stdoutIsTerminal),
            MaskCommand.Create(stdoutIsTerminal),
            DiffCommand.Create(stdoutIsTerminal),
            EarlyBirdCommand.Create(stdoutIsTerminal),
            EvalCommand.Create(stdoutIsTerminal),
        };
        return root;
    }

    /// <summary>The version of sparsec: the informational version of this assembly.</summary>
    internal static string Version =>
        typeof(SparsecApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SparsecApp).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Success;
        }
    }
}
