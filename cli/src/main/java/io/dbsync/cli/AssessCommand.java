package io.dbsync.cli;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.assess.AssessOptions;
import io.dbsync.assess.AssessReports;
import io.dbsync.assess.Assessment;
import io.dbsync.assess.Assessor;
import io.dbsync.config.ExportConfig;
import io.dbsync.mapping.Mapping;
import io.dbsync.mapping.MappingException;
import io.dbsync.mapping.Migration;
import io.dbsync.mapping.MigrationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "assess",
    description = {"Pre-flight assessment: what an export of the source and an import into the target would meet and cost.",
        "Reads only: nothing is written to either workspace, to git or to the current folder. Counts per kind, objects "
            + "skipped and why, principals missing in the target, what needs a mapping entry (node types, cloud "
            + "attributes, instance profiles, storage paths, principals) with the entry to add, secrets without "
            + "values, objects the target already has, API calls and time at the published rate limits."})
final class AssessCommand implements Callable<Integer> {
  static final String REPORT_JSON = "assess-report.json";
  static final String REPORT_HTML = "assess-report.html";

  @Mixin
  WorkspaceOptions workspace = new WorkspaceOptions();

  @Mixin
  OutputOptions output = new OutputOptions();

  @Option(names = "--target-profile", paramLabel = "PROFILE",
      description = "Profile of the target workspace (same resolution as --profile). Without it the target checks are left out.")
  String targetProfile;

  @Option(names = {"-c", "--config-path"}, paramLabel = "CONFIG", required = true, description = "Export configuration YAML (see 'init').")
  Path configPath;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Write " + REPORT_JSON + " and " + REPORT_HTML + " (a self-contained page) here. Default: no files.")
  Path reportDir;

  @Option(names = "--mapping", paramLabel = "FILE",
      description = "The mapping file the import would use (see import --mapping); TF_VAR_CLOUD names the target cloud "
          + "as at import. Without it the bundled node type table and the defaults are checked.")
  Path mapping;

  @Option(names = "--parallelism", paramLabel = "N",
      description = "Concurrent API listings and reads, as export's. Default: export's (16 while the client paces "
          + "itself at the published limits, 8 with --no-rate-limit).")
  Integer parallelism;

  @Override
  public Integer call() throws Exception {
    ExportConfig config = ExportConfigs.load(configPath);
    if (parallelism != null && parallelism < 1) {
      throw new UserErrors.BadInput("--parallelism must be at least 1");
    }
    Mapping m = mapping();
    WorkspaceClient source = workspace.client(Env.get());
    WorkspaceClient target = null;
    if (targetProfile != null) {
      WorkspaceOptions other = new WorkspaceOptions();
      other.profile = targetProfile;
      target = other.client(Env.get());
    }
    Assessment a;
    try {
      a = Assessor.run(new AssessOptions(source, target, config, null, parallelism == null ? 0 : parallelism, null, m, Env.get()));
    } catch (MappingException e) {
      throw new UserErrors.BadInput(e.getMessage());
    }
    AssessReports.printSummary(a, output.human());
    if (reportDir != null) {
      Files.createDirectories(reportDir);
      AssessReports.writeJson(a, reportDir.resolve(REPORT_JSON));
      AssessReports.writeHtml(a, reportDir.resolve(REPORT_HTML));
      System.err.println("Report: " + reportDir.resolve(REPORT_JSON) + " and " + REPORT_HTML);
    }
    output.summary(AssessReports.json(a));
    return a.failures().isEmpty() ? 0 : 1;
  }

  private Mapping mapping() {
    if (mapping != null && !Files.isRegularFile(mapping)) {
      throw new UserErrors.BadInput("mapping file not found: " + mapping);
    }
    try {
      return Migration.load(new MigrationOptions(mapping, null, null));
    } catch (MappingException e) {
      throw new UserErrors.BadInput(e.getMessage());
    }
  }
}
