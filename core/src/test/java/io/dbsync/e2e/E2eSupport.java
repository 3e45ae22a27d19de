package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.config.ExportConfig;
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
import org.eclipse.jgit.api.Git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export to a local git repository and import a checked-out revision, the way the CLI does. */
final class E2eSupport {
  /** Every kind the seed populates; notebooks and DBFS files only under the seeded folders. */
  static final String CONFIG = """
      name: e2e
      objects:
        notebook:
          notebook_path: "/Shared"
        global_init_script: {}
        cluster_policy: {}
        dbfs_file:
          dbfs_path: "dbfs:/FileStore"
        instance_pool: {}
        instance_profile: {}
        secret: {}
        cluster: {}
        job: {}
        identity: {}
        repo: {}
        notification_destination: {}
        sql_warehouse: {}
        sql_query: {}
        sql_alert: {}
        dashboard: {}
        pipeline: {}
        mlflow_experiment: {}
        mlflow_model: {}
        model_serving: {}
        workspace_conf: {}
        ip_access_list: {}
      """;

  private E2eSupport() {}

  static ExportReport export(WorkspaceClient source, Path repo) throws IOException, InterruptedException {
    ExportReport r = ExportRun.run(ExportOptions.builder(source, ExportConfig.parse(CONFIG), GitTarget.parse(repo.toString()))
        .branch("main").parallelism(4).build());
    assertTrue(r.success(), () -> "export failed: " + r.failures());
    return r;
  }

  static int commitCount(Path repo) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      int n = 0;
      for (var ignored : git.log().call()) {
        n++;
      }
      return n;
    }
  }

  /** One import run against the head of main, in a fresh checkout, with a captured output. */
  static final class Importing {
    final Path repo;
    final LocalStateStore state;
    final WorkspaceClient target;
    /** --var values of every run: the seed's secrets (a revision without them declares none). */
    final Map<String, String> variables;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Importing(Path repo, Path stateDir, WorkspaceClient target) {
      this(repo, stateDir, target, E2eSeed.variables());
    }

    Importing(Path repo, Path stateDir, WorkspaceClient target, Map<String, String> variables) {
      this.repo = repo;
      this.state = LocalStateStore.inDirectory(stateDir);
      this.target = target;
      this.variables = variables;
    }

    ImportResult run(boolean apply) throws Exception {
      return run(b -> b.apply(apply));
    }

    ImportResult run(UnaryOperator<ImportOptions.Builder> extra) throws Exception {
      return run(null, extra);
    }

    /** One import of {@code revision} (a tag, branch or commit; null = the head of main). */
    ImportResult run(String revision, UnaryOperator<ImportOptions.Builder> extra) throws Exception {
      try (RevisionCheckout co = RevisionCheckout.of(GitTarget.parse(repo.toString()), "main", revision, null)) {
        ImportOptions.Builder b = ImportOptions.builder(co.files(), state, KindRegistry.standard(), target)
            .env(Map.of()).varOverrides(variables)
            .out(new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Importer(extra.apply(b).build()).run();
      }
    }

    String output() {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** Relative path (with '/') -> bytes of every file under root. */
  static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return out;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> sortedKeys(Map<String, ?> m) {
    return m.keySet().stream().sorted().toList();
  }
}
