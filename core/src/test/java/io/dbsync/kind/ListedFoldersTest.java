package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.emulator.RequestLog;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Object status from folder listings: one listing per folder, none below a folder that does not exist, no 404s. */
class ListedFoldersTest {
  private static final String LIST = "GET /api/2.0/workspace/list";

  @Test
  void statusComesFromTheParentsListingAndAMissingFolderAnswersForItsSubtree() throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      Rest.post(ws.client(), "/api/2.0/workspace/mkdirs", TfJson.object().put("path", "/Shared/team/sub"));
      KindHarness.Apply ctx = KindHarness.applying(ws.client());
      RequestLog log = ws.emulator().requests();
      log.reset();

      JsonNode sub = ListedFolders.status(ctx, ListedFolders.WORKSPACE, "/Shared/team/sub");
      assertEquals("DIRECTORY", sub.path("object_type").asText());
      JsonNode getStatus = Rest.get(ws.client(), "/api/2.0/workspace/get-status", "path", "/Shared/team/sub");
      assertEquals(getStatus, sub, "the listed entry is the object as get-status returns it");
      assertEquals(3, log.route(LIST), "/, /Shared and /Shared/team listed");

      for (int i = 0; i < 50; i++) {
        assertNull(ListedFolders.status(ctx, ListedFolders.WORKSPACE, "/Shared/project/f" + (i % 5) + "/nb" + i));
        assertNull(ListedFolders.status(ctx, ListedFolders.WORKSPACE, "/Shared/team/sub/nb" + i));
      }
      assertEquals(4, log.route(LIST), "only /Shared/team/sub more: /Shared's listing says /Shared/project is not there");
      assertEquals(0, log.notFound(), "no 404 answers");
      assertEquals(0, log.route("GET /api/2.0/workspace/get-status") - 1, "no get-status but the test's own");
    }
  }

  @Test
  void writesMakeTheFoldersListedAgain() throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      KindHarness.Apply ctx = KindHarness.applying(ws.client());
      assertNull(ListedFolders.status(ctx, ListedFolders.WORKSPACE, "/Shared/new/deeper"));
      Rest.post(ws.client(), "/api/2.0/workspace/mkdirs", TfJson.object().put("path", "/Shared/new/deeper"));
      assertNull(ListedFolders.status(ctx, ListedFolders.WORKSPACE, "/Shared/new/deeper"), "the run's listing, until told");
      ListedFolders.madeFolders(ctx, ListedFolders.WORKSPACE, "/Shared/new/deeper");
      assertEquals("DIRECTORY", ListedFolders.status(ctx, ListedFolders.WORKSPACE, "/Shared/new/deeper").path("object_type").asText());

      Rest.post(ws.client(), "/api/2.0/workspace/delete", TfJson.object().put("path", "/Shared/new").put("recursive", true));
      ListedFolders.deleted(ctx, ListedFolders.WORKSPACE, "/Shared/new");
      assertNull(ListedFolders.status(ctx, ListedFolders.WORKSPACE, "/Shared/new/deeper"));
      assertNull(ListedFolders.status(ctx, ListedFolders.WORKSPACE, "/Shared/new"));
    }
  }

  @Test
  void parallelAsksListEachFolderOnce() throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      for (int f = 0; f < 4; f++) {
        Rest.post(ws.client(), "/api/2.0/workspace/mkdirs", TfJson.object().put("path", "/Shared/p/f" + f));
      }
      KindHarness.Apply ctx = KindHarness.applying(ws.client());
      ws.emulator().requests().reset();
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          String path = "/Shared/p/f" + (i % 4) + (i % 8 < 4 ? "" : "/nb" + i);
          answers.add(pool.submit(() -> ListedFolders.status(ctx, ListedFolders.WORKSPACE, path)));
        }
        for (int i = 0; i < answers.size(); i++) {
          JsonNode a = answers.get(i).get();
          assertEquals(i % 8 < 4, a != null, "folder " + i);
        }
      } finally {
        pool.shutdownNow();
      }
      // /, /Shared, /Shared/p, and each of the four folders
      assertEquals(7, ws.emulator().requests().route(LIST));
    }
  }

  @Test
  void onlyPlainAbsolutePathsAreWalked() {
    assertTrue(ListedFolders.walkable("/Shared/a"));
    for (String p : new String[] {null, "/", "Shared/a", "/Shared/", "/a//b", "/a/../b", "/a/."}) {
      assertFalse(ListedFolders.walkable(p), String.valueOf(p));
    }
  }
}
