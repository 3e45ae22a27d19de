package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Clients;
import io.dbsync.client.RateLimits;
import io.dbsync.client.WorkspaceClouds;
import io.dbsync.emulator.FaultRule;
import io.dbsync.emulator.RequestLog;
import io.dbsync.importer.ImportException;
import io.dbsync.importer.ImportResult;
import io.dbsync.plan.Action;
import io.dbsync.plan.PlannedChange;
import io.dbsync.testing.TestWorkspace;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The refresh of the state's entries starts as soon as the state is read, beside the reading of the
 * revision ({@code importer.EarlyRefresh}), each API family in its own lane while the client paces
 * ({@code plan.StateRefresh}): the plans are the same as before, drift is still seen, a run that fails
 * before planning leaves nothing running, and --skip-refresh and --target refresh as they did.
 */
class EarlyRefreshTest {
  static final String PERMISSIONS_GET = "GET /api/2.0/permissions/{type}/{id}";
  static final String WORKSPACE_LIST = "GET /api/2.0/workspace/list";

  @TempDir
  Path tmp;

  /**
   * A paced re-import (every family its own lane) plans nothing and makes the same requests as an
   * unpaced one (one common limit): the notebook's permissions wait for the notebook's refresh, so
   * finding the notebook's path lists no folder twice. Then drift in a notebook, a job's permissions, a
   * secret ACL and a job is planned, and nothing else.
   */
  @Test
  void aPacedReimportPlansAsBeforeAndSeesDrift() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing unpaced = DriftTest.synced(source, target, tmp);
      WorkspaceClient pacedClient = Clients.countingForHost(target.emulator().url(), target.emulator().token(),
          RateLimits.published());
      assertTrue(Clients.paced(pacedClient));
      // a host outside the known DNS zones is asked for its cloud once per client (ClientMemo): the
      // unpaced client asked in the runs before, the paced one asks now, outside the comparison
      WorkspaceClouds.detect(pacedClient);
      E2eSupport.Importing paced = new E2eSupport.Importing(unpaced.repo, tmp.resolve("state"), pacedClient);
      RequestLog log = target.emulator().requests();

      log.reset();
      ImportResult before = unpaced.run(false);
      assertFalse(before.plan().hasChanges(), before.planText());
      Map<String, Long> unpacedRequests = routes(log);
      log.reset();
      ImportResult again = paced.run(false);
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(before.planText(), again.planText());
      assertEquals(unpacedRequests, routes(log));
      assertTrue(log.route(PERMISSIONS_GET) >= 3, "the job's, the notebook's and the pool's permissions were read");

      WorkspaceClient t = target.client();
      E2eSeed.importNotebook(t, "/Shared/e2e/python notebook", "PYTHON",
          "# Databricks notebook source\nprint('edited in the target')\n");
      String jobId = jobId(t, "e2e multi task");
      E2eSeed.call(t, "PUT", "/api/2.0/permissions/jobs/" + jobId, """
          {"access_control_list": [{"group_name": "platform", "permission_level": "CAN_MANAGE"},
                                   {"user_name": "analyst@example.com", "permission_level": "CAN_VIEW"}]}""");
      E2eSeed.call(t, "POST", "/api/2.0/secrets/acls/put",
          "{\"scope\": \"etl\", \"principal\": \"platform\", \"permission\": \"READ\"}");
      E2eSeed.call(t, "POST", "/api/2.2/jobs/update", E2eSeed.JSON.createObjectNode()
          .put("job_id", Long.parseLong(jobId)).set("new_settings",
              E2eSeed.JSON.createObjectNode().put("max_concurrent_runs", 7)).toString());

      ImportResult drift = paced.run(false);
      Set<String> changed = new TreeSet<>();
      drift.plan().actionable().forEach(c -> changed.add(c.action() + " " + c.type()));
      // a secret ACL's permission forces its replacement, as the provider's schema says
      assertEquals(Set.of(Action.UPDATE + " databricks_job", Action.UPDATE + " databricks_notebook",
          Action.UPDATE + " databricks_permissions", Action.REPLACE + " databricks_secret_acl"), changed, drift.planText());
      assertEquals(4, drift.plan().actionable().size(), drift.planText());
      assertTrue(drift.planText().contains("CAN_MANAGE"), drift.planText());

      ImportResult repaired = paced.run(true);
      assertTrue(repaired.success(), repaired.failures() + "\n" + paced.output());
      assertTrue(repaired.verification().differences().isEmpty(), repaired.verification().toString());
      assertFalse(paced.run(false).plan().hasChanges());
    }
  }

  /**
   * A revision whose configuration is invalid fails as it did (the same message as without any
   * refresh), after the early refresh was started against a slow target: once the run has returned,
   * no request of that refresh is still to come, and nothing was written.
   */
  @Test
  void anInvalidRevisionFailsAsBeforeAndLeavesNoRefreshRunning() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = DriftTest.synced(source, target, tmp);
      Path broken = importing.repo.resolve("exports/notebook/broken.tf.json");
      Files.writeString(broken, "{\"resource\": {\"databricks_notebook\": {\"broken\": {\"no_such_attribute\": 1}}}}");
      try (Git git = Git.open(importing.repo.toFile())) {
        git.add().addFilepattern("exports").call();
        git.commit().setMessage("a broken resource").setSign(false).call();
      }
      ImportException skipping = assertThrows(ImportException.class,
          () -> importing.run(b -> b.apply(true).skipRefresh(true)));

      target.emulator().options().latencyMillis = 100;
      RequestLog log = target.emulator().requests();
      log.reset();
      int printed = importing.output().length();
      ImportException early = assertThrows(ImportException.class, () -> importing.run(true));
      long atReturn = log.total();
      Thread.sleep(500); // longer than any request of the refresh takes: one still running would be logged
      assertEquals(skipping.getMessage(), early.getMessage());
      assertTrue(early.inputError());
      assertEquals(atReturn, log.total(), "no refresh request after the run returned");
      assertEquals(0, log.writes());
      assertEquals("", importing.output().substring(printed), "nothing printed");
    }
  }

  /**
   * Refreshes that fail (the permissions GETs answer 500) fail the plan as before: one message naming
   * every failed refresh in address order, a runtime error (not the input's), nothing written.
   */
  @Test
  void failedRefreshesFailThePlanNamingEach() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = DriftTest.synced(source, target, tmp);
      List<String> permissions = new ArrayList<>();
      for (PlannedChange c : importing.run(false).plan().changes()) {
        if (c.type().equals("databricks_permissions")) {
          permissions.add(c.address());
        }
      }
      assertTrue(permissions.size() >= 3, permissions.toString());
      target.emulator().addFault(FaultRule.status("GET", "^/api/2\\.0/permissions/.*$", 500, 1000));
      RequestLog log = target.emulator().requests();
      log.reset();
      ImportException failed = assertThrows(ImportException.class, () -> importing.run(true));
      assertFalse(failed.inputError());
      List<String> lines = failed.getMessage().lines().toList();
      assertEquals("refresh failed:", lines.get(0), failed.getMessage());
      assertEquals(permissions.stream().sorted().toList(),
          lines.subList(1, lines.size()).stream().map(l -> l.trim().split(":")[0].substring("refreshing ".length()))
              .toList(), failed.getMessage());
      assertEquals(0, log.writes());
    }
  }

  /**
   * The early refresh reads the target as passive or not by what the run was given; a revision that
   * declares PASSIVE with a default decides otherwise, and the plan refreshes again as passive: the
   * schedules a passive import paused are not drift (they would be for a refresh that is not passive).
   */
  @Test
  void aRevisionThatMakesTheRunPassiveIsRefreshedAsPassive() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      Map<String, String> passive = new TreeMap<>(importing.variables);
      passive.put("PASSIVE", "true");
      ImportResult applied = importing.run(b -> b.apply(true).varOverrides(passive));
      assertTrue(applied.success(), importing.output());
      assertFalse(importing.run(b -> b.varOverrides(passive)).plan().hasChanges(), "passive as given: no drift");
      assertTrue(importing.run(false).plan().hasChanges(), "refreshed as not passive, the paused schedules differ");

      Files.writeString(repo.resolve("exports/passive.tf.json"), "{\"variable\": {\"PASSIVE\": {\"default\": \"true\"}}}");
      try (Git git = Git.open(repo.toFile())) {
        git.add().addFilepattern("exports").call();
        git.commit().setMessage("passive by default").setSign(false).call();
      }
      ImportResult declared = importing.run(false);
      assertFalse(declared.plan().hasChanges(), declared.planText());
    }
  }

  /** --skip-refresh reads nothing of the state's objects; --target refreshes only the target and what it needs. */
  @Test
  void skipRefreshAndTargetRefreshAsBefore() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = DriftTest.synced(source, target, tmp);
      RequestLog log = target.emulator().requests();

      log.reset();
      ImportResult skipped = importing.run(b -> b.skipRefresh(true));
      assertFalse(skipped.plan().hasChanges(), skipped.planText());
      assertEquals(0, log.route(PERMISSIONS_GET));
      assertEquals(0, log.route(WORKSPACE_LIST));
      assertEquals(0, log.route("GET /api/2.0/secrets/list"));

      log.reset();
      ImportResult targeted = importing.run(b -> b.targets(List.of("databricks_secret_scope.etl")));
      assertFalse(targeted.plan().hasChanges(), targeted.planText());
      assertEquals(Set.of("databricks_secret_scope.etl"),
          Set.copyOf(targeted.plan().changes().stream().map(PlannedChange::address).toList()), targeted.planText());
      assertEquals(0, log.route(PERMISSIONS_GET), "nothing but the scope is refreshed");
      assertEquals(0, log.route(WORKSPACE_LIST));
      assertEquals(0, log.route("GET /api/2.0/preview/scim/v2/Users"));
    }
  }

  private static String jobId(WorkspaceClient w, String name) throws Exception {
    for (JsonNode j : E2eSeed.call(w, "GET", "/api/2.2/jobs/list", null, "limit", "100").path("jobs")) {
      if (name.equals(j.path("settings").path("name").asText())) {
        return j.path("job_id").asText();
      }
    }
    throw new IllegalStateException("no job " + name);
  }

  private static Map<String, Long> routes(RequestLog log) {
    Map<String, Long> out = new TreeMap<>();
    log.toJson().path("by_route").properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }
}
