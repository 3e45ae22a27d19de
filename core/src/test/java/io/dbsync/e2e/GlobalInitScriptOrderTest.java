package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.ExportConfig;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.importer.ImportResult;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A global init script's position is its execution order. The API shifts scripts when one is inserted
 * or moved, so the import writes them one at a time in the desired order: the target's order equals the
 * source's after one import (parallel creates used to interleave), stays put (no writes) on the next,
 * and a hand reordering in the target is undone in one import.
 */
class GlobalInitScriptOrderTest {
  private static final int SCRIPTS = 12;

  @TempDir
  Path tmp;

  @Test
  void positionsMatchAfterOneImportAndStayPut() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      ObjectNode seed = E2eSeed.JSON.createObjectNode();
      ArrayNode scripts = seed.putArray("global-init-scripts");
      for (int i = 0; i < SCRIPTS; i++) {
        String body = "#!/bin/bash\necho " + i + "\n";
        scripts.addObject().put("name", "init-" + (char) ('a' + (i * 7) % SCRIPTS)).put("enabled", i % 3 != 0)
            .put("script", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
      }
      source.emulator().seed(seed);
      List<String> sourceOrder = order(source.client());
      Path repo = tmp.resolve("repo");
      export(source.client(), repo);

      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      ImportResult first = importing.run(b -> b.apply(true).parallelism(8));
      assertTrue(first.success(), first.failures().toString());
      assertEquals(sourceOrder, order(target.client()), "the same execution order after the first import");

      long writes = target.emulator().requests().writes();
      ImportResult again = importing.run(b -> b.apply(true).parallelism(8));
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(writes, target.emulator().requests().writes(), "an unchanged revision sends no writes");

      // someone moves the last script to the front and the fourth to the end, by hand
      List<String> ids = ids(target.client());
      move(target.client(), ids.get(SCRIPTS - 1), 0);
      move(target.client(), ids.get(3), SCRIPTS - 1);
      assertFalse(sourceOrder.equals(order(target.client())));
      ImportResult repair = importing.run(b -> b.apply(true).parallelism(8));
      assertTrue(repair.success(), repair.failures().toString());
      assertEquals(sourceOrder, order(target.client()), "one import puts the order back\n" + repair.planText());
      writes = target.emulator().requests().writes();
      assertFalse(importing.run(b -> b.apply(true)).plan().hasChanges());
      assertEquals(writes, target.emulator().requests().writes());
    }
  }

  private static void export(WorkspaceClient source, Path repo) throws Exception {
    ExportReport r = ExportRun.run(ExportOptions.builder(source,
        ExportConfig.parse("name: gis\nobjects:\n  global_init_script: {}\n"), GitTarget.parse(repo.toString()))
        .branch("main").parallelism(4).build());
    assertTrue(r.success(), r.failures().toString());
  }

  /** "name enabled" of every script, in position order. */
  private static List<String> order(WorkspaceClient w) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode s : listed(w)) {
      out.add(s.path("position").asInt() + " " + s.path("name").asText() + " " + s.path("enabled").asBoolean());
    }
    return out;
  }

  private static List<String> ids(WorkspaceClient w) throws Exception {
    List<String> out = new ArrayList<>();
    listed(w).forEach(s -> out.add(s.path("script_id").asText()));
    return out;
  }

  private static List<JsonNode> listed(WorkspaceClient w) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    E2eSeed.call(w, "GET", "/api/2.0/global-init-scripts", null).path("scripts").forEach(out::add);
    out.sort((a, b) -> Integer.compare(a.path("position").asInt(), b.path("position").asInt()));
    return out;
  }

  private static void move(WorkspaceClient w, String id, int position) throws Exception {
    E2eSeed.call(w, "PATCH", "/api/2.0/global-init-scripts/" + id, "{\"position\": " + position + "}");
  }
}
