package io.dbsync.cli;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.client.Clients;
import io.dbsync.config.ExportConfig;
import io.dbsync.demo.SampleWorkspace;
import io.dbsync.emulator.Emulator;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.git.RevisionCheckout;
import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.report.ExportReport;
import io.dbsync.state.LocalStateStore;
import io.dbsync.tf.config.ConfigReader;
import io.dbsync.tf.config.RevisionFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The main job end to end without a real workspace: a source emulator filled with one object of
 * every kind, exported to a local git repository, imported into an empty target emulator, then
 * imported again to show that an unchanged revision plans nothing.
 */
@Command(name = "demo", description = "Runs export and import between two built-in emulated workspaces (no real workspace needed).")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "databricks-sync-demo",
      description = "Where the git repository, state and reports go. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path repo = dir.resolve("repo");
    Path stateDir = dir.resolve("state");
    Files.createDirectories(stateDir);
    try (Emulator source = new Emulator().start(); Emulator target = new Emulator().start()) {
      out.println("== Source workspace (emulated) at " + source.url() + ": populating through the REST API");
      WorkspaceClient sourceClient = Clients.countingForHost(source.url(), source.token());
      new SampleWorkspace(sourceClient).populate();

      out.println("== Export to git repository " + repo.toAbsolutePath());
      ExportConfig config = ExportConfig.parse(resource("/demo/export.yaml"), KindRegistry.standard().configKeys());
      ExportReport exported = ExportRun.run(ExportOptions.builder(sourceClient, config, new GitTarget.Local(repo))
          .jsonReport(dir.resolve("export-report.json")).out(out).listener(new Progress(System.err, false)).build());
      if (!exported.success()) {
        out.println("Export reported failures; see " + dir.resolve("export-report.json"));
        return 1;
      }

      // the DR workspace has a SQL warehouse: Unity Catalog tables and views are created with SQL
      target.seed(new ObjectMapper().readTree("{\"sql\": {\"warehouses\": [{\"name\": \"dr-warehouse\"}]}}"));
      WorkspaceClient targetClient = Clients.countingForHost(target.url(), target.token());
      try (RevisionCheckout checkout = RevisionCheckout.of(new GitTarget.Local(repo), null, null, null)) {
        Map<String, String> env = new HashMap<>(System.getenv());
        demoVariableValues(checkout.files(), env);
        out.println("== Import " + checkout.commitId().substring(0, 12) + " into the target workspace (emulated) at " + target.url());
        ImportResult first = importOnce(checkout.files(), stateDir, targetClient, env, out);
        if (!first.success()) {
          return first.exitCode();
        }
        out.println("== Import the same revision again: nothing should change");
        target.requests().reset();
        ImportResult second = importOnce(checkout.files(), stateDir, targetClient, env, out);
        out.println("Write requests sent to the target on the second import: " + target.requests().writes());
        return second.exitCode();
      }
    }
  }

  private static ImportResult importOnce(RevisionFiles exports, Path stateDir, WorkspaceClient client, Map<String, String> env,
                                         PrintStream out) throws Exception {
    return new Importer(ImportOptions.builder(exports, LocalStateStore.inDirectory(stateDir), KindRegistry.standard(), client)
        .apply(true).printPlan(true).env(env).who("demo").out(out).build()).run();
  }

  /** Secret values cannot be exported: the demo supplies a placeholder for every variable without a default. */
  private static void demoVariableValues(RevisionFiles exports, Map<String, String> env) throws Exception {
    ConfigReader.read(exports).variables().values().forEach(v -> {
      if (v.defaultValue() == null) {
        env.putIfAbsent("TF_VAR_" + v.name(), "demo-value");
      }
    });
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
