package io.dbsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Help (-h/--help, "help SUB") and -V/--version are inherited by every subcommand (scope INHERIT). */
@Command(name = "databricks-sync", scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
    description = "Keeps a target Databricks workspace in sync with a source one: export to git as Terraform JSON, import with a plan/apply engine.",
    subcommands = {InitCommand.class, AssessCommand.class, ExportCommand.class, ImportCommand.class, VersionCommand.class,
        EmulatorCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
final class RootCommand implements Runnable {
  @Option(names = {"-v", "--verbosity"}, paramLabel = "LEVEL", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Log level: ERROR, WARNING, INFO (default) or DEBUG.")
  String verbosity;

  @Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Debug logging and stack traces on errors.")
  boolean debug;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
