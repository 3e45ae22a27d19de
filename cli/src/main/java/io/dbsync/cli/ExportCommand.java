package io.dbsync.cli;

import io.dbsync.config.ExportConfig;
import io.dbsync.crypto.PgpRecipient;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.export.Safeguards;
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
  /** As in the original tool: pins required_providers.databricks.version in the exported main.tf.json. */
  static final String PROVIDER_VERSION_ENV = "DATABRICKS_TERRAFORM_PROVIDER_VERSION";
  static final String REPORT_JSON = "export-report.json";
  static final String REPORT_XLSX = "export-report.xlsx";

  @Mixin
  WorkspaceOptions workspace = new WorkspaceOptions();

  @Mixin
  OutputOptions output = new OutputOptions();

  @Mixin
  SecretExportOptions secretValues = new SecretExportOptions();

  @ArgGroup(exclusive = false, multiplicity = "1")
  GitOptions git;

  @Option(names = {"-c", "--config-path"}, paramLabel = "CONFIG", required = true, description = "Export configuration YAML (see 'init').")
  Path configPath;

  @Option(names = "--dry-run", description = "Export and report what would change, without writing to git.")
  boolean dryRun;

  @Option(names = "--excel-report", description = "Also write the run report as an .xlsx workbook.")
  boolean excelReport;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Where export-report.json (and the --excel-report xlsx) go, dry runs included. Default: the local "
          + "repository's git folder (<repo>/.git/databricks-sync/); no report file for a remote or a --dry-run.")
  Path reportDir;

  @Option(names = "--parallelism", paramLabel = "N",
      description = "At most N kinds listing and N objects exporting at a time (the two overlap). Default: 16 while "
          + "requests are paced (the pacer holds each API family at its limit), 8 with --no-rate-limit.")
  Integer parallelism;

  @Option(names = "--no-progress", description = "Plain log lines instead of a progress bar.")
  boolean noProgress;

  @Option(names = "--dask", description = "Accepted for compatibility with the original tool's parallel mode: export is always parallel (see --parallelism).")
  boolean dask;

  @Option(names = "--prune-unselected",
      description = "Remove the exported files of kinds the config does not select. Default: keep them.")
  boolean pruneUnselected;

  @Option(names = "--allow-mass-delete",
      description = "Go ahead when a kind would lose more than the --mass-delete-threshold share of its files.")
  boolean allowMassDelete;

  @Option(names = "--mass-delete-threshold", paramLabel = "PERCENT", defaultValue = "50",
      description = "Share of a kind's files (1-100) whose removal in one export stops it. Default: ${DEFAULT-VALUE}.")
  int massDeleteThreshold;

  @Option(names = "--force", description = "Discard uncommitted changes under exports/ of the local repository.")
  boolean force;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ExportConfig config = ExportConfigs.load(configPath);
    if (parallelism != null && parallelism < 1) {
      throw new UserErrors.BadInput("--parallelism must be at least 1");
    }
    if (massDeleteThreshold < 1 || massDeleteThreshold > 100) {
      throw new UserErrors.BadInput("--mass-delete-threshold must be a percentage from 1 to 100");
    }
    git.checkLocalPath();
    Path reports = reportDir != null ? Files.createDirectories(reportDir) : defaultReportDir();
    if (excelReport && reports == null) {
      throw new UserErrors.BadInput("--excel-report needs --report-dir DIR for a dry run or a remote repository");
    }
    PgpRecipient recipient = secretValues.recipient();
    ExportOptions options = ExportOptions.builder(workspace.client(Env.get()), config, git.gitTarget())
        .branch(git.branch)
        .dryRun(dryRun)
        .sshKey(git.sshKey)
        .jsonReport(reports == null ? null : reports.resolve(REPORT_JSON))
        .excelReport(excelReport ? reports.resolve(REPORT_XLSX) : null)
        .parallelism(parallelism == null ? 0 : parallelism) // 0: the default for a paced or unpaced client
        .providerVersion(Env.get().get(PROVIDER_VERSION_ENV))
        .secretValues(recipient)
        .out(output.human())
        .listener(noProgress ? new Progress(System.err, false) : Progress.auto(System.err))
        .safeguards(new Safeguards(pruneUnselected, allowMassDelete, massDeleteThreshold))
        .discardLocalChanges(force)
        .build();
    ExportReport result = ExportRun.run(options);
    if (reports != null) {
      System.err.println("Report: " + reports.resolve(REPORT_JSON) + (excelReport ? " and " + REPORT_XLSX : ""));
    }
    output.summary(RunSummaries.export(result, options.jsonReport(), options.excelReport()));
    return result.success() ? 0 : 1;
  }

  /**
   * Reports of a real run into a local repository stay beside its history, in its git folder (never
   * in the current folder, never committed). A dry run, a remote (whose clone is temporary) or a
   * linked work tree (.git is a file) has no such place: no report file unless --report-dir.
   */
  private Path defaultReportDir() {
    if (dryRun || git.target.localPath == null || Files.isRegularFile(git.target.localPath.resolve(".git"))) {
      return null;
    }
    return git.target.localPath.resolve(".git").resolve("databricks-sync");
  }
}
