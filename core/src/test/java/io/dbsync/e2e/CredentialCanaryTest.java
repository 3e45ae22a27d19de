package io.dbsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.config.ExportConfig;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.importer.ImportResult;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review D4: credentials embedded in source URLs (mount sources with keys, SAS query strings, a
 * job's git URL with a token) never reach git, the report, the state, the plan or the output. They
 * become sensitive variables; supplied at import, the target gets the same URLs back.
 */
class CredentialCanaryTest {
  static final String S3_SOURCE = "s3a://AKIAURLCANARY:MOUNTURL-CANARY-secret@cred-bucket";
  static final String SAS_SOURCE = "wasbs://cont@acct.blob.core.windows.net/?sv=2020&sig=SASSIG-CANARY-5566";
  static final String GIT_URL = "https://ci-bot:GITTOKEN-CANARY-77@git.example.com/acme/etl.git";
  static final List<String> CANARIES = List.of("MOUNTURL-CANARY", "AKIAURLCANARY", "SASSIG-CANARY", "GITTOKEN-CANARY");

  @TempDir
  Path tmp;

  @Test
  void credentialsInUrlsBecomeSensitiveVariablesAndLeaveNoTrace() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      String seed = """
          {"clusters": [{"cluster_id": "0101-010101-running1", "cluster_name": "c", "spark_version": "15.4.x-scala2.12",
             "node_type_id": "i3.xlarge", "num_workers": 1, "state": "RUNNING"}],
           "jobs": [{"job_id": 5, "name": "from git", "git_source": {"git_url": %s, "git_provider": "gitHub", "git_branch": "main"},
             "tasks": [{"task_key": "t", "notebook_task": {"notebook_path": "etl/run", "source": "GIT"},
                        "existing_cluster_id": "0101-010101-running1"}]}],
           "commands": {"mounts": [{"mountPoint": "/mnt/urlcred", "source": %s}, {"mountPoint": "/mnt/blob", "source": %s}]}}
          """.formatted(quote(GIT_URL), quote(S3_SOURCE), quote(SAS_SOURCE));
      source.emulator().seed(TfJson.MAPPER.readTree(seed));
      target.emulator().seed(TfJson.MAPPER.readTree("""
          {"clusters": [{"cluster_id": "0202-020202-running2", "cluster_name": "c", "spark_version": "15.4.x-scala2.12",
             "node_type_id": "i3.xlarge", "num_workers": 1, "state": "RUNNING"}]}"""));

      Path repo = tmp.resolve("repo");
      Path reportDir = tmp.resolve("report");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ExportReport r = ExportRun.run(ExportOptions.builder(source.client(), ExportConfig.parse("""
              name: canaries
              objects:
                cluster: {}
                job: {}
                mount:
                  cluster_id: "0101-010101-running1"
              """), GitTarget.parse(repo.toString()))
          .branch("main").jsonReport(reportDir.resolve("export-report.json"))
          .out(new PrintStream(out, true, StandardCharsets.UTF_8)).build());
      assertTrue(r.success(), r.failures().toString());
      long reported = r.warnings().stream().filter(w -> w.message().contains("replaced by the sensitive variable")).count();
      assertEquals(3, reported, "each credential is reported: " + r.warnings());

      JsonNode vars = TfJson.read(Files.readAllBytes(repo.resolve("exports/variables.tf.json"))).path("variable");
      Map<String, String> values = new TreeMap<>();
      vars.fieldNames().forEachRemaining(name -> {
        if (name.startsWith("credentials_")) {
          assertTrue(vars.get(name).path("sensitive").asBoolean(), name + " is sensitive");
          values.put(name, name.contains("blob") ? "sv=2020&sig=SASSIG-CANARY-5566"
              : name.contains("job") ? "ci-bot:GITTOKEN-CANARY-77" : "AKIAURLCANARY:MOUNTURL-CANARY-secret");
        }
      });
      assertEquals(3, values.size(), vars.toString());

      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      ImportResult applied = importing.run(b -> b.apply(true).varOverrides(values).planFile(tmp.resolve("state/plan.json")));
      assertTrue(applied.success(), applied.failures() + "\n" + importing.output());
      List<String> targetSources = new ArrayList<>();
      target.emulator().dump().at("/commands/mounts").forEach(m -> targetSources.add(m.path("source").asText()));
      assertTrue(targetSources.containsAll(List.of(S3_SOURCE, SAS_SOURCE)), targetSources.toString());
      assertTrue(target.emulator().dump().at("/jobs").toString().contains("GITTOKEN-CANARY-77"), "the job's URL is restored");
      ImportResult again = importing.run(b -> b.apply(false).varOverrides(values));
      assertFalse(again.plan().hasChanges(), again.planText());

      String logs = out.toString(StandardCharsets.UTF_8) + importing.output() + applied.planText() + again.planText();
      for (String canary : CANARIES) {
        assertFalse(logs.contains(canary), "output carries " + canary);
      }
      assertNoCanary(repo);
      assertNoCanary(reportDir);
      assertNoCanary(tmp.resolve("state"));
      assertNoCanaryInGitObjects(repo);
    }
  }

  private static void assertNoCanary(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String canary : CANARIES) {
          assertFalse(text.contains(canary), f + " carries " + canary);
        }
      }
    }
  }

  /** Every object of every ref (commits, tags, trees, blobs), decompressed. */
  private static void assertNoCanaryInGitObjects(Path repo) throws Exception {
    try (Git git = Git.open(repo.toFile()); ObjectWalk walk = new ObjectWalk(git.getRepository())) {
      Repository r = git.getRepository();
      for (var ref : r.getRefDatabase().getRefs()) {
        ObjectId id = ref.getObjectId();
        walk.markStart(walk.parseAny(id));
      }
      int seen = 0;
      for (RevObject o = walk.next(); o != null || (o = walk.nextObject()) != null; o = walk.next()) {
        String text = new String(r.open(o).getBytes(), StandardCharsets.ISO_8859_1);
        for (String canary : CANARIES) {
          assertFalse(text.contains(canary), "git object " + o.name() + " carries " + canary);
        }
        seen++;
      }
      assertTrue(seen > 5, "walked the repository's objects");
    }
  }

  private static String quote(String s) {
    return TfJson.MAPPER.valueToTree(s).toString();
  }
}
