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
  @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the template (\".yaml\" is added when missing).")
  Path file;

  @CommandLine.Option(names = "--force", description = "Overwrite FILE if it exists.")
  boolean force;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path target = file.getFileName().toString().matches(".*\\.ya?ml$") ? file : file.resolveSibling(file.getFileName() + ".yaml");
    if (Files.exists(target) && !force) {
      throw new UserErrors.BadInput(target + " already exists (use --force to overwrite)");
    }
    ExportConfig.writeTemplate(target);
    spec.commandLine().getOut().println("Wrote export configuration template to " + target);
    return 0;
  }
}
