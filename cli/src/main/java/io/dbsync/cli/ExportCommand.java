package io.dbsync.cli;

import io.dbsync.config.ConfigException;
import io.dbsync.config.ExportConfig;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.kind.KindRegistry;
import io.dbsync.report.ExportReport;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", description = "Exports the source workspace into a git repository as Terraform JSON.")
final class ExportCommand implements Callable<Integer> {
  @Mixin
  WorkspaceOptions workspace = new WorkspaceOptions();

  @ArgGroup(exclusive = false, multiplicity = "1")
  GitOptions git;

  @Option(names = {"-c", "--config-path"}, paramLabel = "CONFIG", required = true, description = "Export configuration YAML (see 'init').")
  Path configPath;

  @Option(names = "--dry-run", description = "Export and report what would change, without writing to git.")
  boolean dryRun;

  @Option(names = "--excel-report", description = "Also write the run report as an .xlsx workbook.")
  boolean excelReport;

  @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = ".", description = "Where the JSON (and xlsx) report go. Default: current folder.")
  Path reportDir;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "8", description = "Concurrent API listings and object exports. Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(names = "--no-progress", description = "Plain log lines instead of a progress bar.")
  boolean noProgress;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(configPath)) {
      throw new UserErrors.BadInput("config file not found: " + configPath);
    }
    ExportConfig config;
    try {
      config = ExportConfig.load(configPath, KindRegistry.standard().configKeys());
    } catch (ConfigException e) {
      throw new UserErrors.BadInput(configPath + ": " + e.getMessage(), e);
    }
    if (parallelism < 1) {
      throw new UserErrors.BadInput("--parallelism must be at least 1");
    }
    Files.createDirectories(reportDir);
    ExportOptions options = ExportOptions.builder(workspace.client(Env.get()), config, git.gitTarget())
        .branch(git.branch)
        .dryRun(dryRun)
        .sshKey(git.sshKey)
        .jsonReport(reportDir.resolve("export-report.json"))
        .excelReport(excelReport ? reportDir.resolve("export-report.xlsx") : null)
        .parallelism(parallelism)
        .out(System.out)
        .listener(noProgress ? new Progress(System.err, false) : Progress.auto(System.err))
        .build();
    ExportReport result = ExportRun.run(options);
    return result.success() ? 0 : 1;
  }
}
