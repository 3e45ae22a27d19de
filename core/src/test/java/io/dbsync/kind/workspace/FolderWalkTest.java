package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderWalkTest {
  /** A folder tree: folder -> its subfolders (every folder also holds one notebook). */
  private static JsonNode listing(String dir, List<String> subfolders) {
    ObjectNode out = TfJson.object();
    ArrayNode objects = out.putArray("objects");
    for (String sub : subfolders) {
      objects.addObject().put("path", sub).put("object_type", "DIRECTORY");
    }
    objects.addObject().put("path", dir + "/nb").put("object_type", "NOTEBOOK");
    return out;
  }

  /**
   * A deep folder is listed while a folder nearer the root still waits for its answer: the slow
   * folder's listing returns only once the deepest folder of another branch was listed, which a walk
   * that waits for each level could never reach.
   */
  @Test
  void aSubtreeIsListedWhileAnotherBranchIsStillAnswering() {
    Map<String, List<String>> tree = Map.of(
        "/", List.of("/slow", "/a"),
        "/slow", List.of("/slow/x"),
        "/a", List.of("/a/b"),
        "/a/b", List.of("/a/b/c"),
        "/a/b/c", List.of(),
        "/slow/x", List.of());
    CountDownLatch deepestListed = new CountDownLatch(1);
    Map<String, Optional<JsonNode>> listed = new ConcurrentHashMap<>();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> FolderWalk.walk(dir -> {
      if (dir.equals("/slow")) {
        try {
          if (!deepestListed.await(15, TimeUnit.SECONDS)) {
            throw new IOException("/a/b/c was not listed while /slow was answering");
          }
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      if (dir.equals("/a/b/c")) {
        deepestListed.countDown();
      }
      return listing(dir, tree.get(dir));
    }, "/", d -> false, listed));
    assertEquals(tree.keySet(), listed.keySet());
  }

  /**
   * Stress: a random tree of 2,000 folders, random delays, some skipped, some gone (404) between
   * their parent's listing and their own: every reachable folder is listed exactly once, nothing
   * skipped or below a skipped or gone folder is listed, and never more than the walk's parallelism
   * are in flight.
   */
  @Test
  void everyReachableFolderIsListedOnceAndNoMoreThanTheParallelismAtATime() throws Exception {
    for (int round = 0; round < 5; round++) {
      Random random = new Random(round);
      Map<String, List<String>> tree = new HashMap<>();
      List<String> all = new ArrayList<>(List.of("/r"));
      tree.put("/r", new ArrayList<>());
      for (int i = 1; i < 2000; i++) {
        String parent = all.get(random.nextInt(all.size()));
        String child = parent + "/f" + i;
        tree.get(parent).add(child);
        tree.put(child, new ArrayList<>());
        all.add(child);
      }
      Set<String> gone = new HashSet<>();
      Set<String> skippedSet = new HashSet<>();
      for (String f : all.subList(1, all.size())) {
        int r = random.nextInt(100);
        if (r < 3) {
          gone.add(f);
        } else if (r < 6) {
          skippedSet.add(f);
        }
      }
      Predicate<String> skipped = skippedSet::contains;
      Set<String> expected = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of("/r"));
      while (!todo.isEmpty()) {
        String f = todo.pop();
        if (!skipped.test(f) && expected.add(f) && !gone.contains(f)) {
          todo.addAll(tree.get(f));
        }
      }
      Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
      AtomicInteger inFlight = new AtomicInteger();
      AtomicInteger maxInFlight = new AtomicInteger();
      Map<String, Optional<JsonNode>> listed = new ConcurrentHashMap<>();
      FolderWalk.walk(dir -> {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          calls.computeIfAbsent(dir, d -> new AtomicInteger()).incrementAndGet();
          if (random.nextInt(4) == 0) {
            Thread.sleep(0, random.nextInt(500_000));
          }
          return gone.contains(dir) ? null : listing(dir, tree.get(dir));
        } catch (InterruptedException e) {
          throw new IOException(e);
        } finally {
          inFlight.decrementAndGet();
        }
      }, "/r", skipped, listed);
      assertEquals(expected, listed.keySet(), "round " + round);
      assertTrue(calls.values().stream().allMatch(c -> c.get() == 1), "listed once each, round " + round);
      for (String f : gone) {
        if (expected.contains(f)) {
          assertEquals(Optional.empty(), listed.get(f), "a folder gone meanwhile maps to empty");
        }
      }
      assertTrue(maxInFlight.get() <= FolderWalk.PARALLELISM, "in flight " + maxInFlight.get());
      assertTrue(maxInFlight.get() > 1, "the listings overlap");
    }
  }

  /** The first failure is thrown, and nothing the folders in flight then name is listed. */
  @Test
  void aFailedListingStopsTheWalkAndIsThrown() {
    Map<String, List<String>> tree = new HashMap<>();
    List<String> top = new ArrayList<>(List.of("/bad"));
    for (int i = 0; i < 5; i++) {
      List<String> kids = new ArrayList<>();
      for (int k = 0; k < 100; k++) {
        kids.add("/ok" + i + "/k" + k);
      }
      tree.put("/ok" + i, kids);
      top.add("/ok" + i);
    }
    tree.put("/", top);
    Set<String> asked = ConcurrentHashMap.newKeySet();
    IOException thrown = assertThrows(IOException.class, () -> FolderWalk.walk(dir -> {
      asked.add(dir);
      if (dir.equals("/bad")) {
        throw new IOException("403 on /bad");
      }
      if (dir.startsWith("/ok")) {
        try {
          Thread.sleep(300); // answers after /bad failed
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      return listing(dir, tree.getOrDefault(dir, List.of()));
    }, "/", d -> false, new ConcurrentHashMap<>()));
    assertEquals("403 on /bad", thrown.getMessage());
    assertFalse(asked.stream().anyMatch(d -> d.contains("/k")), "no folder named after the failure is listed: " + asked);
  }

  /** Folders listed by an earlier walk of the same run (another root) are not listed again nor walked into. */
  @Test
  void foldersListedBeforeAreNeitherListedAgainNorWalkedInto() throws Exception {
    Map<String, List<String>> tree = Map.of(
        "/p", List.of("/p/q", "/p/z"),
        "/p/q", List.of("/p/q/r"),
        "/p/q/r", List.of(),
        "/p/z", List.of());
    Map<String, Optional<JsonNode>> listed = new ConcurrentHashMap<>();
    listed.put("/p/q", Optional.of(listing("/p/q", tree.get("/p/q"))));
    List<String> asked = new ArrayList<>();
    FolderWalk.walk(dir -> {
      synchronized (asked) {
        asked.add(dir);
      }
      return listing(dir, tree.get(dir));
    }, "/p", d -> false, listed);
    asked.sort(null);
    assertEquals(List.of("/p", "/p/z"), asked);
    assertEquals(Set.of("/p", "/p/q", "/p/z"), listed.keySet());
  }
}
