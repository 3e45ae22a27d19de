package io.dbsync.cli;

import io.dbsync.config.ExportConfig;
import io.dbsync.mapping.Mapping;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "init", description = "Writes a commented export configuration template (YAML), or with --mapping a mapping file template.")
final class InitCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Where to write the template (\".yaml\" is added when missing).")
  Path file;

  @CommandLine.Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "Same as FILE (the original tool's flag).")
  Path filename;

  @CommandLine.Option(names = "--force", description = "Overwrite FILE if it exists.")
  boolean force;

  @CommandLine.Option(names = "--mapping", description = "Write a commented mapping file template (for import --mapping) instead.")
  boolean mapping;

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
    if (mapping) {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(target, Mapping.template(), StandardCharsets.UTF_8);
      spec.commandLine().getOut().println("Wrote mapping file template to " + target);
      return 0;
    }
    ExportConfig.writeTemplate(target);
    spec.commandLine().getOut().println("Wrote export configuration template to " + target);
    return 0;
  }
}
