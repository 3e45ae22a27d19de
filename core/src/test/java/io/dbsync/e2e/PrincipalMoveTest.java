package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.config.ExportConfig;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.importer.ImportException;
import io.dbsync.importer.ImportResult;
import io.dbsync.mapping.MigrationOptions;
import io.dbsync.mapping.PrincipalPolicy;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Principals across accounts, through the engine against emulators: users renamed by the mapping file
 * (their home folder, notebooks and ACLs follow), and principals the target lacks under the drop and
 * fail policies, with a fallback owner for a job whose owner is missing.
 */
class PrincipalMoveTest {
  static final String JANE_OLD = "jane@old.example.com";
  static final String JANE_NEW = "jane@new.example.com";
  static final String GHOST = "ghost@example.com";

  @TempDir
  Path tmp;

  /** A user with a notebook in her home folder, a job running it, and an ACL naming her and another user. */
  static String seed(WorkspaceClient w) throws Exception {
    w.users().create(new User().setUserName(JANE_OLD));
    w.users().create(new User().setUserName(GHOST));
    E2eSeed.importNotebook(w, "/Users/" + JANE_OLD + "/report", "PYTHON", "# Databricks notebook source\nprint(1)\n");
    String job = E2eSeed.call(w, "POST", "/api/2.2/jobs/create", """
        {"name": "reports", "max_concurrent_runs": 1,
         "tasks": [{"task_key": "report", "notebook_task": {"notebook_path": "/Users/%s/report"}}]}""".formatted(JANE_OLD))
        .path("job_id").asText();
    E2eSeed.call(w, "PUT", "/api/2.0/permissions/jobs/" + job, """
        {"access_control_list": [{"user_name": "%s", "permission_level": "CAN_MANAGE_RUN"},
                                 {"user_name": "%s", "permission_level": "CAN_VIEW"}]}""".formatted(JANE_OLD, GHOST));
    return job;
  }

  static void export(WorkspaceClient source, Path repo, String config) throws Exception {
    ExportReport r = ExportRun.run(ExportOptions.builder(source, ExportConfig.parse(config), GitTarget.parse(repo.toString()))
        .branch("main").build());
    assertTrue(r.success(), () -> "export failed: " + r.failures());
  }

  static JsonNode jobAcl(WorkspaceClient w) throws Exception {
    String id = CrossCloudMoveTest.only(w, "/api/2.2/jobs/list", "jobs").path("job_id").asText();
    return E2eSeed.call(w, "GET", "/api/2.0/permissions/jobs/" + id, null).path("access_control_list");
  }

  static Set<String> direct(JsonNode acl) {
    Set<String> out = new TreeSet<>();
    for (JsonNode e : acl) {
      for (JsonNode p : e.path("all_permissions")) {
        if (!p.path("inherited").asBoolean()) {
          out.add(e.path("user_name").asText(e.path("group_name").asText()) + " " + p.path("permission_level").asText());
        }
      }
    }
    return out;
  }

  static Set<String> users(WorkspaceClient w) {
    Set<String> out = new TreeSet<>();
    w.users().list(new ListUsersRequest()).forEach(u -> out.add(u.getUserName()));
    return out;
  }

  @Test
  void aRenamedUserArrivesUnderHerNewNameWithHerFolderAndAccess() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      seed(source.client());
      Path repo = tmp.resolve("repo");
      export(source.client(), repo, """
          name: rename
          objects:
            identity: {}
            notebook: {notebook_path: "/Users"}
            job: {}
          """);
      Path mapping = tmp.resolve("mapping.yaml");
      Files.writeString(mapping, "principals:\n  users:\n    " + JANE_OLD + ": " + JANE_NEW + "\n");
      MigrationOptions options = new MigrationOptions(mapping, null, null);
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      ImportResult first = importing.run(b -> b.apply(true).migration(options));
      assertTrue(first.success(), first.failures() + "\n" + importing.output());

      Set<String> users = users(target.client());
      assertTrue(users.contains(JANE_NEW) && !users.contains(JANE_OLD), users.toString());
      JsonNode nb = E2eSeed.call(target.client(), "GET", "/api/2.0/workspace/get-status", null,
          "path", "/Users/" + JANE_NEW + "/report");
      assertEquals("NOTEBOOK", nb.path("object_type").asText());
      String jobId = CrossCloudMoveTest.only(target.client(), "/api/2.2/jobs/list", "jobs").path("job_id").asText();
      assertEquals("/Users/" + JANE_NEW + "/report", E2eSeed.call(target.client(), "GET", "/api/2.2/jobs/get", null,
          "job_id", jobId).at("/settings/tasks/0/notebook_task/notebook_path").asText());
      assertTrue(direct(jobAcl(target.client())).contains(JANE_NEW + " CAN_MANAGE_RUN"), jobAcl(target.client()).toString());

      long writes = target.emulator().requests().writes();
      ImportResult again = importing.run(b -> b.apply(true).migration(options));
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(writes, target.emulator().requests().writes());
    }
  }

  @Test
  void dropRemovesTheAccessOfMissingPrincipalsAndTheFallbackOwnerTakesTheJob() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      String job = seed(source.client());
      E2eSeed.call(source.client(), "PUT", "/api/2.0/permissions/jobs/" + job, """
          {"access_control_list": [{"user_name": "%s", "permission_level": "IS_OWNER"},
                                   {"user_name": "%s", "permission_level": "CAN_MANAGE_RUN"},
                                   {"user_name": "admin@example.com", "permission_level": "CAN_MANAGE"}]}"""
          .formatted(GHOST, JANE_OLD));
      target.client().users().create(new User().setUserName("owner@example.com"));
      Path repo = tmp.resolve("repo");
      export(source.client(), repo, "name: jobs\nobjects:\n  job: {}\n");
      long before = target.emulator().requests().writes();

      E2eSupport.Importing failing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      ImportException e = assertThrows(ImportException.class, () -> failing.run(b -> b.apply(true)
          .migration(new MigrationOptions(null, PrincipalPolicy.FAIL, null))));
      assertTrue(e.getMessage().contains("user " + GHOST + " does not exist in the target (missing principals: fail)"),
          e.getMessage());
      assertTrue(e.getMessage().contains("principals: {users: {\"" + JANE_OLD + "\": \"<user in the target>\"}}"),
          e.getMessage());
      assertEquals(before, target.emulator().requests().writes(), "nothing written");

      MigrationOptions drop = new MigrationOptions(null, PrincipalPolicy.DROP, "owner@example.com");
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      ImportResult first = importing.run(b -> b.apply(true).migration(drop));
      assertTrue(first.success(), first.failures() + "\n" + importing.output());
      assertEquals(Set.of("owner@example.com IS_OWNER", "admin@example.com CAN_MANAGE"), direct(jobAcl(target.client())));
      assertFalse(users(target.client()).contains(GHOST), "drop never creates");

      long writes = target.emulator().requests().writes();
      ImportResult again = importing.run(b -> b.apply(true).migration(drop));
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(writes, target.emulator().requests().writes());
    }
  }
}
