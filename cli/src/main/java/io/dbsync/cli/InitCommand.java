package io.dbsync.cli;

import io.dbsync.config.ExportConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "init", description = "Writes a commented export configuration template (YAML).")
final class InitCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Where to write the template (\".yaml\" is added when missing).")
  Path file;

  @CommandLine.Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "Same as FILE (the original tool's flag).")
  Path filename;

  @CommandLine.Option(names = "--force", description = "Overwrite FILE if it exists.")
  boolean force;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((file == null) == (filename == null)) {
      throw new UserErrors.BadInput("give the template's file once: init FILE (or init -f FILE)");
    }
    Path given = file != null ? file : filename;
    Path target = given.getFileName().toString().matches(".*\\.ya?ml$") ? given : given.resolveSibling(given.getFileName() + ".yaml");
    if (Files.exists(target) && !force) {
      throw new UserErrors.BadInput(target + " already exists (use --force to overwrite)");
    }
    ExportConfig.writeTemplate(target);
    spec.commandLine().getOut().println("Wrote export configuration template to " + target);
    return 0;
  }
}
